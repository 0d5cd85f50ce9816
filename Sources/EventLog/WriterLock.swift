import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock of a log (FORMAT.md §6.3): an exclusive `flock` on the log file itself, held on the
/// descriptor the writer appends through, and one on the sidecar `<log>.lock`, the plan's lock file, which is
/// never replaced and also says who holds it: the writer's pid, the identity (device, inode) of the log it
/// locked, and the log's place (its directory's identity and its name, `LogPlace`), as text.
///
/// The place lets a reader name the writer of a log that was replaced under it (`replacedLogHolder(ofLogAt:)`):
/// the file at the path is no longer the one the writer locked, yet the sidecar is still held for this very
/// place. A sidecar hard-linked from another log records that log's place, so it never names a stranger.
///
/// The lock on the log's inode means nothing done to the sidecar (removing it, hard-linking another log's lock
/// there) makes a second writer or a live writer of another file; the lock on the sidecar means a copy renamed
/// over the log (`cp -p P P.x; mv P.x P`, a new inode nobody locked) does not either: one writer per plan, by its
/// name. When both are replaced, or the sidecar is removed, the writer's claim on the place (`WriterPresence`, a
/// name no file operation touches) still keeps a second writer out, naming the first (integrity18 #9). flock locks belong to an open file description, so a second writer is refused even inside the same
/// process, and the kernel drops the locks when the holder dies (SIGKILL included). A log with other names (hard
/// links: a bundle linked into `plans/`) is refused: appending would change those files too.
///
/// Taken on its own (`LogWriter.lock(path:)`), it lets a writer read and check the log before it appends
/// through the same descriptor (`LogWriter.open(…, holding:)`), which recovers a damaged tail: nobody else
/// writes in between, and a log it then leaves alone is not touched.
public final class WriterLock {
    let lockPath: String
    /// The locked log, opened for reading and writing; nil once released.
    private(set) var log: LogFile?
    /// The locked sidecar; nil once released.
    private var sidecar: LogFile?
    /// The claim on the log's place that replacing or removing files cannot dodge; nil once released.
    private var presence: WriterPresence?
    /// The claim on the log's content (its header's checksum), which swapping its directory for a copy cannot
    /// dodge either; nil until the log has a header (`claimContent(seed:)`), and once released.
    private var contentPresence: WriterPresence?
    /// Whether this lock also claims the log's content: for plan logs, whose header names the plan and its home
    /// (never two logs alike but by copying), not for logs of any header (tests make many alike).
    let claimsCopies: Bool

    /// The sidecar path for the log at `path`.
    static func lockPath(for path: String) -> String { path + ".lock" }

    /// Takes the lock, creating an empty log when `create` and there is none, or throws `.locked` naming the holder.
    /// The descriptor locked is the one at `logPath` once the lock is held: a log replaced in between is opened again.
    /// `claimsCopies`: also claim the log's content, so that a copy of it elsewhere has no second writer either.
    init(logPath: String, create: Bool, claimsCopies: Bool = false) throws(EventLogError) {
        lockPath = WriterLock.lockPath(for: logPath)
        self.claimsCopies = claimsCopies
        // First, so that a live writer whose log and sidecar were replaced or removed still keeps a second one out.
        presence = try LogPlace(ofLogAt: logPath).flatMap { place throws(EventLogError) in
            try WriterPresence.claim(place, logPath: logPath, lockPath: lockPath)
        }
        var replacements = 0
        while true {
            let file = try create ? LogFile.openOrCreate(logPath) : LogFile.open(logPath, writable: true)
            do throws(EventLogError) {
                try WriterLock.lockExclusively(file, logPath: logPath, lockPath: lockPath)
            } catch {
                file.close()
                throw error
            }
            let identity = FileIdentity(of: file)
            guard identity != nil, identity == FileIdentity(atPath: logPath) else {
                file.close()
                replacements += 1
                guard replacements < WriterLock.attemptsMax else {
                    throw .unsafeFile(path: logPath, reason: "was replaced each time it was locked; stop what renames files over it")
                }
                continue
            }
            do throws(EventLogError) {
                try WriterLock.refuseOtherNames(of: file, logPath: logPath)
                sidecar = try WriterLock.lockSidecar(lockPath, logPath: logPath, log: identity!, place: LogPlace(ofLogAt: logPath))
                log = file
                if case .valid(_, _, let seed) = LogHeader.decode(try file.readBytes(at: 0, count: LogFormat.headerBytesMax)) {
                    try claimContent(seed: seed)
                }
            } catch {
                if log == nil { file.close() }
                release()
                throw error
            }
            return
        }
    }

    deinit { release() }

    /// Claims the content of the log, whose header's checksum is `seed`, for this writer: a copy of it elsewhere (its
    /// directory or home swapped for a copy) is then refused to a second writer, naming this one. Once per lock.
    func claimContent(seed: UInt64) throws(EventLogError) {
        guard claimsCopies, contentPresence == nil, let logPath = log?.path else { return }
        contentPresence = try WriterPresence.claim(contentSeed: seed, logPath: logPath, lockPath: lockPath)
    }

    /// Drops the lock (closing the log's descriptor releases the flock). The sidecar stays: it names a
    /// holder only while that holder's lock is on this log.
    public func release() {
        log?.close()
        log = nil
        sidecar?.close()
        sidecar = nil
        presence?.release()
        presence = nil
        contentPresence?.release()
        contentPresence = nil
    }

