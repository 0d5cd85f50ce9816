#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CProcessControl
#endif
import Foundation
import InstallModel
import Synchronization
import SystemPackage

/// A command's stdout and stderr pipes, read by one thread in the order the command wrote them.
///
/// One `poll()` loop on a thread of its own (never the cooperative pool) wakes as soon as either pipe
/// has bytes or the kernel has noticed a write. On Linux the pipes are in packet mode and inotify
/// notices each write to either of them in one queue, so `WriteOrder` puts writes a few microseconds
/// apart (`echo 1-out; echo 2-err >&2; …`) back in the order they were made, each chunk keeping its
/// channel. Without notices (macOS, no /proc, inotify's limits reached, its queue overflowed) what
/// both pipes hold at one wake-up comes out stdout first, and `orderLost` says why (the command's
/// `command_finished` records it, its step's note repeats it). So does a round whose notices cannot be split
/// for sure among the writes held (`WriteOrder.guess`: the reader fell behind and the kernel merged notices).
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
    /// Watching before the command starts: a write made before the watch would go unnoticed.
    private let notifications: WriteNotifications?
    /// Why some output went out in read order rather than write order (the first reason met), nil while
    /// write order holds.
    private let lostOrder: Mutex<String?>
    /// Bytes read but not yet taken by the consumer; the reader waits above `queueLimit`.
    private let queue = Mutex(QueueState())
    private let room = DispatchSemaphore(value: 0)
    private static let queueLimit = 1 << 20
    /// At most this much is read from one pipe per wake-up.
    private static let readSize = 64 * 1024
    /// A packet-mode read returns at most one page; a smaller buffer would lose the rest of it.
    private static let pageBytes = 4096
    /// After this many rounds with nothing on stderr, stdout is read whole; the first stderr write
    /// after that may be ordered by lines within its round (see `WriteOrder`), then packets resume.
    private static let roundsBeforeWholeReads = 16
    /// How long the notices of writes read ahead of them get to come before their order is called a guess.
    private static let settleMilliseconds: Int32 = 10
    /// Bytes held for their notices beyond this go out in read order (a huge write not yet noticed).
    private static let heldBytesMax = 4 << 20

    private struct QueueState {
        var queuedBytes = 0
        var readerWaiting = false
        var abandoned = false
    }

    init() throws {
        let stdoutPipe = try Self.pipe()
        let stderrPipe = try Self.pipe()
        (stdoutReadEnd, stdoutWriteEnd) = (stdoutPipe.readEnd, stdoutPipe.writeEnd)
        (stderrReadEnd, stderrWriteEnd) = (stderrPipe.readEnd, stderrPipe.writeEnd)
        for readEnd in [stdoutReadEnd, stderrReadEnd] {
            _ = fcntl(readEnd.rawValue, F_SETFL, fcntl(readEnd.rawValue, F_GETFL) | O_NONBLOCK)
        }
        do {
            notifications = try WriteNotifications(stdout: stdoutReadEnd.rawValue, stderr: stderrReadEnd.rawValue)
            lostOrder = Mutex(nil)
        } catch {
            notifications = nil
            lostOrder = Mutex("no write notices (\(error.reason)): stdout and stderr are in the order they were read")
        }
    }

    /// Why stdout and stderr are not (all) in the order the command wrote them, nil when they are; final once
    /// the stream of chunks has ended.
    var orderLost: String? { lostOrder.withLock { $0 } }

    private func losingOrder(_ reason: String) {
        lostOrder.withLock { if $0 == nil { $0 = reason } }
    }

    /// A close-on-exec pipe, in packet mode where the system has one.
    private static func pipe() throws -> (readEnd: FileDescriptor, writeEnd: FileDescriptor) {
        #if os(Linux)
        var descriptors: [Int32] = [-1, -1]
        if evlog_packet_pipe(&descriptors) == 0 {
            return (FileDescriptor(rawValue: descriptors[0]), FileDescriptor(rawValue: descriptors[1]))
        }
        #endif
        let pipe = try FileDescriptor.pipe()
        for descriptor in [pipe.readEnd, pipe.writeEnd] { _ = fcntl(descriptor.rawValue, F_SETFD, FD_CLOEXEC) }
        return pipe
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
        var order = WriteOrder(pageBytes: Self.pageBytes)
        var open: [(FileDescriptor, OutputChannel)] = [(stdoutReadEnd, .stdout), (stderrReadEnd, .stderr)]
        var roundsWithoutStderr = 0
        while !open.isEmpty {
            if queue.withLock({ $0.abandoned }) { return }
            var descriptors = open.map { pollfd(fd: $0.0.rawValue, events: Int16(POLLIN), revents: 0) }
            if let notifications { descriptors.append(pollfd(fd: notifications.descriptor, events: Int16(POLLIN), revents: 0)) }
            // Soon again while output waits for its notice; otherwise a timeout only so an abandoned
            // stream is noticed while a grandchild holds a pipe open.
            let ready = poll(&descriptors, nfds_t(descriptors.count), order.isWaiting ? 10 : 500)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { return }
            order.beginRound()
            // Long stretches of stdout alone are read whole, a syscall a round instead of one a packet.
            let wholeStdout = roundsWithoutStderr >= Self.roundsBeforeWholeReads
            // Reads the open pipes `wanted` picks; those at end of file are no longer open.
            func readOpenPipes(where wanted: (FileDescriptor, OutputChannel) -> Bool) {
                open.removeAll { descriptor, channel in
                    wanted(descriptor, channel) && !readAvailable(descriptor, channel, whole: wholeStdout && channel == .stdout, into: &order)
                }
            }
            let readable = Set(descriptors.filter { $0.revents != 0 }.map(\.fd))
            readOpenPipes { descriptor, _ in readable.contains(descriptor.rawValue) }
            #if os(Linux)
            // Counted before the notices are drained: those bytes were written before anything not
            // noticed, so they are read before ordering (a notice may stand for them and for bytes read).
            if notifications != nil {
                for (descriptor, channel) in open { order.unread(channel, bytes: Int(evlog_pipe_unread(descriptor.rawValue))) }
            }
            #endif
            var notices = notifications?.drain()
            order.noticed(notices?.channels ?? [])
            // Bytes counted before the drain, or a write noticed whose bytes came after the pipe was read:
            // read them now, before ordering, and no more (`readShortfall`).
            open.removeAll { descriptor, channel in !readShortfall(descriptor, channel, into: &order) }
            // A write's bytes are readable a moment before its notice is queued: the notices of the last writes
            // read may come only now. Taken before ordering, so the channel's last notice before them does not
            // take their bytes ahead of the other channel's writes; a notice whose bytes were not read yet waits
            // for the next round.
            if let late = notifications?.drain() {
                order.noticed(late.channels)
                if late.overflowed { notices?.overflowed = true }
            }
            #if os(Linux)
            if notifications != nil {
                for (descriptor, channel) in open where evlog_pipe_unread(descriptor.rawValue) > 0 { order.leftInPipe(channel) }
            }
            #endif
            roundsWithoutStderr = order.hasActivity(on: .stderr) ? 0 : roundsWithoutStderr + 1
            var pieces = order.ordered()
            if order.needsSettling, let notifications {
                // More writes held than notices: the notices of writes just read come now, or they were merged.
                var settle = [pollfd(fd: notifications.descriptor, events: Int16(POLLIN), revents: 0)]
                _ = poll(&settle, 1, Self.settleMilliseconds)
                let late = notifications.drain()
                order.noticed(late.channels)
                if late.overflowed { notices?.overflowed = true }
                pieces += order.ordered(settled: true)
            }
            if let guess = order.guess { losingOrder(guess) }
            // Without notices (or some lost), at the end, or holding too much: the rest in read order.
            if notices?.overflowed == true {
                losingOrder("the kernel's queue of write notices overflowed: some output is in the order it was read")
            } else if notices != nil, order.heldBytes > Self.heldBytesMax {
                losingOrder("over \(Self.heldBytesMax >> 20) MiB waited for write notices: some output is in the order it was read")
            }
            if notices == nil || notices?.overflowed == true || open.isEmpty || order.heldBytes > Self.heldBytesMax {
                pieces += order.flush()
            }
            for (channel, bytes) in pieces {
                continuation.yield(Chunk(channel: channel, bytes: bytes))
                if !waitForRoom(after: bytes.count) { return }
            }
        }
    }

    /// Reads what `descriptor` holds now, up to `readSize`, one packet at a time (or all at once when
    /// `whole`: the write boundaries are then lost); false at end of file.
    private func readAvailable(_ descriptor: FileDescriptor, _ channel: OutputChannel, whole: Bool = false, into order: inout WriteOrder) -> Bool {
        var ends: [Int] = []
        var open = true
        var bytes = [UInt8](unsafeUninitializedCapacity: Self.readSize) { buffer, initialized in
            initialized = 0
            while initialized + Self.pageBytes <= Self.readSize {
                let count = Self.readPipe(descriptor, into: buffer.baseAddress! + initialized, Self.readSize - initialized, whole: whole)
                if count < 0 && errno == EINTR { continue }
                if count == 0 { open = false }
                if count <= 0 { break }
                initialized += count
                ends.append(initialized)
                // A whole read that did not fill its room emptied the pipe: no call to learn it is empty.
                if whole && count < Self.readSize - (initialized - count) { break }
            }
        }
        // A few bytes keep no 64 KiB buffer alive while they wait in the queue.
        if bytes.count < Self.readSize / 4 { bytes = bytes.withUnsafeBufferPointer { Array($0) } }
        order.read(channel, WriteOrder.Batch(bytes: bytes, ends: ends))
        return open
    }

    /// Reads `channel`'s pipe one write at a time while `order` is short of it (`WriteOrder.isShort`), and stops
    /// there: a write made after the notices were drained has no notice yet, and read now it would go out with
    /// its channel's last notice, ahead of the other channel's writes noticed before it (at 5,000 alternating
    /// writes/s whole runs of stdout came out ahead of stderr). Returns false at end of file.
    private func readShortfall(_ descriptor: FileDescriptor, _ channel: OutputChannel, into order: inout WriteOrder) -> Bool {
        var buffer = [UInt8](repeating: 0, count: Self.pageBytes)
        while order.isShort(of: channel) {
            let count = read(descriptor.rawValue, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count == 0 { return false }
            if count < 0 { return true }
            order.read(channel, WriteOrder.Batch(bytes: Array(buffer[..<count]), ends: [count]))
        }
        return true
    }

    private static func readPipe(_ descriptor: FileDescriptor, into buffer: UnsafeMutablePointer<UInt8>, _ size: Int, whole: Bool) -> Int {
        #if os(Linux)
        if whole { return evlog_read_pipe_whole(descriptor.rawValue, buffer, UInt(size)) }
        #endif
        return read(descriptor.rawValue, buffer, size)
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
