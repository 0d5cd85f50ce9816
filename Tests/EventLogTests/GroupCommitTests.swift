import Synchronization
import Testing
@testable import EventLog

/// A clock that moves only when told to, for the time-based group commit.
final class ManualClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))
    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }
    func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        Issue.record("the log writer must never sleep on its clock")
    }
}

/// Small records are batched into blocks, sealed by size or by age; `sync()` makes them durable.
struct GroupCommitTests {
    @Test func smallRecordsShareBlocksSealedBySize() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0,
                                        options: LogWriterOptions(blockBytesTarget: 64 << 10, flushDelayMax: .seconds(3600)))
        for index in 0..<1000 { try writer.append(textPayload(index: index, bytes: 4096 - 4)) }
        try writer.close()
        let verdict = try LogVerifier.verify(path: path)
        #expect(verdict.records == 1000)
        #expect(verdict.blocks == 1000 / 16 + 1)
    }

    @Test func pendingBlockIsSealedWhenItsFirstRecordGetsOld() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let clock = ManualClock()
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0,
                                        options: LogWriterOptions(flushDelayMax: .milliseconds(100), clock: clock, compressesInBackground: false,
                                                                  flushesOnTimer: false))
        let reader = try LogReader(path: path)
        try writer.append([1])
        clock.advance(by: .milliseconds(50))
        try writer.flushIfDue()
        #expect(try reader.next() == nil, "sealed too early")
        clock.advance(by: .milliseconds(50))
        try writer.flushIfDue()
        #expect(try reader.next()?.payload == [1])
        try writer.append([2])
        clock.advance(by: .milliseconds(150))
        try writer.append([3])
        #expect(try reader.next(timeout: .zero)?.payload == [2])
        #expect(try reader.next(timeout: .zero)?.payload == [3])
        try writer.close()
    }

    @Test func quietWriterRecordReachesTheFileWithoutAnotherCall() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        let reader = try LogReader(path: path)
        try writer.append(Array("the only line".utf8))
        // No append, flushIfDue or sync after it: only the writer's flush timer can write the block.
        #expect(try reader.next(timeout: .seconds(10))?.payload == Array("the only line".utf8))
        try writer.close()
    }

    @Test func syncMakesEveryAppendedRecordReadable() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0,
                                        options: LogWriterOptions(flushDelayMax: .seconds(3600)))
        let reader = try LogReader(path: path)
        for index in 0..<10 { try writer.append(Array("event \(index)".utf8)) }
        #expect(try reader.next() == nil)
        try writer.sync()
        var count = 0
        while try reader.next(timeout: .zero) != nil { count += 1 }
        #expect(count == 10)
        try writer.close()
        #expect(throws: EventLogError.writerClosed(path: path)) { try writer.append([1]) }
    }
}
