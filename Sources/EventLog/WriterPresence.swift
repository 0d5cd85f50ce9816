#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A live writer's claim on its log's place (directory identity and name, `LogPlace`) that no file operation
/// can dodge (integrity18 #9): a listening Unix socket in Linux's abstract namespace, named after the place.
///
/// The flocks on the log and its sidecar are on inodes: when both are replaced (`cp -p X X.x; mv X.x X`) or the
/// sidecar is removed, a second writer would find only unlocked files and run the plan again while the first still
/// runs its command. An abstract socket name has no file to remove or rename; the kernel frees it when the holder
/// dies (SIGKILL included), and the socket is close-on-exec, so no command a writer runs keeps it. A second writer
/// of the same place fails to bind the name and learns the holder's pid from the socket's peer credentials.
/// Elsewhere than Linux there is no such namespace and the flocks alone decide.
///
/// A place changes when the directory holding the log is swapped for a copy (`cp -a plans p2; mv p2 plans`, or the
/// whole home), so a writer also claims its log's content: the header's checksum (`LogHeader`'s seed: creator,
/// label, creation time), which every copy of the log keeps (integrity20 #1). Names are listed to every user in
/// `/proc/net/unix`: a name bound by a process of another user (not root) is no writer of ours and is ignored, so
/// squatting it after the writer died blocks nobody (integrity20 #5).
final class WriterPresence {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { release() }

    /// Drops the claim (closing the socket frees its name).
    func release() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Claims `place` for this writer; throws `.locked` naming the holder when another writer (in this process
    /// or another) has it. Nil when the system offers no abstract sockets: the flocks alone decide then.
    static func claim(_ place: LogPlace, logPath: String, lockPath: String) throws(EventLogError) -> WriterPresence? {
        try claim(name: { socketName(of: place) }, logPath: logPath, lockPath: lockPath, sharedInProcess: false)
    }

    /// Claims the log whose header checksum is `seed`, wherever it or a copy of it lies; as `claim(_:logPath:lockPath:)`.
    static func claim(contentSeed seed: UInt64, logPath: String, lockPath: String) throws(EventLogError) -> WriterPresence? {
        try claim(name: { socketName(ofContent: seed) }, logPath: logPath, lockPath: lockPath, sharedInProcess: true)
    }

    /// Binds `name`; a name another writer of ours holds throws `.locked`, one held by another user's process is ignored.
    /// `sharedInProcess`: a name this very process holds is no other writer (logs of identical headers, as tests
    /// make them, may be written side by side in one process; a process never writes two copies of one plan).
    private static func claim(
        name: () -> [UInt8], logPath: String, lockPath: String, sharedInProcess: Bool
    ) throws(EventLogError) -> WriterPresence? {
        #if os(Linux)
        let name = name()
        let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard server >= 0 else { return nil }
        if withAddress(name, { bind(server, $0, $1) }) == 0, listen(server, backlog) == 0 {
            return WriterPresence(descriptor: server)
        }
        let code = errno
        close(server)
        guard code == EADDRINUSE else { return nil }
        let holder = credentials(name)
        if let holder, !isOurs(holder.uid) || (sharedInProcess && holder.pid == getpid()) { return nil }
        throw .locked(path: logPath, lockPath: lockPath, holderPID: holder?.pid)
        #else
        return nil
        #endif
    }

    /// The pid of the process claiming `place`; nil when none does (or the system has no abstract sockets).
    static func holder(of place: LogPlace) -> Int32? {
        #if os(Linux)
        return holderPID(socketName(of: place))
        #else
        return nil
        #endif
    }

    /// `evlog-content <seed>`: a log and its copies, wherever they are.
    static func socketName(ofContent seed: UInt64) -> [UInt8] {
        Array("evlog-content \(String(seed, radix: 16))".utf8)
    }

    /// `evlog-writer <device> <inode> <hash of the name>`: fixed length, so any file name fits the 107 bytes.
    static func socketName(of place: LogPlace) -> [UInt8] {
        let nameHash = Array(place.name.utf8).withUnsafeBytes { XXH64.hash($0, seed: 0x6576_6c6f_6777_7269) }
        return Array("evlog-writer \(place.directory.device) \(place.directory.inode) \(String(nameHash, radix: 16))".utf8)
    }

    #if os(Linux)
    private static let backlog: Int32 = 4096

    /// Whether a process of user `uid` may be a writer of ours: this user's, or root's (`sudo evlog`).
    static func isOurs(_ uid: UInt32) -> Bool { uid == geteuid() || uid == 0 }

    /// The pid of the process of ours (`isOurs`) listening on `name`; nil when nobody, or another user's process, does.
    private static func holderPID(_ name: [UInt8]) -> Int32? {
        credentials(name).flatMap { isOurs($0.uid) ? $0.pid : nil }
    }

    /// The pid and user of the process listening on `name`, from the peer credentials of a connection to it; nil
    /// when nobody listens (or the connection cannot be made without waiting).
    private static func credentials(_ name: [UInt8]) -> (pid: Int32, uid: UInt32)? {
        let client = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard client >= 0 else { return nil }
        defer { close(client) }
        guard withAddress(name, { connect(client, $0, $1) }) == 0 else { return nil }
        // `struct ucred` (pid, uid, gid), which Glibc's module does not export without _GNU_SOURCE.
        var credentials: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(client, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0, credentials.pid > 0 else { return nil }
        return (credentials.pid, credentials.uid)
    }

    /// Calls `body` with the abstract address `\0name` and its length.
    private static func withAddress(_ name: [UInt8], _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            path[0] = 0
            for (index, byte) in name.prefix(path.count - 1).enumerated() { path[index + 1] = byte }
        }
        let length = socklen_t(pathOffset + 1 + min(name.count, MemoryLayout.size(ofValue: address.sun_path) - 1))
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
    #endif
}
