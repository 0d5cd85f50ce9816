import Foundation
import InstallModel
import Testing

@testable import Server

/// A search hit shows its match and opens the plan page at its line: a match inside a line over 64 KB is shown
/// with the bytes around it (serve10 #15), every hit links to `?at=<event>.<line>#e<event>.<line>` and that page holds
/// that line (serve10 #5), and a page past the last says how many matches there are (serve10 #6).
@Suite struct SearchHitTests {
    /// Lines of `x`s, some long (up to 300 KB), some holding `NEEDLE` anywhere, in chunks cut anywhere.
    private static func record(seed: UInt64) throws -> (RecordedPlan, needles: Int) {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 16 << 10)
        var generator = SplitMix64(seed: seed)
        var text: [UInt8] = []
        var needles = 0
        for number in 0..<250 {
            // Every 25th line is long (100–300 KB) and holds the needle anywhere: before its last 64 KB, most often.
            let long = number % 25 == 7
            var line = Array("row \(number) ".utf8) + Array(repeating: UInt8(ascii: "x"), count: Int(long ? 100_000 + generator.next() % 200_000 : generator.next() % 120))
            if long || generator.next() % 3 == 0 {
                line.insert(contentsOf: Array("NEEDLE".utf8), at: Int(generator.next() % UInt64(line.count + 1)))
                needles += 1
            }
            text += line + [UInt8(ascii: "\n")]
        }
        try recorded.recordCut(text, chunkMax: 40_000, &generator)
        try recorded.finish()
        return (recorded, needles)
    }

    @Test(arguments: [UInt64(51), 52, 53])
    func everyHitShowsItsMatchAndOpensAtItsLine(seed: UInt64) throws {
        let (recorded, needles) = try Self.record(seed: seed)
        var hits: [LogSearch.Match] = []
        var page: UInt64 = 1
        while true {
            let result = try LogSearch.search(recorded.log, for: "needle", page: page)
            hits += result.matches
            guard result.more else { break }
            page += 1
        }
        #expect(hits.count == needles)
        #expect(hits.contains { $0.html.contains("bytes earlier on this line") }, "no hit in a long line: the test proves nothing")
        for hit in hits { #expect(hit.html.contains("NEEDLE"), "the hit in event \(hit.sequence) does not show its match") }
        // Each page reads a window of the log: a sample of the hits, the long lines' among them.
        var generator = SplitMix64(seed: seed)
        let sample = hits.filter { $0.html.contains("bytes earlier on this line") }.prefix(3) + (0..<5).map { _ in hits[Int(generator.next() % UInt64(hits.count))] }
        for hit in sample {
            let page = try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false, place: .init(at: hit.sequence))
            #expect(page.contains("id=\"e\(hit.sequence).\(hit.index)\""), "event \(hit.sequence) line \(hit.index)")
            let line = try #require(page.components(separatedBy: "id=\"e\(hit.sequence).\(hit.index)\"").last?.components(separatedBy: "</span>\n").first)
            #expect(line.contains("NEEDLE") || line.contains("bytes earlier on this line"), "the permalinked line is another")
        }
        let html = LogSearch.html(try LogSearch.search(recorded.log, for: "needle", page: 1), query: "needle", page: 1, base: "/plans/p", plan: "p", fleet: false)
        for hit in hits.prefix(LogSearch.pageSize) { #expect(html.contains("href=\"/plans/p?at=\(hit.sequence).\(hit.index)#e\(hit.sequence).\(hit.index)\"")) }
        // Pages count from 1 in the URL as in the words (serve14 #1): the last page's link is the page the words name.
        let lastPage = UInt64((needles - 1) / LogSearch.pageSize + 1)
        let last = try LogSearch.search(recorded.log, for: "needle", page: lastPage)
        #expect(last.matches.count == needles - Int(lastPage - 1) * LogSearch.pageSize && !last.more)
        let lastHTML = LogSearch.html(last, query: "needle", page: lastPage, base: "/plans/p", plan: "p", fleet: false)
        #expect(lastHTML.contains("matches \(Int(lastPage - 1) * LogSearch.pageSize + 1)–\(needles) for"), "\(lastHTML)")
        for asked in [lastPage + 1, 50, UInt64.max] {
            let past = try LogSearch.search(recorded.log, for: "needle", page: asked)
            #expect(past.matches.isEmpty && past.total == needles)
            let pastHTML = LogSearch.html(past, query: "needle", page: asked, base: "/plans/p", plan: "p", fleet: false)
            #expect(pastHTML.contains("no matches on page \(asked): “needle” has \(needles) matches in the whole log, on pages 1–\(lastPage)"))
            #expect(pastHTML.contains("search?q=needle&page=\(lastPage)\">the last page"))
        }
    }
}
