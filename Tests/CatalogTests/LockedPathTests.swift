import Catalog
import Foundation
import InstallModel
import PathSafety
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The pre-consent probe runs a file named by its path only when nobody but root and this user can change it or
/// any directory on its way (`LockedPath`, trust13 #14): real directory trees in a temp directory, with owners,
/// modes and links drawn from a seed and judged against the rule written out step by step.
struct LockedPathTests {
    /// A user and a group that are neither root nor the test's own.
    static let otherUser: uid_t = 65534
    static let otherGroup: gid_t = 100

    /// A fresh directory only root (the test) can change: `/tmp` is the root-owned sticky passage to it.
    static func lockedRoot() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("locked-path-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        return root
    }

    static func set(_ path: String, mode: Int, owner: uid_t = 0, group: gid_t = 0) {
        #expect(lchown(path, owner, group) == 0)
        #expect(chmod(path, mode_t(mode)) == 0)
    }

    /// An executable script that leaves `marker` when it runs.
    static func script(_ path: String, marker: String) throws {
        try Data("#!/bin/sh\ntouch '\(marker)'\necho 'acme 1.0'\n".utf8).write(to: URL(fileURLWithPath: path))
        set(path, mode: 0o755)
    }

    /// trust13 #14's shape: `/opt/<link>` to a sticky directory any user writes, holding the program. The probe says
    /// it is there, does not run it, and says why; the same file under a locked directory runs.
    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown files"))
    func aProgramReachedThroughASharedDirectoryIsNotRun() throws {
        let root = try Self.lockedRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dropBox = root + "/drop", marker = root + "/ran"
        try FileManager.default.createDirectory(atPath: dropBox, withIntermediateDirectories: false)
        Self.set(dropBox, mode: 0o1777)
        try Self.script(dropBox + "/acmebin", marker: marker)
        try FileManager.default.createSymbolicLink(atPath: root + "/opt-link", withDestinationPath: dropBox)
        let probe = PathInstalledProbe(searchPath: "/usr/bin")
        #expect(probe.versionOutput(binary: root + "/opt-link/acmebin", arguments: ["--version"]) == "")
        #expect(!FileManager.default.fileExists(atPath: marker))
        let reason = try #require(probe.notRun(binary: root + "/opt-link/acmebin"))
        #expect(reason.contains("\(dropBox), the directory holding"))
        Self.set(dropBox, mode: 0o755)
        #expect(probe.notRun(binary: root + "/opt-link/acmebin") == nil)
        #expect(probe.versionOutput(binary: root + "/opt-link/acmebin", arguments: ["--version"]) == "acme 1.0\n")
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    @Test func aPlainNameOrAMissingPathIsNotJudged() {
        let probe = PathInstalledProbe(searchPath: "/usr/bin:/bin")
        #expect(probe.notRun(binary: "sh") == nil)
        #expect(probe.notRun(binary: "/nonexistent/acmebin") == nil)
        #expect(LockedPath.problem("bin/acme") != nil)
        #expect(LockedPath.problem("/bin/sh") == nil)
    }

    static func system(_ argv: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A throwaway user made with its own group (`useradd -U`) has that group as its private group, until another
    /// user joins it.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd"), "needs root and useradd"))
    func aThrowawayUsersOwnGroupIsItsPrivateGroup() throws {
        let name = "evlogpg\(UInt32.random(in: 100_000...999_999))"
        try #require(Self.system(["/usr/sbin/useradd", "-U", "-M", "-s", "/usr/sbin/nologin", name]) == 0)
        defer {
            _ = Self.system(["/usr/sbin/userdel", name])
            _ = Self.system(["/usr/sbin/groupdel", name])
        }
        let account = try #require(getpwnam(name))
        let (uid, gid) = (account.pointee.pw_uid, account.pointee.pw_gid)
        #expect(LockedPath.privateGroup(of: uid) == gid)
        try #require(Self.system(["/usr/sbin/usermod", "-a", "-G", name, "nobody"]) == 0)
        #expect(LockedPath.privateGroup(of: uid) == nil)
    }

    /// Group 0 is root's alone until an account joins it, as its primary group (`useradd -g 0`) or as a listed member
    /// (trust19 #4): then a root-owned file group 0 may write is another user's to change, and is not run.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd"), "needs root and useradd"))
    func anAccountInGroupZeroMakesGroupZeroWritableFilesOthers() throws {
        try #require(!RootGroup.hasOtherMembers(besides: 0), "this machine already shares group 0")
        let root = try Self.lockedRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.script(root + "/acmebin", marker: root + "/ran")
        Self.set(root + "/acmebin", mode: 0o775)
        #expect(LockedPath.problem(root + "/acmebin") == nil)
        let name = "evlogg0\(UInt32.random(in: 100_000...999_999))"
        try #require(Self.system(["/usr/sbin/useradd", "-g", "0", "-M", "-s", "/usr/sbin/nologin", name]) == 0)
        defer { _ = Self.system(["/usr/sbin/userdel", name]) }
        #expect(RootGroup.hasOtherMembers(besides: 0))
        let account = try #require(getpwnam(name))
        #expect(!RootGroup.hasOtherMembers(besides: account.pointee.pw_uid), "the user evlog runs as is not another")
        #expect(LockedPath.problem(root + "/acmebin") == "\(root)/acmebin is writable by group id 0")
        #expect(LockedPath.directoryProblem(root + "/missing", orNearestParent: true) == nil)
        Self.set(root, mode: 0o775)
        #expect(LockedPath.directoryProblem(root, orNearestParent: true) == "\(root) is writable by group id 0")
        Self.set(root, mode: 0o755)
        try #require(Self.system(["/usr/sbin/usermod", "-g", "nogroup", name]) == 0)
        #expect(!RootGroup.hasOtherMembers(besides: 0))
        try #require(Self.system(["/usr/sbin/usermod", "-a", "-G", "root", name]) == 0)
        #expect(RootGroup.hasOtherMembers(besides: 0), "a listed member of group 0")
    }

    /// Root has no private group; a user whose primary group is not named as the user has none either.
    @Test func aPrivateGroupIsTheUsersOwnOnly() {
        #expect(LockedPath.privateGroup(of: 0) == nil)
        #expect(LockedPath.privateGroup(of: 4_000_000_000) == nil)
        if let account = getpwnam("nobody"), let group = getgrgid(account.pointee.pw_gid),
            String(cString: group.pointee.gr_name) != "nobody"
        {
            #expect(LockedPath.privateGroup(of: account.pointee.pw_uid) == nil)
        }
    }

    /// One step of a generated walk: a directory (or the file) with its owner, group and mode, reached by its
    /// name or through a link whose owner is drawn too.
    struct WalkStep {
        var owner: uid_t, group: gid_t, mode: Int, throughLink: Bool, linkOwner: uid_t
    }

    static func draw(_ random: inout SplitMix64, isFile: Bool) -> WalkStep {
        let owners: [uid_t] = [0, 0, 0, otherUser]
        let groups: [gid_t] = [0, otherGroup]
        let modes = isFile ? [0o755, 0o775, 0o757, 0o700] : [0o755, 0o775, 0o777, 0o1777, 0o1775, 0o700]
        return WalkStep(
            owner: owners[Int(random.next() % UInt64(owners.count))], group: groups[Int(random.next() % 2)],
            mode: modes[Int(random.next() % UInt64(modes.count))], throughLink: random.next() % 3 == 0,
            linkOwner: owners[Int(random.next() % UInt64(owners.count))])
    }

    /// The rule, step by step: each step belongs to root; a step others may write is refused unless it is a
    /// root-owned sticky directory — then the entry taken from it (directory, link) must be root's, and it may not
    /// hold the file itself. The members of the user's private group, when there is one, are not others; those of group
    /// 0 are not when it has no member but root (trust19 #4).
    static func expectedSafe(_ steps: [WalkStep], privateGroup: gid_t?, rootGroupShared: Bool) -> Bool {
        var shared = false
        for (index, step) in steps.enumerated() {
            let isFile = index == steps.count - 1
            if shared && (step.owner != 0 || step.throughLink && step.linkOwner != 0 || isFile) { return false }
            guard step.owner == 0 else { return false }
            let othersWrite = step.mode & 0o002 != 0 || step.mode & 0o020 != 0 && (step.group != 0 || rootGroupShared) && step.group != privateGroup
            let sticky = step.mode & 0o1000 != 0
            if othersWrite && !(sticky && !isFile) { return false }
            shared = othersWrite
        }
        return true
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown files"))
    func generatedTreesAreJudgedByTheRule() throws {
        var random = SplitMix64(seed: 14)
        var verdicts: Set<Bool> = []
        for _ in 0..<300 {
            let root = try Self.lockedRoot()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let depth = 1 + Int(random.next() % 3)
            let steps = (0...depth).map { Self.draw(&random, isFile: $0 == depth) }
            // Each step is made in a hidden place of its parent and reached by its name or a link to that place.
            var parent = root, path = root
            for (index, step) in steps.enumerated() {
                let real = parent + "/real\(index)", name = parent + "/step\(index)"
                if index == steps.count - 1 {
                    try Self.script(real, marker: root + "/ran")
                } else {
                    try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
                }
                if step.throughLink {
                    try FileManager.default.createSymbolicLink(atPath: name, withDestinationPath: "real\(index)")
                    #expect(lchown(name, step.linkOwner, 0) == 0)
                } else {
                    try FileManager.default.moveItem(atPath: real, toPath: name)
                }
                path += "/step\(index)"
                parent = step.throughLink ? real : name
            }
            // Modes last, from the file up, so that making the tree never depends on them.
            var place = parent
            for step in steps.reversed() {
                Self.set(place, mode: step.mode, owner: step.owner, group: step.group)
                place = (place as NSString).deletingLastPathComponent
            }
            let privateGroup: gid_t? = random.next() % 2 == 0 ? nil : Self.otherGroup
            let rootGroupShared = random.next() % 2 == 0
            let expected = Self.expectedSafe(steps, privateGroup: privateGroup, rootGroupShared: rootGroupShared)
            let problem = LockedPath.problem(path, user: 0, privateGroup: privateGroup, rootGroupShared: rootGroupShared)
            #expect((problem == nil) == expected, "\(steps) \(rootGroupShared) → \(problem ?? "safe")")
            verdicts.insert(expected)
        }
        #expect(verdicts == [true, false])
    }
}
