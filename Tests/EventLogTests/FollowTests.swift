import Foundation
import Testing
@testable import EventLog

/// `next(timeout:)` follows a log like `tail -f` while a live writer appends.
struct FollowTests {
    @Test func followSeesRecordsAppendedByALiveWriter() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("live.evlog")
        try LogWriter.open(path: path, label: "p-live", creator: "t", createdAtMicros: 0).close()
        let reader = try LogReader(path: path)
        #expect(try reader.next() == nil)

        let total = 60
        let done = DispatchSemaphore(value: 0)
        let writerThread = Thread {
            defer { done.signal() }
            guard let writer = try? LogWriter.open(
                path: path, label: "p-live", creator: "t", createdAtMicros: 0,
                options: LogWriterOptions(flushDelayMax: .milliseconds(5)))
            else { return }
            for index in 0..<total {
                try? writer.append(Array("line \(index)".utf8))
                if index % 10 == 9 { try? writer.sync() }
                usleep(2_000)
            }
            try? writer.close()
        }
        writerThread.start()
        var seen: [String] = []
        while seen.count < total, let record = try reader.next(timeout: .seconds(10)) {
            seen.append(String(decoding: record.payload, as: UTF8.self))
        }
        done.wait()
        #expect(seen == (0..<total).map { "line \($0)" })
        #expect(try reader.next(timeout: .milliseconds(50)) == nil)
        #expect(reader.damage == nil)
    }

    @Test func followStopsAtRealCorruption() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bad.evlog")
        let log = try SmallLog.make(at: path)
        var bytes = log.bytes
        bytes[bytes.count - 5] ^= 0x01
        try writeFile(path, bytes)
        let reader = try LogReader(path: path)
        var count = 0
        while try reader.next(timeout: .seconds(5)) != nil { count += 1 }
        #expect(count == log.recordsBefore(cut: Int64(bytes.count - 1)))
        #expect(reader.damage?.isTornTail == false)
    }
}
