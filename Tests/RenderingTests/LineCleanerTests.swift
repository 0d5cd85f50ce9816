import InstallModel
@testable import Rendering
import Testing

/// A line without a newline costs work linear in its bytes and memory bounded by `rawLineBytesMax`,
/// and shows what the whole line shows.
@Suite("line cleaning")
struct LineCleanerTests {
    /// A long line drawn from what progress output holds: text, multibyte characters, carriage returns,
    /// colour, erase to the end of the line, tabs; long stretches with no carriage return among them.
    static func longLine(seed: UInt64, bytes: Int) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        let pieces = ["progress ", "é", "😀", "\r", "\r", "\u{1B}[31m", "\u{1B}[0m", "\u{1B}[K", "\t", " 50%"].map { Array($0.utf8) }
        var out: [UInt8] = []
        while out.count < bytes {
            if Int.random(in: 0..<8, using: &generator) == 0 {
                out += [UInt8](repeating: UInt8(ascii: "A") + UInt8.random(in: 0..<26, using: &generator), count: Int.random(in: 1...9_000, using: &generator))
            } else {
                out += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
        }
        return out
    }

    /// What a terminal shows of `line` rendered whole, cut as `LineCleaner` cuts it.
    static func shownWhole(_ line: [UInt8]) -> String {
        String(decoding: TerminalLine.render(line, keepColor: false).prefix(LineCleaner.lineBytesMax), as: UTF8.self)
    }

    @Test(arguments: 0..<64)
    func aLongLineShowsWhatItShowsWhole(seed: UInt64) {
        let line = Self.longLine(seed: seed, bytes: 40_000)
        var cleaner = LineCleaner()
        var lines: [String] = []
        for chunk in OutputTailTests.chunks(of: line, seed: seed, largest: 5_000) { cleaner.feed(chunk) { lines.append($0) } }
        #expect(cleaner.partial == Self.shownWhole(line), "seed \(seed)")
        cleaner.feed([0x0A]) { lines.append($0) }
        #expect(lines == [Self.shownWhole(line)], "seed \(seed)")
    }

    /// The shapes that made cleaning quadratic: a carriage return then a long run, a long run then
    /// redraws, redraws of a long line; work (raw bytes rendered to fold) stays within a small multiple
    /// of the input, and the kept line within its bound.
    @Test(arguments: [
        ("\r", "A", ""), ("", "A", "\rB"), ("", "Bé", "\r"), ("", "C\u{1B}[K", "\r\r\r"), ("\r\r", "D", "\u{1B}[2K"),
    ])
    func workIsLinearInTheLine(head: String, run: String, redraw: String) {
        let runs = 1_000
        var cleaner = LineCleaner()
        var fed = 0
        let piece = Array(head.utf8) + Array(String(repeating: run, count: 300).utf8) + Array(redraw.utf8)
        for _ in 0..<runs {
            cleaner.feed(piece) { _ in Issue.record("no newline was fed") }
            fed += piece.count
        }
        #expect(cleaner.foldedBytes <= 4 * fed, "rendered \(cleaner.foldedBytes) bytes to fold \(fed)")
        #expect(cleaner.partial.unicodeScalars.count <= LineCleaner.lineBytesMax)
        // A mebibyte with no carriage return: skipped past the limit, at most one fold.
        let before = cleaner.foldedBytes
        cleaner.feed([UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)) { _ in }
        #expect(cleaner.foldedBytes - before <= LineCleaner.rawLineBytesMax)
    }

    /// The screen-free path for printable ASCII, tabs and carriage returns gives what the screen gives
    /// (a trailing no-op escape sends the same bytes through the screen).
    @Test(arguments: 0..<200)
    func plainTextRendersAsTheScreenDoes(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("ab Z~\t\r\r".utf8)
        let line = (0..<Int.random(in: 0...300, using: &generator)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        let throughScreen = TerminalLine.render(line + Array("\u{1B}[m".utf8), keepColor: false)
        #expect(TerminalLine.render(line, keepColor: false) == throughScreen, "seed \(seed)")
    }

    /// Output with C1 controls, bidi controls and line separators among text (every such scalar from
    /// U+0080 to U+206F, drawn by seed): the cleaned line and the rendered one keep the text and drop them.
    @Test(arguments: 0..<32)
    func actingScalarsInOutputAreDropped(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let acting = (0x80...0x206F).compactMap(Unicode.Scalar.init).filter(NeutralText.acts)
        var text = "", expected = ""
        for _ in 0..<Int.random(in: 1...12, using: &generator) {
            let word = ["ok", "é", "日本", "x y"].randomElement(using: &generator)!
            text += word + String(acting.randomElement(using: &generator)!)
            expected += word
        }
        #expect(LineCleaner.lines(of: Array((text + "\n").utf8)) == [expected], "seed \(seed)")
        #expect(String(decoding: TerminalLine.render(Array(text.utf8), keepColor: false), as: UTF8.self) == expected, "seed \(seed)")
        #expect(text.utf8.withContiguousStorageIfAvailable { TerminalLine.needsRendering(UnsafeRawBufferPointer($0)) } == true)
    }
}
