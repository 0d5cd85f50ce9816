import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds a program on a PATH the way a shell does — the one place a step's or a probe's program name becomes a
/// file (trust20 #5). As root, only PATH entries that pass the rule `--home` and `HOME` pass (`LockedPath`: only
/// root can change the directory and every one on its way) are searched: `su` without `-` keeps a user's PATH,
/// whose `~/.local/bin` comes first, and `.` or a relative entry is the caller's directory, someone's project. The
/// "already installed?" probe and the verify step run before and after consent as root, so a file another user
/// planted there would run as root and answer for the tool. The entries skipped are said once (`skipped`).
public enum ProgramSearch {
    /// The PATH entries a program may be taken from, in order: every non-empty one for a user other than root; for
    /// root, the absolute ones only root can change (a missing one judged by the nearest directory that exists).
    public static func directories(of path: String, user: uid_t = geteuid()) -> [String] {
        judged(path, user: user).filter { $0.problem == nil }.map(\.entry)
    }

    /// The PATH entries root does not search, each with why (empty for a user other than root).
    public static func skipped(in path: String, user: uid_t = geteuid()) -> [(entry: String, problem: String)] {
        judged(path, user: user).compactMap { entry in entry.problem.map { (entry.entry, $0) } }
    }

    /// The one line saying which PATH entries root does not search, or nil when none is skipped.
    public static func skippedNote(path: String, user: uid_t = geteuid()) -> String? {
        let skipped = skipped(in: path, user: user)
        guard !skipped.isEmpty else { return nil }
        let entries = skipped.map { "\($0.entry) (\($0.problem))" }.joined(separator: "; ")
        return "running as root, programs are not looked for in these PATH entries: \(entries); "
            + "give root its own PATH (`sudo -i`, `su -`) to silence this"
    }

    /// The file a shell would run for `name`: a name with a `/` is that file when it is executable; otherwise the
    /// first executable file of that name in `directories(of:)`. The answer is absolute: a relative name or entry (a
    /// user other than root keeps those) is taken from `directory`, where the command runs, or evlog's own directory
    /// when none is given (review15 R3: a resume from elsewhere ran the caller's `./x`), so it runs the file found.
    public static func find(_ name: String, path: String, in directory: String? = nil, user: uid_t = geteuid()) -> String? {
        all(name, path: path, in: directory, user: user).first
    }

    /// Every executable file named `name` in `directories(of:)`, in PATH order, each once; a name with a `/` is
    /// that file alone.
    public static func all(_ name: String, path: String, in base: String? = nil, user: uid_t = geteuid()) -> [String] {
        candidates(name, path: path, in: base, user: user).filter(isExecutableFile)
    }

    /// The first file named `name` where `find` looks that is there but not executable (a shell's "Permission
    /// denied"); nil when there is none.
    public static func notExecutable(_ name: String, path: String, in base: String? = nil, user: uid_t = geteuid()) -> String? {
        candidates(name, path: path, in: base, user: user).first { FileManager.default.fileExists(atPath: $0) && !isExecutableFile($0) }
    }

    /// The absolute files `name` may be, in PATH order, each once: a name with a `/` is that file alone.
    private static func candidates(_ name: String, path: String, in base: String?, user: uid_t) -> [String] {
        if name.contains("/") { return [absolute(name, in: base)] }
        var found: [String] = []
        for directory in directories(of: path, user: user) {
            let candidate = absolute(directory + "/" + name, in: base)
            if !found.contains(candidate) { found.append(candidate) }
        }
        return found
    }

    /// The PATH a child gets: for root only `directories(of:)`, so what it runs by name (`#!/usr/bin/env node`,
    /// `apt-get`'s `dpkg`) comes from where root's own programs do; for another user `path` as it is.
    public static func childPath(_ path: String, user: uid_t = geteuid()) -> String {
        user == 0 ? directories(of: path, user: user).joined(separator: ":") : path
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    /// `path`, or taken from `directory` (itself taken from evlog's directory when relative, or evlog's directory when
    /// nil) when it is relative.
    private static func absolute(_ path: String, in directory: String? = nil) -> String {
        if path.hasPrefix("/") { return path }
        let own = FileManager.default.currentDirectoryPath
        let base = directory.map { $0.hasPrefix("/") ? $0 : own + "/" + $0 } ?? own
        return (base.hasSuffix("/") ? base : base + "/") + path
    }

    /// One PATH entry and why root may not search it (nil: it may).
    private struct Entry: Sendable {
        var entry: String
        var problem: String?
    }

    /// Judgments already made in this process, by user and PATH: a probe per tool of a large plan asks again.
    private static let judgments = Mutex<[String: [Entry]]>([:])

    private static func judged(_ path: String, user: uid_t) -> [Entry] {
        let key = "\(user):\(path)"
        if let known = judgments.withLock({ $0[key] }) { return known }
        var entries: [Entry] = []
        for part in path.split(separator: ":") where !part.isEmpty {
            let entry = String(part)
            guard !entries.contains(where: { $0.entry == entry }) else { continue }
            entries.append(Entry(entry: entry, problem: user == 0 ? rootProblem(entry) : nil))
        }
        judgments.withLock { $0[key] = entries }
        return entries
    }

    private static func rootProblem(_ entry: String) -> String? {
        guard entry.hasPrefix("/") else { return "a relative entry, the caller's directory" }
        return LockedPath.directoryProblem(entry, user: 0, orNearestParent: true)
    }
}
