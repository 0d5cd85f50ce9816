import Catalog
import Foundation
import InstallModel
import PathSafety
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A directory (a PATH entry, a tool's home, evlog's own home) is locked when it and every step to it are root's or
/// the user's and writable by no one else (`LockedPath.directoryProblem`, trust16 #9, #10); one not made yet is
/// judged by the nearest directory on it that exists.
struct LockedDirectoryTests {
    /// The rule for a generated `parent/child` (child missing, or a directory), written out: the parent's owner and
    /// mode decide whether a missing child may be made there; an existing child must be root's and not others'.
    static func expectedLocked(parentOwner: uid_t, parentMode: Int, child: (owner: uid_t, mode: Int)?) -> Bool {
        let parentShared = parentMode & 0o022 != 0
        let parentPassage = parentShared && parentMode & 0o1000 != 0
        guard parentOwner == 0, !parentShared || parentPassage else { return false }
        guard let child else { return !parentShared }
        return child.owner == 0 && child.mode & 0o022 == 0
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown directories"))
    func generatedDirectoriesAreJudgedByTheRule() throws {
        var random = SplitMix64(seed: 9)
        let owners: [uid_t] = [0, 0, LockedPathTests.otherUser]
        let modes = [0o755, 0o775, 0o777, 0o1777, 0o700]
        var verdicts: Set<Bool> = []
        for _ in 0..<200 {
            let root = try LockedPathTests.lockedRoot()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let parent = root + "/parent", child = parent + "/bin"
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
            let made: (owner: uid_t, mode: Int)? =
                random.next() % 2 == 0 ? nil : (owners[Int(random.next() % 3)], modes[Int(random.next() % UInt64(modes.count))])
            if let made {
                try FileManager.default.createDirectory(atPath: child, withIntermediateDirectories: false)
                LockedPathTests.set(child, mode: made.mode, owner: made.owner, group: LockedPathTests.otherGroup)
            }
            let (parentOwner, parentMode) = (owners[Int(random.next() % 3)], modes[Int(random.next() % UInt64(modes.count))])
            LockedPathTests.set(parent, mode: parentMode, owner: parentOwner, group: LockedPathTests.otherGroup)
            let expected = Self.expectedLocked(parentOwner: parentOwner, parentMode: parentMode, child: made)
            let problem = LockedPath.directoryProblem(child, user: 0, privateGroup: nil, orNearestParent: true)
            #expect((problem == nil) == expected, "parent \(parentOwner) \(String(parentMode, radix: 8)), child \(String(describing: made)) → \(problem ?? "locked")")
            verdicts.insert(expected)
        }
        #expect(verdicts == [true, false])
    }

    /// trust12 #10 / trust16 #9: `/var/lock` is a link to `/run/lock`, which every user may write; a `bin` in it is
    /// another user's to make. The same shape is built here (a link to a sticky directory) so it is judged everywhere.
    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown directories"))
    func aLinkToASharedDirectoryIsNoPlaceForPrograms() throws {
        let root = try LockedPathTests.lockedRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/run-lock", withIntermediateDirectories: false)
        LockedPathTests.set(root + "/run-lock", mode: 0o1777)
        try FileManager.default.createSymbolicLink(atPath: root + "/lock", withDestinationPath: "run-lock")
        #expect(LockedPath.directoryProblem(root + "/lock/bin", user: 0, privateGroup: nil, orNearestParent: true)
            == "\(root)/run-lock is writable by other users")
        #expect(LockedPath.directoryProblem(root + "/lock", user: 0, privateGroup: nil, orNearestParent: false) != nil)
        #expect(LockedPath.directoryProblem(root + "/lock/bin", user: 0, privateGroup: nil, orNearestParent: false) != nil)
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: "/var/lock")) != nil {
            #expect(LockedPath.directoryProblem("/var/lock/bin", user: 0, orNearestParent: true) != nil)
        }
        #expect(LockedPath.directoryProblem(root + "/missing/bin", user: 0, privateGroup: nil, orNearestParent: true) == nil)
        #expect(LockedPath.directoryProblem(root + "/missing/bin", user: 0, privateGroup: nil, orNearestParent: false) != nil)
    }
}
