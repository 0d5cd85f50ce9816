import Catalog
import Foundation
import InstallModel
import PathSafety
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// As root a program is taken only from PATH entries root alone can change (trust20 #5): `su` without `-` keeps a
/// user's `~/.local/bin` first on PATH, and the "already installed?" probe runs `NAME --version` before consent.
/// Real directories with owners and modes drawn from a seed, judged against the rule written out.
struct ProgramSearchTests {
    /// One drawn PATH entry: its owner and mode, and whether root may take a program from it.
    struct Drawn {
        var owner: uid_t
        var group: gid_t
        var mode: Int
        /// The rule: root's, and no one else may write it (a root-owned sticky directory is a passage, not a home).
        var searchable: Bool { owner == 0 && mode & 0o002 == 0 && (mode & 0o020 == 0 || group == 0) }
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown files"))
    func rootTakesAProgramOnlyFromEntriesOnlyRootCanChange() throws {
        var random = SplitMix64(seed: 20_005)
        let root = try LockedPathTests.lockedRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let owners: [uid_t] = [0, LockedPathTests.otherUser]
        let modes = [0o755, 0o775, 0o777, 0o1777, 0o700]
        for round in 0..<12 {
            var entries: [String] = []
            var drawn: [Drawn] = []
            for index in 0..<4 {
                let directory = root + "/r\(round)-\(index)"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
                try LockedPathTests.script(directory + "/acmeprobe", marker: directory + "/ran")
                let entry = Drawn(
                    owner: owners[Int(random.next() % 2)], group: random.next() % 2 == 0 ? 0 : LockedPathTests.otherGroup,
                    mode: modes[Int(random.next() % UInt64(modes.count))])
                LockedPathTests.set(directory, mode: entry.mode, owner: entry.owner, group: entry.group)
                entries.append(directory)
                drawn.append(entry)
            }
            let path = (entries + [".", "relative/bin"]).joined(separator: ":")
            let expected = zip(entries, drawn).filter { $0.1.searchable }.map(\.0)
            #expect(ProgramSearch.directories(of: path, user: 0) == expected, "round \(round): \(drawn)")
            #expect(ProgramSearch.skipped(in: path, user: 0).map(\.entry) == entries.filter { !expected.contains($0) } + [".", "relative/bin"])
            #expect(ProgramSearch.find("acmeprobe", path: path, user: 0) == expected.first.map { $0 + "/acmeprobe" })
            #expect(ProgramSearch.directories(of: path, user: 1000) == entries + [".", "relative/bin"], "another user keeps PATH as it is")
            #expect(ProgramSearch.childPath(path, user: 0) == expected.joined(separator: ":"))
        }
    }

    /// trust20 #5's shape: a user's `~/.local/bin` before `/usr/bin`. The probe runs neither that file nor one in the
    /// caller's directory, and the note names both entries.
    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown files"))
    func theProbeDoesNotRunAUsersProgramAsRoot() throws {
        let root = try LockedPathTests.lockedRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let userBin = root + "/home/.local/bin", system = root + "/usr-bin"
        try FileManager.default.createDirectory(atPath: userBin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: system, withIntermediateDirectories: false)
        try LockedPathTests.script(userBin + "/acmeprobe", marker: root + "/user-ran")
        try LockedPathTests.script(system + "/acmeprobe", marker: root + "/system-ran")
        for directory in [root + "/home", root + "/home/.local", userBin] {
            LockedPathTests.set(directory, mode: 0o755, owner: LockedPathTests.otherUser, group: LockedPathTests.otherGroup)
        }
        let path = userBin + ":.:" + system
        #expect(PathInstalledProbe(searchPath: path).versionOutput(binary: "acmeprobe", arguments: ["--version"]) == "acme 1.0\n")
        #expect(!FileManager.default.fileExists(atPath: root + "/user-ran"))
        #expect(FileManager.default.fileExists(atPath: root + "/system-ran"))
        let note = try #require(ProgramSearch.skippedNote(path: path, user: 0))
        #expect(note.contains(userBin + " (") && note.contains(". (a relative entry"))
        #expect(ProgramSearch.skippedNote(path: system, user: 0) == nil)
    }
}
