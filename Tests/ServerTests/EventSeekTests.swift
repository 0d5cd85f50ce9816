import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// An event stream that resumes after `Last-Event-ID: N` starts reading at the block holding event N+1
/// (found on the block index), not at the log's first record, and sends the very frames a read from the
/// start would: the line a step was in the middle of is read from the blocks before, not cut.
@Suite struct EventSeekTests {
    static func allFrames(_ log: PlanLog) throws -> [FrameReader.Frame] {
        var reader = try FrameReader(log, after: 0)
        return reader.read(bytesMax: .max).frames
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aResumeStartsAtTheBlockHoldingItsEventAndSendsWhatAWholeReadSends(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: 80 + seed, blockBytes: 4096)
        try recorded.recordOutput(lines: 1200)
        try recorded.finish()
        let log = recorded.log
        let starts = try log.blockStarts()
        #expect(starts.count > 10)
        let whole = try Self.allFrames(log)
        let firstSequence = { (block: Int) in try log.events(from: starts[block]).next()?.sequence ?? .max }
        var generator = SplitMix64(seed: seed)
        for _ in 0..<25 {
            let after = generator.next() % UInt64(whole.count)
            // Without priming, the first block read is the one that holds event after+1.
            var seeking = try FrameReader(log, after: after, primingBytes: 0)
            #expect(try firstSequence(seeking.firstBlock) <= after + 1)
            let nextFirst = seeking.firstBlock + 1 == starts.count ? UInt64.max : try firstSequence(seeking.firstBlock + 1)
            #expect(nextFirst > after + 1)
            if after > whole[whole.count / 4].sequence { #expect(seeking.firstBlock > 0, "a resume late in the log read it from the start") }
            #expect(seeking.read(bytesMax: .max).frames.map(\.sequence) == whole.map(\.sequence).filter { $0 > after })
            // With the blocks before it read too, each frame is byte for byte the one a read from the start sends.
            var primed = try FrameReader(log, after: after, primingBytes: 32 << 10)
            let frames = primed.read(bytesMax: .max).frames
            #expect(frames.map(\.bytes) == whole.filter { $0.sequence > after }.map(\.bytes), "after \(after)")
        }
    }
}
