import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// A log damaged in the middle: its page draws output only up to the damage, as the log's reader (and so replay,
/// search and the event stream) reads it, says where the damage cut it, and follows on from the last event read
/// (serve20b #6: the page's tail reader drew the blocks after the damage as the plan's output).
@Suite struct DamageCutTests {
    @Test(arguments: [UInt64(21), 22, 23])
    func thePageStopsWhereTheReaderStops(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 4 << 10)
        try recorded.recordOutput(lines: 400, cutAnywhere: false)
        try recorded.finish()
        let starts = try recorded.log.blockStarts()
        try #require(starts.count >= 4)
        var generator = SplitMix64(seed: seed)
        // A byte flipped inside the payload of a block neither first nor last.
        let block = 1 + Int(generator.next() % UInt64(starts.count - 2))
        let offset = Int(starts[block].offset + (starts[block + 1].offset - starts[block].offset) * 3 / 4)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: recorded.log.path)))
        bytes[offset] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: recorded.log.path))
        // What the log's reader reads: its output's line numbers, and its last event.
        let stream = try recorded.log.events()
        var output: [UInt8] = []
        var last: UInt64 = 0
        for event in stream {
            last = event.sequence
            if case .outputChunk(_, _, let data, _) = event.body { output += data }
        }
        #expect(stream.damage != nil)
        let readable = Self.lineNumbers(String(decoding: output, as: UTF8.self))
        let page = try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false)
        let shown = Self.lineNumbers(page)
        #expect(shown.isEmpty == readable.isEmpty)
        #expect(shown.max() == readable.max(), "the page draws lines up to \(shown.max() ?? -1), the reader reads up to \(readable.max() ?? -1)")
        #expect(page.contains("id=\"damage-cut\""))
        #expect(page.contains("data-after=\"\(last)\""), "the page follows on from event \(last)")
    }

    /// The numbers of the `line N` lines in `text`.
    static func lineNumbers(_ text: String) -> [Int] {
        text.matches(of: /line (\d+)/).compactMap { Int($0.output.1) }
    }
}
