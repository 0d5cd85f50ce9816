import Crypto
import EventLog
import Foundation
import InstallModel
import Sealing
import Testing

/// A seal's signature covers only some of its fields, so the last seal's record bytes are covered by
/// nothing else: any change to them (an extra or repeated key, another `seq` or `time`, reformatting)
/// must fail verification, or readers would see a record other than the one verify checked.
@Suite struct SealRecordBytesTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    /// The JSON of seal `payload` changed one way an attacker can without touching the signed fields.
    static func edits(of payload: [UInt8], random: inout SplitMix64) -> [(String, [UInt8])] {
        let json = String(decoding: payload.dropFirst(), as: UTF8.self)
        let body = json.dropFirst()
        func replacing(_ name: String, by value: Int) -> String {
            let pattern = try! NSRegularExpression(pattern: "\"\(name)\":[0-9]+")
            return pattern.stringByReplacingMatches(
                in: json, range: NSRange(json.startIndex..., in: json), withTemplate: "\"\(name)\":\(value)")
        }
        let shift = Int.random(in: 1...1_000_000, using: &random)
        let type = ["plan_failed", "step_failed", "command_started", "plan_interrupted"].randomElement(using: &random)!
        let texts = [
            ("repeated type", "{\"type\":\"\(type)\"," + body),
            ("extra key", "{\"x_note\":\"EDITED\"," + body),
            ("seq", replacing("seq", by: shift)),
            ("time", replacing("time", by: 4_102_444_800_000_000 + shift)),
            ("reformatted", "{ " + body),
            // A version no evlog writes (the signed message of any `v` above 1 is the version-2 one).
            ("version", replacing("v", by: [0, 3, 4, 99].randomElement(using: &random)!)),
        ]
        return texts.map { ($0.0, [payload[0]] + Array($0.1.utf8)) }
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func everyEditOfTheLastSealsBytesFails(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let count = Int.random(in: 2...9, using: &random)
        let crashed = Bool.random(using: &random)
        let sealAfter: Set<Int> = crashed ? [count] : Set((1..<count).filter { _ in Bool.random(using: &random) })
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: count, sealAfter: sealAfter, key: key, crashed: crashed)
        let last = stored.count - 1
        #expect(SealedLogs.isSeal(stored[last]))
        #expect(try SealVerifier.verify(path: SealedLogs.rewrite(path) { _ in }, expected: key.publicKey).broken == nil)
        for (what, edited) in Self.edits(of: stored[last], random: &random) {
            let forged = try SealedLogs.rewrite(path) { $0[last].payload = edited }
            let report = try SealVerifier.verify(path: forged, expected: key.publicKey)
            #expect(report.broken != nil, "\(what) edit of the last seal passed: \(report.summary)")
            #expect(report.failed)
        }
    }
}
