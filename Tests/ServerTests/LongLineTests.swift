import Foundation
import InstallModel
import Rendering
import Testing

@testable import Server

/// A line far longer than a page (minified JS, a progress bar without `\r`, a base64 blob) costs what a
/// short one does: the tail view reads a bounded amount and shows the line's end after a note of what
/// came before, and search finds a match anywhere in it, streaming.
@Suite struct LongLineTests {
    /// Lines of seeded lengths (some far over the cap), cut into chunks anywhere.
    static func lines(seed: UInt64, count: Int) -> (lines: [[UInt8]], chunks: [[UInt8]]) {
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("abcdefghij klmnop-=./".utf8)
        var lines: [[UInt8]] = []
        for _ in 0..<count {
            let length = generator.next() % 3 == 0 ? Int(generator.next() % UInt64(4 * StepLines.partialBytesMax)) : Int(generator.next() % 200)
            lines.append((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        let text = lines.flatMap { $0 + [UInt8(ascii: "\n")] }
        var chunks: [[UInt8]] = []
        var start = 0
        while start < text.count {
            let end = min(text.count, start + 1 + Int(generator.next() % 90_000))
            chunks.append(Array(text[start..<end]))
            start = end
        }
        return (lines, chunks)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aLineKeepsItsEndAndCountsWhatCameBefore(seed: UInt64) {
        let (lines, chunks) = Self.lines(seed: seed, count: 60)
        var stepLines = StepLines()
        let got = chunks.flatMap { stepLines.feed($0) }
        #expect(got.count == lines.count)
        for (line, shown) in zip(lines, got) {
            let kept = min(line.count, StepLines.partialBytesMax)
            #expect(shown.bytes == Array(line.suffix(kept)) && shown.cut == line.count - kept)
        }
    }

    @Test(arguments: [UInt64(4), 5, 6])
    func aNeedleIsFoundAnywhereInALineHoweverItIsCut(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var (lines, _) = Self.lines(seed: seed, count: 120)
        let needle = Array("needle-42".utf8)
        for index in lines.indices {
            switch generator.next() % 6 {
            case 0, 1:
                // Anywhere: the start of a long line (long gone from what is kept), its end, in between; any case.
                let at = Int(generator.next() % UInt64(lines[index].count + 1))
                lines[index].insert(contentsOf: generator.next() % 2 == 0 ? Array("NeEdLe-42".utf8) : needle, at: at)
            case 2:
                // Short lines that must be drawn: found as shown, not as written.
                let drawn = ["needle-\r42", "need\u{1b}[31mle-42\u{1b}[0m", "needle-42\rxxxxxxxxxxx", "nee\u{1b}]8;;x\u{07}dle-42", "n\u{202e}eedle-42"]
                lines[index] = Array(drawn[Int(generator.next() % UInt64(drawn.count))].utf8)
            default:
                break
            }
        }
        let text = lines.flatMap { $0 + [UInt8(ascii: "\n")] }
        var search = StepSearch(needle: needle)
        var found: [[UInt8]] = []
        var start = 0
        while start < text.count {
            let end = min(text.count, start + 1 + Int(generator.next() % 5_000))
            for candidate in search.feed(Array(text[start..<end])) where candidate.verdict == .found || Self.drawnHolds(candidate.line.bytes, needle) {
                found.append(candidate.line.bytes)
            }
            start = end
        }
        let expected = lines.filter { line in
            line.withUnsafeBytes(TerminalLine.needsRendering) ? Self.drawnHolds(line, needle) : String(decoding: line, as: UTF8.self).lowercased().contains("needle-42")
        }
        #expect(found == expected.map { Array($0.suffix(StepLines.partialBytesMax)) })
        #expect(found.count > 25)
    }

    static func drawnHolds(_ line: [UInt8], _ needle: [UInt8]) -> Bool {
        String(decoding: TerminalLine.render(line, keepColor: false), as: UTF8.self).lowercased().contains(String(decoding: needle, as: UTF8.self))
    }

    /// One line of several MB without a newline: the page's window reads about `bytesMax`, not the line,
    /// shows its end with the note, and search finds what its first bytes hold.
    @Test func aHugeLineIsReadInABoundedWindowAndSearchedWhole() throws {
        let recorded = try RecordedPlan(seed: 91)
        let piece = Array("lorem ipsum dolor sit amet ".utf8)
        var line = Array("NEEDLE-AT-THE-START ".utf8)
        while line.count < 3 << 20 { line += piece }
        line += Array("the END".utf8)
        var start = 0
        while start < line.count {
            let end = min(line.count, start + 60_000)
            try recorded.recorder.record(.outputChunk(step: recorded.step, stream: .stdout, data: Array(line[start..<end]), redacted: false))
            start = end
        }
        try recorded.finish()

        let window = try OutputWindow.tail(of: recorded.log, limits: .init(raw: { "/raw/\($0.rawValue)" }))
        let shown = window.steps.flatMap { $0.lines.map(\.html) }
        #expect(window.earlier != nil, "the first window read the whole line")
        #expect(shown.reduce(0) { $0 + $1.utf8.count } < 4 * StepLines.partialBytesMax)
        let last = try #require(shown.last)
        #expect(last.hasSuffix("the END"))
        #expect(last.contains("… more than ") && last.contains("bytes earlier on this line") && last.contains("href=\"/raw/\(recorded.step.rawValue)\""))

        // Earlier output of that line is one fragment, the start of the line shown.
        let older = try OutputWindow.earlier(in: recorded.log, before: try #require(window.earlier), limits: .init(raw: { "/raw/\($0.rawValue)" }))
        let olderLines = older.steps.flatMap(\.lines)
        #expect(olderLines.count == 1 && olderLines.first?.continues == true, "\(olderLines.map(\.html.count))")

        let result = try LogSearch.search(recorded.log, for: "needle-at-the-start", page: 1)
        #expect(result.matches.count == 1)
        // The window starts at the line's first byte: no note of bytes before it (serve14 #4), one of those after it.
        let hit = try #require(result.matches.first).html
        #expect(hit.hasPrefix("NEEDLE-AT-THE-START") && !hit.contains("bytes earlier on this line") && hit.contains("bytes later on this line"), "\(hit.prefix(200))")
    }
}
