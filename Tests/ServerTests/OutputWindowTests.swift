import Foundation
import InstallModel
import Testing

@testable import Server

/// A plan page opens at the tail of the log and pages back by block: the last line is in the first
/// window, and paging back to the start gives every line exactly once, in order.
@Suite struct OutputWindowTests {
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func pagingBackFromTheTailGivesEveryLineOnce(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 4 << 10)
        try recorded.recordOutput(lines: 1500 + Int(seed) * 311, cutAnywhere: false)
        try recorded.finish()
        let expected = recorded.lines.map { OutputHTML.line(Array($0.utf8)) }

        let linesMax = 100 + Int(seed) * 37
        var window = try OutputWindow.tail(of: recorded.log, limits: .init(lines: linesMax))
        #expect(window.steps.first?.lines.last?.html == expected.last)
        #expect(window.lastSequence > 0)
        var shown = window.steps.flatMap { $0.lines.map(\.html) }
        var pages = 1
        while let cursor = window.earlier {
            window = try OutputWindow.earlier(in: recorded.log, before: cursor, limits: .init(lines: linesMax))
            shown = window.steps.flatMap { $0.lines.map(\.html) } + shown
            pages += 1
            #expect(pages < 1000, "paging back does not end")
            if pages >= 1000 { break }
        }
        #expect(pages > 2)
        #expect(shown == expected)
    }

    @Test func theFirstWindowHoldsAboutLinesMaxNotTheWholeLog() throws {
        let recorded = try RecordedPlan(seed: 9, blockBytes: 4 << 10)
        try recorded.recordOutput(lines: 5000)
        try recorded.finish()
        let window = try OutputWindow.tail(of: recorded.log, limits: .init(lines: 200))
        let count = window.steps.reduce(0) { $0 + $1.lines.count }
        #expect(count >= 200 && count < 400, "\(count) lines in the first window")
        #expect(window.earlier != nil)
    }

    /// A line whose chunks fall on both sides of a window's edge comes back from "earlier output" as the
    /// start of the line already shown (`continues`), not as a line of its own.
    @Test(arguments: [UInt64(11), 12, 13])
    func aLineCutByAWindowsEdgeIsDrawnAsOneLine(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 4 << 10)
        var generator = SplitMix64(seed: seed)
        var lines: [String] = []
        var text: [UInt8] = []
        for number in 0..<800 {
            lines.append("line \(number) " + String(repeating: "ab<&>", count: Int(generator.next() % 60)))
            text += Array((lines[number] + "\n").utf8)
        }
        try recorded.recordCut(text, chunkMax: 700, &generator)
        try recorded.finish()
        let limits = OutputWindow.Limits(lines: 20 + Int(seed))
        var window = try OutputWindow.tail(of: recorded.log, limits: limits)
        var shown = window.steps.flatMap { $0.lines.map(\.html) }
        var joined = 0
        while let cursor = window.earlier {
            window = try OutputWindow.earlier(in: recorded.log, before: cursor, limits: limits)
            var older = window.steps.flatMap(\.lines)
            // As the page draws it: a line that continues is the start of the first line shown.
            if let last = older.last, last.continues {
                // In place of the note that the line began earlier, when the window knew it (serve20 #6).
                let note = shown[0].hasPrefix(WindowBoundTests.beganEarlierNote) ? WindowBoundTests.beganEarlierNote.count : 0
                shown[0] = last.html + shown[0].dropFirst(note)
                older.removeLast()
                joined += 1
            }
            #expect(older.filter(\.continues).isEmpty)
            shown = older.map(\.html) + shown
        }
        #expect(joined >= 3, "too few window edges fell inside a line: the joining is not tested")
        #expect(shown == lines.map { OutputHTML.line(Array($0.utf8)) })
    }

    /// Chunks cut anywhere (inside a line, between `\r` and `\n`) give the lines of the whole text.
    @Test(arguments: [UInt64(5), 6, 7])
    func stepLinesDoNotDependOnWhereChunksAreCut(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let text = Array((0..<300).map { "l\($0)" + (generator.next() % 3 == 0 ? "\r\n" : "\n") }.joined().utf8)
        var lines = StepLines()
        var got: [[UInt8]] = []
        var start = 0
        while start < text.count {
            let end = min(text.count, start + 1 + Int(generator.next() % 17))
            got += lines.feed(Array(text[start..<end])).map(\.bytes)
            start = end
        }
        #expect(got == text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map(Array.init))
        #expect(lines.partial.isEmpty)
    }
}

/// A line's permalink (`#e<event>.<line>`) and a search hit open the page at that line however early it is:
/// `?at=<event>` draws the window that ends with that event's lines (serve10 #5).
@Suite struct PermalinkWindowTests {
    @Test(arguments: [UInt64(21), 22, 23])
    func aWindowUpToAnEarlyEventHoldsItsLines(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 4 << 10)
        try recorded.recordOutput(lines: 6000, cutAnywhere: false)
        try recorded.finish()
        let tail = try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false)
        var generator = SplitMix64(seed: seed)
        let events = try recorded.log.events()
        let outputs = events.compactMap { event -> UInt64? in
            guard case .outputChunk = event.body else { return nil }
            return event.sequence
        }
        for _ in 0..<5 {
            let target = outputs[Int(generator.next() % UInt64(outputs.count / 2))]
            #expect(!tail.contains("id=\"e\(target).0\""), "the tail already holds event \(target): the test proves nothing")
            let window = try OutputWindow.upTo(event: target, in: recorded.log, limits: .init(lines: 300))
            #expect(window.steps.first?.lines.last?.sequence == target)
            let page = try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false, place: .init(at: target))
            #expect(page.contains("id=\"e\(target).0\""))
            #expect(page.contains("data-live=\"false\""))
        }
    }
}
