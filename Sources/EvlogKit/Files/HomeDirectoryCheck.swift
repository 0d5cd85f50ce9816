import Foundation

/// Whether a `--home` (or `$EVLOG_HOME`) can hold evlog's plans, checked before any command parses,
/// so that a bad one is one line and exit 2 on every subcommand, never usage text or a raw error.
public enum HomeDirectoryCheck {
    /// Where Linux mounts the kernel's pseudo filesystems (procfs, sysfs): directories that cannot hold plans.
    public static let pseudoFilesystemRoots = ["/proc", "/sys"]

    /// The problem with the home a command line names (`--home X`, `--home=X`; only before `--`), else
    /// with a non-empty `$EVLOG_HOME`; nil when there is none.
    /// A command in `readingCommands` (the first argument) needs a home it can read, not write.
    public static func problem(arguments: [String], environment: [String: String]) -> String? {
        // `reproduce --check` keeps nothing, so it writes nothing there (repro20 #3: a read-only CI home was refused).
        let options = arguments.prefix { $0 != "--" }
        let reading = arguments.first.map(readingCommands.contains) ?? false || (arguments.first == "reproduce" && options.contains("--check"))
        if let home = homeArgument(in: arguments) { return problem(home: home, source: "--home", reading: reading) }
        if let home = environment["EVLOG_HOME"], !home.isEmpty { return problem(home: home, source: "EVLOG_HOME", reading: reading) }
        return nil
    }

    /// The commands that only read a home (integrity13 #10): for them a home on a read-only mount, a backup image or
    /// an auditor's copy is enough — it must exist and be readable; what they would record (`verify --key`'s seals
    /// seen) is said on stderr as not recorded.
    public static let readingCommands: Set<String> = [
        "status", "list", "what-ran", "what-failed", "what-up", "critical-path", "replay", "diagnose", "export", "verify", "cat",
    ]

    /// The home a command line names (`--home X`, `--home=X`; only before `--`), or nil.
    public static func homeArgument(in arguments: [String]) -> String? {
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--home" { return index + 1 < arguments.count ? arguments[index + 1] : nil }
            if argument.hasPrefix("--home=") { return String(argument.dropFirst(7)) }
            index += 1
        }
        return nil
    }

    /// The directory part of `path` ("" for a bare name, "/" for a name in the root). Foundation's
    /// `deletingLastPathComponent` traps on a one-character name on Linux (`--home h`), so it is not used here.
    static func parent(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// What is wrong with `home` as a place for plans: empty, not a directory, on a pseudo filesystem, or
    /// not writable (or, when it does not exist yet, its nearest existing parent is one of these). With `reading`, an
    /// existing home need only be readable.
    public static func problem(home: String, source: String, reading: Bool = false) -> String? {
        let advice = "give a writable directory (it is created if missing)"
        if home.isEmpty { return "\(source) is empty; \(advice)" }
        var existing = home
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing, isDirectory: &isDirectory) {
            let parent = HomeDirectoryCheck.parent(of: existing)
            if parent.isEmpty || parent == existing { existing = "."; break }
            existing = parent
        }
        if existing == "." { _ = FileManager.default.fileExists(atPath: existing, isDirectory: &isDirectory) }
        let what = existing == home ? "\(source) \(home)" : "\(source) \(home): \(existing)"
        guard isDirectory.boolValue else { return "\(what) is not a directory; \(advice)" }
        let resolved = URL(fileURLWithPath: existing).resolvingSymlinksInPath().path
        if pseudoFilesystemRoots.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) {
            return "\(what) is on a kernel pseudo filesystem, which cannot hold plans; \(advice)"
        }
        if reading, existing == home {
            return access(existing, R_OK | X_OK) == 0 ? nil : "\(what) is not readable; give a directory this user can read"
        }
        if access(existing, W_OK | X_OK) != 0 { return "\(what) is not writable; \(advice)" }
        return nil
    }
}
