import Foundation
import Testing
@testable import EventLog

/// Block headers say which blocks hold checkpoints, so a reader jumps to the last one by reading headers only.
struct CheckpointTests {
    private func makeLog(_ path: String, checkpoints: Set<Int>, records: Int = 400) throws {
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0,
                                        options: LogWriterOptions(blockBytesTarget: 4096))
        for index in 0..<records {
            try writer.append(textPayload(index: index, bytes: 200), checkpoint: checkpoints.contains(index))
        }
        try writer.close()
    }

    @Test func seekLandsOnTheLastCheckpoint() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        try makeLog(path, checkpoints: [3, 150, 151, 333])
        let reader = try LogReader(path: path)
        #expect(try reader.seekToLastCheckpoint())
        let record = try #require(try reader.next())
        #expect(record.index == 333 && record.isCheckpoint)
        #expect(record.payload == textPayload(index: 333, bytes: 200))
        #expect(try reader.next()?.index == 334)
        var rest = 0
        while try reader.next() != nil { rest += 1 }
        #expect(rest == 400 - 335)
    }

    @Test func seekWithoutCheckpointsReturnsFalse() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        try makeLog(path, checkpoints: [])
        let reader = try LogReader(path: path)
        #expect(try !reader.seekToLastCheckpoint())
        #expect(try reader.next()?.index == 0)
    }

    @Test func seekIgnoresCheckpointsInATornTail() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        try makeLog(path, checkpoints: [10, 399])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try writeFile(path, Array(bytes.dropLast(3)))
        let reader = try LogReader(path: path)
        #expect(try reader.seekToLastCheckpoint())
        #expect(try reader.next()?.index == 10)
    }
}

