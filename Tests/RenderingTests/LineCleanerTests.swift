import InstallModel
@testable import Rendering
import Testing

/// A line without a newline costs a copy of its bytes and memory bounded by twice `rawLineBytesMax`; a line
/// within `rawLineBytesMax` shows what it shows whole, a longer one shows the end of what its last
/// `rawLineBytesMax` bytes show, after how many bytes came before them.
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
        // Cut to the size asked; a character cut at the end would leave a stray byte, so the non-ASCII bytes
        // ending the line become `x`.
        var line = Array(out.prefix(bytes))
        var index = line.count
        while index > 0, line[index - 1] >= 0x80 {
            index -= 1
            line[index] = UInt8(ascii: "x")
        }
        return line
    }

    /// What a terminal shows of `line` as `LineCleaner` shows it: rendered whole and cut to its first
    /// `lineBytesMax` bytes; for a longer line than `rawLineBytesMax`, how many bytes came before its last
    /// `rawLineBytesMax`, then the last `lineBytesMax` bytes (whole characters) of what those show.
    static func shownWhole(_ line: [UInt8]) -> String {
        guard line.count > LineCleaner.rawLineBytesMax else {
            return String(decoding: TerminalLine.render(line, keepColor: false).prefix(LineCleaner.lineBytesMax), as: UTF8.self)
        }
        let before = line.count - LineCleaner.rawLineBytesMax
        let visible = String(decoding: TerminalLine.render(line.suffix(LineCleaner.rawLineBytesMax), keepColor: false), as: UTF8.self)
        var end = ""
        for character in visible.unicodeScalars.reversed() {
            guard end.utf8.count + String(character).utf8.count <= LineCleaner.lineBytesMax else { break }
            end = String(character) + end
        }
        return LineCleaner.elision(before) + end
    }

    @Test(arguments: 0..<64)
    func aLineShowsWhatItsEndShows(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        // Around the window too: a line of exactly `rawLineBytesMax` bytes shows whole, one byte more shows its end.
        let sizes = [40_000, LineCleaner.rawLineBytesMax, LineCleaner.rawLineBytesMax + 1, Int.random(in: 1...3 * LineCleaner.rawLineBytesMax, using: &generator)]
        for size in sizes {
            let line = Self.longLine(seed: seed, bytes: size)
            var cleaner = LineCleaner()
            var lines: [String] = []
            for chunk in OutputTailTests.chunks(of: line, seed: seed, largest: 5_000) { cleaner.feed(chunk) { lines.append($0) } }
            #expect(cleaner.partial == Self.shownWhole(line), "seed \(seed), \(size) bytes")
            cleaner.feed([0x0A]) { lines.append($0) }
            #expect(lines == [Self.shownWhole(line)], "seed \(seed), \(size) bytes")
        }
    }

    /// The shapes that made cleaning slow (a carriage return then a long run, a long run then redraws, redraws
    /// of a long line, random bytes), fed in chunks of every size from one byte: what is kept stays within
    /// its bound, the line shows its end and how many bytes came before, and the next line starts afresh.
    @Test(arguments: [
        ("\r", "A", ""), ("", "A", "\rB"), ("", "Bé", "\r"), ("", "C\u{1B}[K", "\r\r\r"), ("\r\r", "D", "\u{1B}[2K"),
    ])
    func memoryIsBoundedAndTheEndIsShown(head: String, run: String, redraw: String) {
        var generator = SplitMix64(seed: UInt64(head.utf8.count * 31 + run.utf8.count))
        var cleaner = LineCleaner()
        var fed = 0
        let piece = Array(head.utf8) + Array(String(repeating: run, count: 300).utf8) + Array(redraw.utf8)
        for _ in 0..<200 {
            var start = 0
            while start < piece.count {
                let end = min(piece.count, start + Int.random(in: 1...2 * LineCleaner.rawLineBytesMax, using: &generator))
                cleaner.feed(piece[start..<end]) { _ in Issue.record("no newline was fed") }
                #expect(cleaner.keptBytes < 2 * LineCleaner.rawLineBytesMax)
                start = end
            }
            fed += piece.count
        }
        let random = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }.filter { $0 != 0x0A }
        cleaner.feed(random) { _ in Issue.record("no newline was fed") }
        fed += random.count
        #expect(cleaner.keptBytes < 2 * LineCleaner.rawLineBytesMax)
        #expect(cleaner.partial.hasPrefix(LineCleaner.elision(fed - LineCleaner.rawLineBytesMax)), "\(cleaner.partial.prefix(40))")
        // At most `lineBytesMax` bytes of the end are shown (a byte that is no UTF-8 shows as one U+FFFD).
        #expect(cleaner.partial.unicodeScalars.count <= LineCleaner.elision(fed).unicodeScalars.count + LineCleaner.lineBytesMax)
        var next: [String] = []
        cleaner.feed(Array("\nafter\n".utf8)) { next.append($0) }
        #expect(next.count == 2 && next[1] == "after")
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
