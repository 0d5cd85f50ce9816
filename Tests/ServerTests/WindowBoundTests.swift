import Foundation
import InstallModel
import Testing

@testable import Server

/// serve20 #6: a window holds at most `linesMax` lines, even when one output chunk holds more (a page of 2,728 lines
/// was drawn for README's 2,000), and a first line that began before the window is marked as cut ("11997273" was
/// drawn as a line of its own). Paging back still gives every line once, each with the permalink a whole read gives.
@Suite struct WindowBoundTests {
    /// One line as a whole read of the log draws it: its permalink (event, place among the event's lines) and HTML.
    struct Shown: Equatable {
        var sequence: UInt64
        var index: Int
        var html: String
    }

    static let beganEarlierNote = "<span class=\"cut\" data-bytes=\"0\">… this line began before the output shown</span> "

    /// Chunks of up to `chunkMax` bytes of short lines (thousands of lines in one), cut anywhere.
    static func recorded(seed: UInt64, blockBytes: Int) throws -> (RecordedPlan, [Shown]) {
        let recorded = try RecordedPlan(seed: seed, blockBytes: blockBytes)
        var generator = SplitMix64(seed: seed)
        let text = Array((0..<(3000 + Int(generator.next() % 9000))).map { "\($0)" + String(repeating: "w", count: Int(generator.next() % 3)) + "\n" }.joined().utf8)
        // Even seeds: chunks of thousands of lines; odd ones: of tens, so windows also end at a chunk's end inside a line.
        try recorded.recordCut(text, chunkMax: seed % 2 == 0 ? 200 + Int(generator.next() % 30000) : 100 + Int(generator.next() % 300), &generator)
        try recorded.finish()
        var lines = StepLines()
        var whole: [Shown] = []
        for event in try recorded.log.events() {
            guard case .outputChunk(_, _, let data, _) = event.body else { continue }
            for (index, line) in lines.feed(data).enumerated() { whole.append(Shown(sequence: event.sequence, index: index, html: OutputHTML.line(line.bytes))) }
        }
        return (recorded, whole)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func everyWindowHoldsAtMostLinesMaxAndPagingBackGivesEveryLineOnce(seed: UInt64) throws {
        let blockBytes = seed % 2 == 0 ? 4 << 10 : 4 << 20
        let (recorded, whole) = try Self.recorded(seed: seed, blockBytes: blockBytes)
        // Odd seeds, in one block, also stop windows by bytes (at a chunk's end, often inside a line: marked then).
        let limits = OutputWindow.Limits(lines: 50 + Int(seed) * 41, bytes: blockBytes > 1 << 20 ? 4_000 : OutputWindow.bytesMax)
        var window = try OutputWindow.tail(of: recorded.log, limits: limits)
        var shown: [Shown] = []
        var pages = 0
        while true {
            var lines = window.steps.flatMap(\.lines)
            #expect(lines.filter { !$0.continues && !$0.unfinished }.count <= limits.lines, "a window of \(lines.count) lines")
            if let last = lines.last, last.continues {
                // As the page draws it: the start of the first line shown, drawn inside it in place of its note.
                let first = try #require(shown.first)
                let note = first.html.hasPrefix(Self.beganEarlierNote)
                // In one block the window knows where each line began; across blocks it may not, and then says nothing.
                if blockBytes > 1 << 20 { #expect(note, "a line that began before the window is not marked: \(first.html.prefix(60))") }
                shown[0].html = last.html + first.html.dropFirst(note ? Self.beganEarlierNote.count : 0)
                lines.removeLast()
            } else if let first = shown.first {
                #expect(!first.html.hasPrefix(Self.beganEarlierNote), "a whole line is marked as begun earlier")
            }
            shown = lines.map { Shown(sequence: $0.sequence, index: $0.index, html: $0.html) } + shown
            guard let cursor = window.earlier, pages < 2000 else { break }
            window = try OutputWindow.earlier(in: recorded.log, before: cursor, limits: limits)
            pages += 1
        }
        #expect(pages > 3)
        #expect(shown.count == whole.count)
        #expect(shown == whole)
    }

    /// A permalink to any line of an event of thousands of lines opens a window that ends with that line.
    @Test(arguments: [UInt64(7), 8, 9])
    func aWindowUpToALineEndsWithIt(seed: UInt64) throws {
        let (recorded, whole) = try Self.recorded(seed: seed, blockBytes: 4 << 10)
        var generator = SplitMix64(seed: seed)
        for _ in 0..<20 {
            let target = whole[Int(generator.next() % UInt64(whole.count))]
            let window = try OutputWindow.upTo(event: target.sequence, line: target.index, in: recorded.log, limits: .init(lines: 100))
            let lines = window.steps.flatMap(\.lines).filter { !$0.continues }
            #expect(lines.count <= 100)
            #expect(lines.last?.sequence == target.sequence && lines.last?.index == target.index, "\(target.sequence).\(target.index)")
        }
    }
}
