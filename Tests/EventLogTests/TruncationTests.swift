import Foundation
import Testing
@testable import EventLog

/// A log cut at any byte keeps exactly the records of the complete blocks before the cut
/// (FORMAT.md §5.1: the block is the unit of validity).
struct TruncationTests {
    @Test func cutAtEveryByteKeepsExactlyTheWholeBlocksBeforeIt() throws {
        let directory = try TemporaryDirectory()
        let log = try SmallLog.make(at: directory.file("small.evlog"))
        #expect(log.bytes.count > 3000)
        #expect(log.blockEnds.count >= 3)
        let path = directory.file("cut.evlog")
        var previous = 0
        for cut in 0...log.bytes.count {
            try writeFile(path, Array(log.bytes[0..<cut]))
            let expected = log.recordsBefore(cut: Int64(cut))
            let read = try readAll(path)
            let records = read?.records ?? []
            #expect(records.count == expected, "cut at \(cut)")
            for record in records where record.payload != log.payloads[Int(record.index)] {
                Issue.record("cut at \(cut): record \(record.index) differs")
            }
            let clean = Int64(cut) == log.headerBytes || log.blockEnds.contains(Int64(cut))
            let verdict = try LogVerifier.verify(path: path)
            #expect(verdict.damaged == !clean, "cut at \(cut)")
            #expect(verdict.records == UInt64(expected), "cut at \(cut)")
            #expect(verdict.records >= UInt64(previous))
            previous = expected
        }
    }

    @Test func reopeningAfterEveryCutRecoversAndAppendingContinues() throws {
        let directory = try TemporaryDirectory()
        let log = try SmallLog.make(at: directory.file("small.evlog"))
        let path = directory.file("cut.evlog")
        let options = LogWriterOptions(blockBytesTarget: 4096, compressesInBackground: false)
        for cut in 0...log.bytes.count {
            try writeFile(path, Array(log.bytes[0..<cut]))
            // Each reopen at its own second, as in life, so the damaged tails it keeps get their own names.
            let writer = try LogWriter.open(path: path, label: "p-small", creator: "EventLogTests", createdAtMicros: 1_700_000_000_000_000,
                                            nowMicros: 1_700_000_000_000_000 + Int64(cut) * 1_000_000, options: options)
            if let recovery = writer.recovery {
                #expect(try readFileBytes(recovery.savedPath) == Array(log.bytes[Int(recovery.cutOffset)..<cut]), "cut at \(cut)")
            }
            let kept = log.recordsBefore(cut: Int64(cut))
            #expect(writer.recordCount == UInt64(kept), "cut at \(cut)")
            let clean = Int64(cut) == log.headerBytes || log.blockEnds.contains(Int64(cut))
            // An empty file is simply created; anything else short of a clean boundary is recovered.
            #expect((writer.recovery == nil) == (clean || cut == 0), "cut at \(cut)")
            try writer.append(Array("after the cut".utf8), checkpoint: true)
            try writer.close()
            let verdict = try LogVerifier.verify(path: path)
            #expect(!verdict.damaged && verdict.records == UInt64(kept + 1), "cut at \(cut)")
            guard let read = try readAll(path) else {
                Issue.record("cut at \(cut): recovered log unreadable")
                continue
            }
            #expect(read.records.last?.payload == Array("after the cut".utf8))
            #expect(read.records.dropLast().enumerated().allSatisfy { $0.element.payload == log.payloads[$0.offset] })
        }
    }
}
