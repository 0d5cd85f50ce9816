import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// An event stream that resumes after `Last-Event-ID: N` starts reading at the block holding event N+1
/// (found on the block index), not at the log's first record, and sends the very frames a read from the
/// start would: the line a step was in the middle of is looked for in the blocks before, however many
/// records of other steps came since it began.
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
        let blocks = try LogBlocks(log)
        let starts = blocks.starts
        #expect(starts.count > 10)
        let whole = try Self.allFrames(log)
        let firstSequence = { (block: Int) in try blocks.events(from: block).next()?.sequence ?? .max }
        var generator = SplitMix64(seed: seed)
        for _ in 0..<25 {
            let after = generator.next() % UInt64(whole.count)
            // The first block read is the one that holds event after+1.
            var seeking = try FrameReader(log, after: after)
            #expect(try firstSequence(seeking.firstBlock) <= after + 1)
            let nextFirst = seeking.firstBlock + 1 == starts.count ? UInt64.max : try firstSequence(seeking.firstBlock + 1)
            #expect(nextFirst > after + 1)
            if after > whole[whole.count / 4].sequence { #expect(seeking.firstBlock > 0, "a resume late in the log read it from the start") }
            // Each frame is byte for byte the one a read from the start sends.
            let frames = seeking.read(bytesMax: .max).frames
            #expect(frames.map(\.sequence) == whole.map(\.sequence).filter { $0 > after })
            #expect(frames.map(\.bytes) == whole.filter { $0.sequence > after }.map(\.bytes), "after \(after)")
        }
    }

    /// A step's short line begun before hundreds of records of another step (many blocks back) is drawn whole
    /// by a resume from anywhere inside it, as a read from the start draws it.
    @Test(arguments: [UInt64(1), 2, 3])
    func aLineBegunManyBlocksBeforeTheResumePointIsDrawnWhole(seed: UInt64) throws {
        let written = try HandWrittenLog(creator: PlanArchive.creator, blockBytes: 4096)
        var generator = SplitMix64(seed: seed)
        try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array("first line\n".utf8), redacted: false))
        let begun = written.lastSequence
        try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array("fetching mirror \(seed) ...".utf8), redacted: false))
        for round in 0..<(3 + Int(generator.next() % 3)) {
            for line in 0..<(100 + Int(generator.next() % 100)) {
                let text = "docs \(round).\(line) " + String(repeating: "d", count: Int(generator.next() % 120)) + "\n"
                try written.append(.outputChunk(step: written.other, stream: .stdout, data: Array(text.utf8), redacted: false))
            }
            try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array(" \(round)0%".utf8), redacted: false))
        }
        try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array(" done\nnext line\n".utf8), redacted: false))
        let ended = written.lastSequence
        try written.close()
        let log = written.log
        #expect(try log.blockStarts().count > 10)
        let whole = try Self.allFrames(log)
        let done = try #require(whole.first { String(decoding: $0.bytes, as: UTF8.self).contains("done") })
        #expect(String(decoding: done.bytes, as: UTF8.self).contains("fetching mirror \(seed) ..."))
        for after in stride(from: begun, to: ended, by: 1 + Int(generator.next() % 7)) {
            var reader = try FrameReader(log, after: after)
            #expect(reader.read(bytesMax: .max).frames.map(\.bytes) == whole.filter { $0.sequence > after }.map(\.bytes), "after \(after)")
        }
    }
}
