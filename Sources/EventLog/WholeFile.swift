import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that is whole or absent: it is made under a temporary name in its own directory, fsynced,
/// renamed over the final name and the directory fsynced, so a kill -9 at any point leaves either the
/// old file (or none) or the complete new one, never a part.
public enum WholeFile {
    /// Writes `bytes` to `path` with `mode` (the file never has other permissions, even for a moment).
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(EventLogError) {
        try make(path) { temporary throws(EventLogError) in try create(temporary, holding: bytes, mode: mode) }
    }

    /// Writes each of `files` whole, and none of them when one cannot be written (a full disk): every one is
    /// written and fsynced under its temporary name before the first is renamed into place (a pair of files that
    /// must match: a host's key and its public half); then all are renamed, and each directory fsynced once. A
    /// failure after the first rename — a later rename (EIO, a read-only remount, EXDEV from a bind mount) or the
    /// directory's fsync — or a kill between two renames can leave the first files new and the rest old: the error
    /// is then `partlyReplaced`, naming the files that took their new contents.
    public static func write(all files: [(bytes: [UInt8], path: String, mode: mode_t)]) throws(EventLogError) {
        var made: [(temporary: String, path: String)] = []
        do throws(EventLogError) {
            for file in files {
                removeStaleTemporaries(of: file.path)
                made.append((temporaryPath(for: file.path), file.path))
                try create(made[made.count - 1].temporary, holding: file.bytes, mode: file.mode)
                let written = try LogFile.open(made[made.count - 1].temporary, writable: true)
                defer { written.close() }
                try written.sync()
            }
        } catch {
            for file in made { unlink(file.temporary) }
            throw error
        }
        var replaced: [String] = []
        for file in made {
            guard rename(file.temporary, file.path) == 0 else {
                let failure = EventLogError.io(path: file.path, operation: "rename", errno: Errno(rawValue: errno))
                for left in made.dropFirst(replaced.count) { unlink(left.temporary) }
                throw replaced.isEmpty ? failure : .partlyReplaced(replaced: replaced, cause: failure)
            }
            replaced.append(file.path)
        }
        var synced: Set<String> = []
        for file in made where synced.insert(FilePath(file.path).removingLastComponent().string).inserted {
            do throws(EventLogError) {
                try LogFile.syncDirectory(of: file.path)
            } catch {
                throw .partlyReplaced(replaced: replaced, cause: error)
            }
        }
    }

    /// Creates the file `temporary` (never through a link, nor over a file there) holding `bytes`, with `mode`.
    private static func create(_ temporary: String, holding bytes: [UInt8], mode: mode_t) throws(EventLogError) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else { throw .io(path: temporary, operation: "open", errno: Errno(rawValue: errno)) }
        let file = LogFile(path: temporary, descriptor: FileDescriptor(rawValue: descriptor))
        defer { file.close() }
        fchmod(descriptor, mode)
        try file.write(bytes, at: 0)
    }

    /// Runs `produce` with a temporary path beside `path` for it to create the file at, then makes that
    /// file durable and renames it to `path` — or, with `replacing` false, links it there, failing with
    /// `EEXIST` (`.io(path, "link", .fileExists)`) when `path` exists. If `produce` throws, the temporary file
    /// is removed and `path` is untouched.
    public static func make(_ path: String, replacing: Bool = true, produce: (String) throws -> Void) throws {
        let pending = begin(path)
        do {
            try produce(pending.temporary)
            try pending.commit(replacing: replacing)
        } catch {
            pending.discard()
            throw error
        }
    }

    /// `make` in two parts, for a producer that cannot run inside a closure (one that awaits): the temporary to create
    /// the file at, which the caller then `commit`s to `path` or `discard`s. Killed before either, it leaves only a
    /// hidden temporary, which the next `begin` of `path` (or `removeStaleTemporaries(in:named:)`) removes.
    public static func begin(_ path: String) -> Pending {
        removeStaleTemporaries(of: path)
        return Pending(path: path, temporary: temporaryPath(for: path))
    }

    /// A file being made whole (`begin`): created by the caller at `temporary`, then committed to `path` or discarded.
    public struct Pending: Sendable {
        public let path: String
        public let temporary: String

        /// Makes the temporary durable and renames (or, with `replacing` false, links) it to `path` (`make`).
        public func commit(replacing: Bool = true) throws(EventLogError) {
            try WholeFile.commit(temporary, to: path, replacing: replacing)
        }

        /// Removes the temporary: `path` is untouched.
        public func discard() { unlink(temporary) }
    }

    /// `make` for a producer that throws only `EventLogError`.
    static func make(_ path: String, produce: (String) throws(EventLogError) -> Void) throws(EventLogError) {
        removeStaleTemporaries(of: path)
        let temporary = temporaryPath(for: path)
        do throws(EventLogError) {
            try produce(temporary)
            try commit(temporary, to: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// `<dir>/.<name>.tmp-<pid>-<16 random hex digits>`: hidden, in the same directory (rename stays on one file
    /// system), and not guessable, so nobody who can write the directory can plant a file or link there first; it
    /// is created with `O_EXCL | O_NOFOLLOW` (`write`), so a name taken anyway fails instead of being written through.
    static func temporaryPath(for path: String) -> String {
        let file = FilePath(path)
        let directory = file.removingLastComponent().string
        let name = file.lastComponent?.string ?? path
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return (directory.isEmpty ? "" : directory + "/") + "." + name + ".tmp-\(getpid())-" + String(repeating: "0", count: 16 - random.count) + random
    }

    /// Removes what a writer of `path` killed mid-way left: `temporaryPath` files (and their `.lock`
    /// sidecars) whose pid is no longer a live process (named with or without the random part: older evlogs named them `.<name>.tmp-<pid>`).
    static func removeStaleTemporaries(of path: String) {
        let file = FilePath(path)
        let name = file.lastComponent?.string ?? path
        removeStaleTemporaries(in: file.removingLastComponent().string, named: { $0 == name })
    }

    /// `removeStaleTemporaries(of:)` for every file of `directory` whose final name `isFinalName` accepts: what writers
    /// of files named anew each time (a reproduction's log) left when killed.
    public static func removeStaleTemporaries(in directory: String, named isFinalName: (Substring) -> Bool) {
        guard let stream = opendir(directory.isEmpty ? "." : directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix("."), let marker = name.ranges(of: ".tmp-").last,
                  isFinalName(name[name.index(after: name.startIndex)..<marker.lowerBound]) else { continue }
            let rest = name[marker.upperBound...]
            let unlocked = rest.hasSuffix(".lock") ? rest.dropLast(".lock".count) : rest
            let parts = unlocked.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 1 || (parts[1].count == 16 && parts[1].allSatisfy(\.isHexDigit)),
                  let pid = Int32(parts[0]), pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((directory.isEmpty ? "" : directory + "/") + name)
        }
    }

    private static func commit(_ temporary: String, to path: String, replacing: Bool = true) throws(EventLogError) {
        let file = try LogFile.open(temporary, writable: true)
        defer { file.close() }
        try file.sync()
        if replacing {
            guard rename(temporary, path) == 0 else { throw .io(path: path, operation: "rename", errno: Errno(rawValue: errno)) }
        } else {
            guard link(temporary, path) == 0 else { throw .io(path: path, operation: "link", errno: Errno(rawValue: errno)) }
            unlink(temporary)
        }
        try LogFile.syncDirectory(of: path)
    }
}
