import InstallModel
import Testing
@testable import Sealing

/// A keyring's host names are printed in reports as they are, so they are checked when the keyring is read.
struct KeyringNameTests {
    /// Host names a keyring may give (they are printed in reports as they are): whatever random text is accepted is
    /// one inert word — 1–64 ASCII letters, digits, `.`, `-`, `_`, not starting with a punctuation mark — and every
    /// such word is accepted.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aKeyringHostNameIsOneInertWord(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let word = Array("abcXYZ019.-_".unicodeScalars)
        let hostile = Array(" ()[];:/\\'\"\u{1b}\u{07}\n\r\t\u{7f}\u{9b}\u{202e}\u{2028}é€".unicodeScalars)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...70, using: &random)
            let pool = Bool.random(using: &random) ? word : word + hostile
            let name = String(String.UnicodeScalarView((0..<length).map { _ in pool.randomElement(using: &random)! }))
            let inert = (1...64).contains(length) && name.unicodeScalars.allSatisfy { word.contains($0) }
                && !".-_".unicodeScalars.contains(name.unicodeScalars.first!)
            #expect(TrustedKeys.hostNameIsValid(name) == inert, "\(name.debugDescription)")
            #expect(!TrustedKeys.shown(name).unicodeScalars.contains { hostile.contains($0) }, "\(name.debugDescription)")
        }
    }
}
