import SystemPackage

/// Everything that can go wrong opening, writing or reading a log; each case carries its evidence
/// and `description` says what to do next.
public enum EventLogError: Error, Equatable, CustomStringConvertible {
    /// A system call failed on `path`.
    case io(path: String, operation: String, errno: Errno)
    /// The file does not start with the evlog magic: it is some other kind of file.
    case notALog(path: String, found: [UInt8])
    /// The file header is incomplete or fails its checksum; `offset` is where the problem is.
    case headerDamaged(path: String, offset: Int64, reason: String)
    /// The log needs a newer evlog to be read (its read version is newer than this code's).
    case unsupportedVersion(path: String, readVersion: UInt16, supported: UInt16)
    /// The log may be read but not appended to: it was written by a newer format version.
    case readOnlyVersion(path: String, writeVersion: UInt16, supported: UInt16)
    /// Another writer holds the log's lock. `holderPID` is nil when the holder has not yet written its pid.
    case locked(path: String, lockPath: String, holderPID: Int32?)
    /// A record payload is larger than `LogFormat.recordBytesMax`.
    case recordTooLarge(bytes: Int, limit: Int)
    /// A header string (creator or label) is longer than its limit.
    case fieldTooLong(field: String, bytes: Int, limit: Int)
    /// The writer was closed, or failed earlier, and takes no more records.
    case writerClosed(path: String)
    /// The path is not something evlog reads or writes as a log: a symbolic link (for writing), a FIFO, a device, a directory.
    case unsafeFile(path: String, reason: String)
    /// The log has `names` names (hard links): appending to it would change the other files too.
    case otherNames(path: String, names: UInt64)
    /// The log's writer lock (`<log>.lock`) has `names` names (hard links): writing the lock would change the other files too.
    case lockLinked(lockPath: String, names: UInt64)
    /// The log's path names another file than the one the writer appends to (a copy renamed over it): the
    /// writer stops, since another writer may be running the plan from that file.
    case replaced(path: String)
    /// Files written to go together (`WholeFile.write(all:)`): `replaced` took their new contents, then `cause` stopped
    /// the rest (a rename or the directory's fsync failed), so the files on disk may no longer match.
    indirect case partlyReplaced(replaced: [String], cause: EventLogError)

    public var description: String {
        switch self {
        case .io(let path, let operation, let errno) where operation == "flock" && (errno == .noLocks || errno == .notSupported):
            // NFS without its lock daemon, some FUSE file systems (integrity18 #8): no lock, so no one-writer promise.
            return "flock failed on \(path): \(errno) (errno \(errno.rawValue)): its file system does not support locks, so evlog cannot keep "
                + "a second writer out and will not write there; use a home on a local file system"
        case .io(let path, let operation, let errno):
            return "\(operation) failed on \(path): \(errno) (errno \(errno.rawValue)); check the path, its permissions and free disk space"
        case .notALog(let path, let found):
            let hex = found.prefix(8).map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined(separator: " ")
            return "\(path) is not an evlog log (it starts with \(hex.isEmpty ? "nothing" : hex), not the evlog magic 89 65 76 6c 6f 67 0d 0a)"
        case .headerDamaged(let path, let offset, let reason):
            return "the header of \(path) is damaged at byte \(offset): \(reason); run `evlog verify \(path)` and move the file aside before writing to it"
        case .unsupportedVersion(let path, let readVersion, let supported):
            return "\(path) was written by a newer evlog (log format \(readVersion); this evlog reads formats up to \(supported)); upgrade evlog to read it"
        case .readOnlyVersion(let path, let writeVersion, let supported):
            return "\(path) was written with log format \(writeVersion) and this evlog writes format \(supported); it can be read but not appended to; upgrade evlog to continue it"
        case .locked(let path, let lockPath, let holderPID):
            let holder = holderPID.map { "process \($0)" } ?? "another process (pid not yet recorded)"
            return "\(path) is being written by \(holder) (lock \(lockPath)); wait for it to finish or stop it, then try again"
        case .recordTooLarge(let bytes, let limit):
            return "a record of \(bytes) bytes is larger than the limit of \(limit) bytes (recordBytesMax); split it into smaller records"
        case .fieldTooLong(let field, let bytes, let limit):
            return "the log header's \(field) is \(bytes) bytes long; the limit is \(limit) bytes"
        case .writerClosed(let path):
            return "the writer of \(path) is closed or failed earlier; open the log again to continue"
        case .unsafeFile(let path, let reason):
            return "\(path) \(reason); give the path of a regular evlog file"
        case .otherNames(let path, let names):
            return "\(path) has \(names) names (hard links, such as a bundle linked into plans/), so appending to it would change "
                + "the other files too; nothing was written: give it a file of its own (`cp \(path) \(path).own && mv \(path).own \(path)`)"
        case .lockLinked(let lockPath, let names):
            return "\(lockPath), this log's writer lock, has \(names) names (hard links), so writing the lock would change the other files "
                + "too; nothing was written: remove it (`rm \(lockPath)`: it holds only the writer's pid) and try again"
        case .partlyReplaced(let replaced, let cause):
            return "\(replaced.joined(separator: " and ")) took \(replaced.count == 1 ? "its" : "their") new contents, then \(cause.failure): "
                + "the files written together may no longer match; write them again"
        case .replaced(let path):
            return "\(path) was replaced while this writer appended to it (another file was renamed over it); "
                + "nothing more is written to it, since another writer may be running the plan from the new file: see `evlog status`"
        }
    }
}

extension EventLogError {
    /// What failed, without the advice `description` adds: `rename failed on PATH: …` for a system call.
    public var failure: String {
        guard case .io(let path, let operation, let errno) = self else { return description }
        return "\(operation) failed on \(path): \(errno) (errno \(errno.rawValue))"
    }
}
