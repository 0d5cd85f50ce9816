#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import InstallModel
import Synchronization
import SystemPackage

/// A command's stdout and stderr pipes, read by one thread in the order the command wrote them.
///
/// One `poll()` loop on a thread of its own (never the cooperative pool) wakes as soon as either
/// pipe has bytes and reads what is there at once, so output written by the command with any pause
/// between the two channels (a flush, a syscall, a scheduler tick) keeps its order while each chunk
/// keeps its channel. The limit: writes to both pipes that land before the reader wakes (two
/// `write`s a few microseconds apart) are both pending at one `poll()` and come out stdout first.
/// Only one shared pipe (or a pty) orders those, and both lose the channel.
final class OrderedOutputReader: Sendable {
    /// One read from one pipe.
    struct Chunk: Sendable {
        let channel: OutputChannel
        let bytes: [UInt8]
    }

    /// The write ends the child gets as its stdout and stderr (closed here once it is spawned).
    let stdoutWriteEnd: FileDescriptor
    let stderrWriteEnd: FileDescriptor
    private let stdoutReadEnd: FileDescriptor
    private let stderrReadEnd: FileDescriptor
    /// Bytes read but not yet taken by the consumer; the reader waits above `queueLimit`.
    private let queue = Mutex(QueueState())
    private let room = DispatchSemaphore(value: 0)
    private static let queueLimit = 1 << 20
    private static let readSize = 64 * 1024

    private struct QueueState {
        var queuedBytes = 0
        var readerWaiting = false
        var abandoned = false
    }

    init() throws {
        let stdoutPipe = try FileDescriptor.pipe()
        let stderrPipe = try FileDescriptor.pipe()
        for descriptor in [stdoutPipe.readEnd, stdoutPipe.writeEnd, stderrPipe.readEnd, stderrPipe.writeEnd] {
            _ = fcntl(descriptor.rawValue, F_SETFD, FD_CLOEXEC)
        }
        (stdoutReadEnd, stdoutWriteEnd) = (stdoutPipe.readEnd, stdoutPipe.writeEnd)
        (stderrReadEnd, stderrWriteEnd) = (stderrPipe.readEnd, stderrPipe.writeEnd)
    }

    /// Starts the reading thread; the stream ends when both pipes reach end of file. The consumer
    /// calls `consumed(_:)` for each chunk once it has recorded it (that is the backpressure).
    func chunks() -> AsyncStream<Chunk> {
        let (stream, continuation) = AsyncStream.makeStream(of: Chunk.self)
        continuation.onTermination = { [self] _ in
            queue.withLock { state in
                state.abandoned = true
                if state.readerWaiting { state.readerWaiting = false; room.signal() }
            }
        }
        let thread = Thread { [self] in
            readUntilEndOfFile(into: continuation)
            continuation.finish()
        }
        thread.name = "evlog-output-reader"
        thread.start()
        return stream
    }

    /// The consumer has recorded a chunk: its bytes no longer count against the queue limit.
    func consumed(_ chunk: Chunk) {
        queue.withLock { state in
            state.queuedBytes -= chunk.bytes.count
            if state.readerWaiting && state.queuedBytes <= Self.queueLimit / 2 {
                state.readerWaiting = false
                room.signal()
            }
        }
    }

    private func readUntilEndOfFile(into continuation: AsyncStream<Chunk>.Continuation) {
        defer {
            try? stdoutReadEnd.close()
            try? stderrReadEnd.close()
        }
        var open: [(FileDescriptor, OutputChannel)] = [(stdoutReadEnd, .stdout), (stderrReadEnd, .stderr)]
        var buffer = [UInt8](repeating: 0, count: Self.readSize)
        while !open.isEmpty {
            if queue.withLock({ $0.abandoned }) { return }
            var descriptors = open.map { pollfd(fd: $0.0.rawValue, events: Int16(POLLIN), revents: 0) }
            // A timeout only so an abandoned stream is noticed while a grandchild holds a pipe open.
            let ready = poll(&descriptors, nfds_t(descriptors.count), 500)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { return }
            var ended: Set<Int32> = []
            for (index, entry) in descriptors.enumerated() where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, Self.readSize) }
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if count <= 0 { ended.insert(entry.fd); continue }
                let chunk = Chunk(channel: open[index].1, bytes: Array(buffer[0..<count]))
                continuation.yield(chunk)
                if !waitForRoom(after: count) { return }
            }
            open.removeAll { ended.contains($0.0.rawValue) }
        }
    }

    /// Counts `count` more queued bytes and blocks while the queue is over its limit; false when the
    /// consumer has gone.
    private func waitForRoom(after count: Int) -> Bool {
        let mustWait = queue.withLock { state in
            state.queuedBytes += count
            state.readerWaiting = state.queuedBytes > Self.queueLimit && !state.abandoned
            return state.readerWaiting
        }
        if mustWait { room.wait() }
        return !queue.withLock { $0.abandoned }
    }
}
