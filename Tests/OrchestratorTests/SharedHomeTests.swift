import Foundation
import Orchestrator
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Root does not use a home another user can change (trust16 #10): the home, or a directory evlog uses in it
/// (`plans`, `work`, `backups`), another user's or writable by others is named (`PlanArchive.sharedWithOthersProblem`);
/// a fresh home only root writes is not.
@Suite(.enabled(if: geteuid() == 0, "needs root to own and chown directories"))
struct SharedHomeTests {
    @Test(arguments: ["", "/work", "/plans", "/backups"]) func aHomeOrADirectoryInItOthersMayChangeIsNamed(inside: String) throws {
        let home = NSTemporaryDirectory() + "evlog-shared-home-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let archive = PlanArchive(home: home)
        #expect(archive.sharedWithOthersProblem() == nil)
        let place = home + inside
        if !inside.isEmpty { try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: false) }
        #expect(chmod(place, 0o777) == 0)
        #expect(archive.sharedWithOthersProblem() == "\(place) is writable by every user")
        #expect(chmod(place, 0o700) == 0 && chown(place, 65534, 65534) == 0)
        #expect(archive.sharedWithOthersProblem() == "\(place) belongs to user id 65534, not to root or the user evlog runs as")
    }

    /// A home still to be made is judged by where it would be made, before anything is made: under another user's
    /// directory it is refused (nothing is left there), under root's sticky `/tmp` or a directory of root's it may be.
    @Test(arguments: [(0o755, 65534, true), (0o777, 0, true), (0o755, 0, false), (0o1777, 0, false)])
    func aHomeStillToBeMadeIsJudgedByWhereItWouldBeMade(mode: Int, owner: Int, refused: Bool) throws {
        let parent = NSTemporaryDirectory() + "evlog-home-parent-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
        #expect(chmod(parent, mode_t(mode)) == 0 && chown(parent, uid_t(owner), gid_t(owner)) == 0)
        let archive = PlanArchive(home: parent + "/a/b/evlog")
        #expect((archive.homeCreationProblem() != nil) == refused)
        #expect(!FileManager.default.fileExists(atPath: parent + "/a"))
    }
}
