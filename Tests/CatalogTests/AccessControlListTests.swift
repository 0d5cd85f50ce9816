import CExtendedAttributes
import Catalog
import Foundation
import InstallModel
import PathSafety
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A POSIX ACL that lets another user or group write a file or a directory on its way makes it changeable by others
/// (trust16 #8): `stat` shows only the mask in the group bits (`-rwxrwxr-x root root`). The xattr form is parsed and
/// judged against the rule written out; real files carry real ACLs (as `setfacl` writes them).
struct AccessControlListTests {
    typealias Entry = AccessControlList.Entry
    typealias Tag = AccessControlList.Tag

    static let user: uid_t = 1000
    static let privateGroup: gid_t = 1000
    static let other: UInt32 = 65534

    /// The rule: a named user other than root and the user, or a named group other than the user's private group and
    /// root's (when no one else has group 0: trust19 #4), with write, while the mask (if any) grants write too.
    static func expectedWriter(_ entries: [Entry], rootGroupShared: Bool) -> Bool {
        if let mask = entries.first(where: { $0.tag == Tag.mask }), mask.permissions & 2 == 0 { return false }
        return entries.contains { entry in
            entry.permissions & 2 != 0
                && (entry.tag == Tag.user && entry.id != 0 && entry.id != user
                    || entry.tag == Tag.group && (entry.id != 0 || rootGroupShared) && entry.id != privateGroup)
        }
    }

    @Test func generatedListsAreReadBackAndJudgedByTheRule() {
        var random = SplitMix64(seed: 8)
        let tags = [Tag.userObject, Tag.user, Tag.groupObject, Tag.group, Tag.mask, Tag.other]
        let ids: [UInt32] = [0, UInt32(Self.user), Self.other, 100]
        var verdicts: Set<Bool> = []
        for _ in 0..<500 {
            let entries = (0..<Int(random.next() % 6)).map { _ in
                Entry(tag: tags[Int(random.next() % 6)], permissions: UInt16(random.next() % 8), id: ids[Int(random.next() % 4)])
            }
            let list = AccessControlList(entries: entries)
            #expect(AccessControlList(bytes: list.bytes) == list)
            let rootGroupShared = random.next() % 2 == 0
            let trusted: (gid_t) -> Bool = { $0 == Self.privateGroup || $0 == 0 && !rootGroupShared }
            let writes = list.otherWriter(user: Self.user, trusting: trusted) != nil
            #expect(writes == Self.expectedWriter(entries, rootGroupShared: rootGroupShared), "\(entries) \(rootGroupShared)")
            verdicts.insert(writes)
        }
        #expect(verdicts == [true, false])
    }

    @Test func aTornOrForeignAttributeIsNotAList() {
        let list = AccessControlList(entries: [Entry(tag: Tag.user, permissions: 7, id: Self.other)])
        #expect(AccessControlList(bytes: Array(list.bytes.dropLast())) == nil)
        #expect(AccessControlList(bytes: [1, 0, 0, 0]) == nil)
        #expect(AccessControlList(bytes: []) == nil)
    }

    static func setACL(_ path: String, _ entries: [Entry]) {
        let bytes = AccessControlList(entries: entries).bytes
        #expect(lsetxattr(path, "system.posix_acl_access", bytes, bytes.count, 0) == 0, "\(String(cString: strerror(errno)))")
    }

    /// What `setfacl -m u:65534:rwx` leaves: the owner's, the named user's, the owning group's, the mask, others.
    static func namedWriter(_ id: UInt32, tag: UInt16 = Tag.user, mask: UInt16 = 7) -> [Entry] {
        // The kernel takes entries ordered by tag.
        [Entry(tag: Tag.userObject, permissions: 7), Entry(tag: tag, permissions: 7, id: id), Entry(tag: Tag.groupObject, permissions: 5),
         Entry(tag: Tag.mask, permissions: mask), Entry(tag: Tag.other, permissions: 5)].sorted { $0.tag < $1.tag }
    }

    /// trust16 #8's shape: `/opt/app/bin/acmebin`, root's, 0775 by its mask, that user 65534 may write through an ACL —
    /// on the file or on a directory on the way. Not run; with the mask's write taken away, or the entry root's, it is.
    @Test(.enabled(if: geteuid() == 0, "needs root to own files and set their ACLs"))
    func aFileOrDirectoryAnotherUserWritesThroughAnACLIsNotLocked() throws {
        let root = try LockedPathTests.lockedRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/app", file = directory + "/acmebin"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try LockedPathTests.script(file, marker: root + "/ran")
        #expect(LockedPath.problem(file, user: 0, privateGroup: nil) == nil)
        for place in [file, directory] {
            Self.setACL(place, Self.namedWriter(Self.other))
            let problem = try #require(LockedPath.problem(file, user: 0, privateGroup: nil))
            #expect(problem == "\(place) is writable by user id \(Self.other) through its ACL")
            #expect(PathInstalledProbe(searchPath: "/usr/bin").versionOutput(binary: file, arguments: []) == "")
            Self.setACL(place, Self.namedWriter(Self.other, tag: Tag.group))
            #expect(LockedPath.problem(file, user: 0, privateGroup: nil) == "\(place) is writable by group id \(Self.other) through its ACL")
            Self.setACL(place, Self.namedWriter(Self.other, mask: 5))
            #expect(LockedPath.problem(file, user: 0, privateGroup: nil) == nil)
            Self.setACL(place, Self.namedWriter(0))
            #expect(LockedPath.problem(file, user: 0, privateGroup: nil) == nil)
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/ran"))
    }

    /// The same with the ACL `setfacl` itself writes, where it is installed.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setfacl"),
                   "setfacl is not installed: the ACL is written as its xattr by aFileOrDirectoryAnotherUserWritesThroughAnACLIsNotLocked"))
    func anACLSetBySetfaclIsSeen() throws {
        let root = try LockedPathTests.lockedRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/acmebin"
        try LockedPathTests.script(file, marker: root + "/ran")
        #expect(LockedPathTests.system(["/usr/bin/setfacl", "-m", "u:\(Self.other):rwx", file]) == 0)
        #expect(LockedPath.problem(file, user: 0, privateGroup: nil) == "\(file) is writable by user id \(Self.other) through its ACL")
    }
}
