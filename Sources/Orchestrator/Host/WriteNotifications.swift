#if canImport(Glibc)
import Glibc
#endif
import InstallModel

/// The kernel's notice of each write to a command's stdout and stderr pipes, in the order of the
/// writes (Linux inotify, watching both pipes from one queue): what `WriteOrder` orders output by.
/// Unavailable where there is no inotify (macOS) or it cannot watch the pipes (no /proc, instance or watch
/// limit reached); output then keeps the order it is read in. Made before the command starts, drained by the
/// reader's thread alone (its read buffer is that thread's).
final class WriteNotifications: @unchecked Sendable {
    /// Why there are no write notices for a command (said in its `command_finished`).
    struct Unavailable: Error {
        var reason: String
    }

    /// What a drain of the queue found.
    struct Notices {
        /// The channels written to, oldest first (consecutive writes to one channel may be one notice).
        var channels: [OutputChannel] = []
        /// The queue overflowed: some notices were lost.
        var overflowed = false
    }

    #if os(Linux)
    /// The inotify descriptor, to poll for notices.
    let descriptor: Int32
    private let watches: [Int32: OutputChannel]
    /// Room for 256 notices per read; a pipe's notice has no name, so each is one header.
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * MemoryLayout<inotify_event>.size, alignment: 8)

    /// Watches the pipes whose read ends are `stdout` and `stderr` (descriptors of this process).
    init(stdout: Int32, stderr: Int32) throws(Unavailable) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw Unavailable(reason: "inotify_init1: \(String(cString: strerror(errno)))") }
        var watches: [Int32: OutputChannel] = [:]
        for (pipe, channel) in [(stdout, OutputChannel.stdout), (stderr, .stderr)] {
            let watch = inotify_add_watch(descriptor, "/proc/self/fd/\(pipe)", UInt32(IN_MODIFY))
            guard watch >= 0 else {
                let reason = "inotify_add_watch: \(String(cString: strerror(errno)))"
                close(descriptor)
                throw Unavailable(reason: reason)
            }
            watches[watch] = channel
        }
        self.descriptor = descriptor
        self.watches = watches
    }

    /// Reads every notice queued now.
    func drain() -> Notices {
        var notices = Notices()
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return notices }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { notices.overflowed = true }
                if event.mask & UInt32(IN_MODIFY) != 0, let channel = watches[event.wd] { notices.channels.append(channel) }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
            // Room for another notice was left: the queue is empty now, no second call to learn it.
            if count + MemoryLayout<inotify_event>.size <= buffer.count { return notices }
        }
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }
    #else
    let descriptor: Int32 = -1
    init(stdout: Int32, stderr: Int32) throws(Unavailable) { throw Unavailable(reason: "this system has no inotify") }
    func drain() -> Notices { Notices() }
    #endif
}