    /// Who holds the lock of the log at `path`: nil when nobody does; the pid the sidecar names when it
    /// names this very log (its device and inode); 0 when held but the sidecar does not say by whom.
    static func holder(ofLogAt path: String) -> Int32? {
        guard let file = try? LogFile.open(path, writable: false) else { return nil }
        defer { file.close() }
        if flock(file.descriptor.rawValue, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(file.descriptor.rawValue, LOCK_UN)
            return nil
        }
        guard let identity = FileIdentity(of: file), let record = recordedHolder(lockPath(for: path)), record.log == identity else { return 0 }
        return record.pid
    }

    /// The writer of the log at `path` when the file there is not the one it locked (a copy renamed over it):
    /// the sidecar is held, and records this very place and another file's identity. The pid and that file, for
    /// the caller to check that the process is alive and holds it; nil otherwise.
    static func replacedLogHolder(ofLogAt path: String) -> (pid: Int32, log: FileIdentity)? {
        guard let place = LogPlace(ofLogAt: path), let sidecar = try? LogFile.open(lockPath(for: path), writable: false) else { return nil }
        defer { sidecar.close() }
        if flock(sidecar.descriptor.rawValue, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(sidecar.descriptor.rawValue, LOCK_UN)
            return nil
        }
        guard let record = recordedHolder(lockPath(for: path)), record.place == place, let locked = record.log,
              locked != FileIdentity(atPath: path) else { return nil }
        return (record.pid, locked)
    }

    private static let attemptsMax = 5
    private static let retryPauseMicros: useconds_t = 10_000

    /// `flock(LOCK_EX)` on `file` without waiting; a brief retry covers `holder(ofLogAt:)` probing with a shared
    /// lock at this very moment.
    private static func lockExclusively(_ file: LogFile, logPath: String, lockPath: String) throws(EventLogError) {
        var attempts = 0
        while flock(file.descriptor.rawValue, LOCK_EX | LOCK_NB) != 0 {
            let code = Errno(rawValue: errno)
            if code == .interrupted { continue }
            attempts += 1
            let busy = code == .wouldBlock || code == .resourceTemporarilyUnavailable
            guard busy, attempts < attemptsMax else {
                guard busy else { throw .io(path: file.path, operation: "flock", errno: code) }
                throw .locked(path: logPath, lockPath: lockPath, holderPID: recordedHolder(lockPath)?.pid)
            }
            usleep(retryPauseMicros)
        }
    }

    /// Refuses a log that has other names: a writer appending to it would change those files too.
    private static func refuseOtherNames(of file: LogFile, logPath: String) throws(EventLogError) {
        var status = stat()
        guard fstat(file.descriptor.rawValue, &status) == 0 else { throw .io(path: logPath, operation: "fstat", errno: Errno(rawValue: errno)) }
        if status.st_nlink > 1 { throw .otherNames(path: logPath, names: UInt64(status.st_nlink)) }
    }

    /// Locks the sidecar (never through a symbolic link, nor one with other names) and writes `<pid>\n<device> <inode>\n<place>\n` to it
    /// (the place's line only when known); a sidecar another writer holds (of this log under another inode: a
    /// copy renamed over it) throws `.locked` naming it.
    private static func lockSidecar(_ lockPath: String, logPath: String, log: FileIdentity, place: LogPlace?) throws(EventLogError) -> LogFile {
        let sidecar = try LogFile.open(lockPath, writable: true, create: true)
        do throws(EventLogError) {
            // Written only when it is a file of its own: a hard link to another file would be truncated (integrity13 #9).
            var status = stat()
            guard fstat(sidecar.descriptor.rawValue, &status) == 0 else { throw .io(path: lockPath, operation: "fstat", errno: Errno(rawValue: errno)) }
            if status.st_nlink > 1 { throw .lockLinked(lockPath: lockPath, names: UInt64(status.st_nlink)) }
            try lockExclusively(sidecar, logPath: logPath, lockPath: lockPath)
            try sidecar.truncate(to: 0)
            try sidecar.write(Array("\(getpid())\n\(log.device) \(log.inode)\n\(place.map { $0.line + "\n" } ?? "")".utf8), at: 0)
            return sidecar
        } catch {
            sidecar.close()
            throw error
        }
    }

    /// The holder the sidecar names; a holder that has just taken the lock writes it a moment later, so an
    /// incomplete sidecar is read again for up to `attemptsMax` pauses before giving up.
    private static func recordedHolder(_ lockPath: String) -> HolderRecord? {
        for _ in 0..<attemptsMax {
            if let record = readHolder(lockPath), record.log != nil { return record }
            usleep(retryPauseMicros)
        }
        return readHolder(lockPath)
    }

    /// What a sidecar says: the holder's pid, the log it locked, and that log's place (absent in sidecars
    /// written before places were recorded).
    private typealias HolderRecord = (pid: Int32, log: FileIdentity?, place: LogPlace?)

    private static func readHolder(_ lockPath: String) -> HolderRecord? {
        guard let sidecar = try? LogFile.open(lockPath, writable: false),
              let bytes = try? sidecar.closing({ file throws(EventLogError) in try file.readBytes(at: 0, count: 512) })
        else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let pid = lines.first.flatMap({ Int32($0) }) else { return nil }
        let numbers = lines.dropFirst().first?.split(separator: " ").compactMap { UInt64($0) } ?? []
        let log = numbers.count == 2 && lines.count > 2 ? FileIdentity(device: numbers[0], inode: numbers[1]) : nil
        let place = lines.count > 3 ? LogPlace(line: lines[2]) : nil
        return (pid, log, place)
    }
}
