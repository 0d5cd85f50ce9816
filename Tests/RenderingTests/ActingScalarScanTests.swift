import InstallModel
import Testing

@testable import Rendering

/// The byte scan that keeps plain and accented output on the fast path finds exactly the scalars a
/// terminal acts on (`NeutralText.acts`), whatever surrounds them, valid UTF-8 or not.
struct ActingScalarScanTests {
    /// Every non-ASCII scalar `NeutralText.acts` names, and look-alikes a byte away from one.
    static let acting: [Unicode.Scalar] = (0x80...0x9F).map { Unicode.Scalar($0)! }
        + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        .map { Unicode.Scalar($0)! }
    static let plain: [Unicode.Scalar] = [0xA0, 0xA9, 0xE9, 0x061B, 0x061D, 0x200D, 0x2010, 0x2027, 0x202F, 0x2065, 0x206A, 0x4E2D, 0x1F600]
        .map { Unicode.Scalar($0)! } + Array("abc -_:=\n\t".unicodeScalars)

    /// The oracle: decode (repairing) and ask `NeutralText.acts` of every non-ASCII scalar.
    static func decodedAnswer(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { $0.value >= 0x80 && NeutralText.acts($0) }
    }

    @Test func everyActingScalarIsFoundAndNoOtherIs() {
        for scalar in Self.acting + Self.plain {
            let bytes = Array("x\(Character(scalar))y".utf8)
            #expect(bytes.withUnsafeBytes { TerminalLine.hasActingScalars($0) } == Self.decodedAnswer(bytes), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test(arguments: 0..<400) func seededTextAgreesWithDecoding(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let pool = Self.acting + Self.plain
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 1...40, using: &random) {
            if Int.random(in: 0..<10, using: &random) == 0 {
                bytes.append(UInt8.random(in: 0x80...0xFF, using: &random))  // a stray byte: invalid UTF-8
            } else {
                let scalar = Int.random(in: 0..<8, using: &random) == 0 ? pool.randomElement(using: &random)! : Self.plain.randomElement(using: &random)!
                bytes += Array(String(Character(scalar)).utf8)
            }
        }
        #expect(bytes.withUnsafeBytes { TerminalLine.hasActingScalars($0) } == Self.decodedAnswer(bytes), "\(bytes)")
    }
}
