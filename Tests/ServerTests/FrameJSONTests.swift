import Foundation
import InstallModel
import Testing

@testable import Server

/// The JSON strings written straight into frames parse back to the text given, and carry no control nor any
/// scalar that acts rather than shows (bidi overrides, zero-width, line separators, C1) unescaped.
@Suite struct FrameJSONTests {
    static let pool: [String] = [
        "a", "Z", " ", "/", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1b}", "\u{7f}", "\u{9b}", "é", "日", "\u{202e}", "\u{200b}",
        "\u{2028}", "\u{feff}", "😀", "\u{e0001}", "&lt;", "</script>", "%",
    ]

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func aStringParsesBackAndShowsNothingThatActs(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        for _ in 0..<300 {
            let text = (0..<Int(generator.next() % 12)).map { _ in Self.pool[Int(generator.next() % UInt64(Self.pool.count))] }.joined()
            var out: [UInt8] = Array("[".utf8)
            FrameJSON.appendString(text, to: &out)
            out += Array("]".utf8)
            let parsed = try JSONSerialization.jsonObject(with: Data(out)) as? [String]
            #expect(parsed == [text], "\(text.debugDescription)")
            let written = String(decoding: out, as: UTF8.self)
            #expect(!written.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.isEscapedWhenShown) }, "\(written.debugDescription)")
        }
    }
}
