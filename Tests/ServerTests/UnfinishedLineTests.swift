import Foundation
import InstallModel
import Testing

@testable import Server

/// A running plan's page draws the line its step is still writing as the event stream draws a partial line
/// (`l partial`, no permalink), so the stream's next output replaces it instead of leaving the page's copy
/// as a line of its own: a 3 MB line written in 64 KB chunks ends as one line. A finished plan's last line
/// without a newline is an ordinary line.
@Suite struct UnfinishedLineTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func theLineBeingWrittenIsTheStreamsPartialLine(seed: UInt64) async throws {
        let recorded = try RecordedPlan(seed: 100 + seed)
        try recorded.recordOutput(lines: 5 + Int(seed))
        var generator = SplitMix64(seed: seed)
        let marker = "unfinished-\(generator.next() % 1000)-"
        // The line so far: several chunks, some longer than the line cap, none with a newline.
        for index in 0..<(1 + Int(generator.next() % 4)) {
            let filler = String(repeating: "b", count: Int(generator.next() % UInt64(2 * StepLines.partialBytesMax)))
            let text = index == 0 ? marker + filler : filler
            try recorded.recorder.record(.outputChunk(step: recorded.step, stream: .stdout, data: Array(text.utf8), redacted: false))
        }
        try recorded.recorder.record(.outputChunk(step: recorded.step, stream: .stdout, data: Array(" end of the line so far ...".utf8), redacted: false))
        // The writer's timer seals the pending block (the page reads sealed blocks only); the secret policy holds
        // back a line's last word until more output shows it is no part of a secret.
        var live = ""
        for _ in 0..<100 where !live.contains("end of the line so far") {
            try await Task.sleep(for: .milliseconds(50))
            live = try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false)
        }
        let partials = live.components(separatedBy: "<span class=\"l partial\"").dropFirst()
        #expect(partials.count == 1)
        #expect(partials.first?.prefix { $0 != "\n" }.contains("end of the line so far") == true)
        #expect(live.components(separatedBy: "end of the line so far").count == 2, "the line being written is drawn twice")
        #expect(live.contains("line \(recorded.lines.count - 1)"))
        try recorded.finish()
        let done = try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false)
        #expect(!done.contains("l partial") && done.contains("end of the line so far"))
    }
}
