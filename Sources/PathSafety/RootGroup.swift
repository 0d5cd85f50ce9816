#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Whether group 0 is root's alone, judged from the account database as the private-group rule is (trust19 #4): a
/// file group 0 may write is as safe as a root-only one only when no account but root (uid 0) and the user evlog
/// runs as has group 0 — as its primary group (`useradd -g 0`, the arbitrary-uid images of OpenShift) or as a
/// listed member of it.
public enum RootGroup {
    /// Serialises `getpwent`, whose walk over the accounts is one per process.
    private static let accountWalk = Mutex(())

    /// Whether an account other than root and `user` has group 0.
    public static func hasOtherMembers(besides user: uid_t) -> Bool {
        listedMemberOtherThanRoot(besides: user) || primaryMemberOtherThanRoot(besides: user)
    }

    /// Whether `/etc/group`'s entry for group 0 lists a name that is not root's or `user`'s account.
    private static func listedMemberOtherThanRoot(besides user: uid_t) -> Bool {
        var entry = group(), result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 65_536)
        guard getgrgid_r(0, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return false }
        var member = entry.gr_mem
        while let name = member?.pointee {
            if let uid = uid(named: name), uid == 0 || uid == user {
                member = member?.advanced(by: 1)
                continue
            }
            return true
        }
        return false
    }

    /// Whether an account other than root and `user` has group 0 as its primary group.
    private static func primaryMemberOtherThanRoot(besides user: uid_t) -> Bool {
        accountWalk.withLock { _ in
            setpwent()
            defer { endpwent() }
            while let account = getpwent() {
                let entry = account.pointee
                if entry.pw_gid == 0, entry.pw_uid != 0, entry.pw_uid != user { return true }
            }
            return false
        }
    }

    /// The uid of the account named `name`, or nil when there is none (a listed name with no account is a member
    /// nobody can log in as, yet still not root: the caller counts it as another member).
    private static func uid(named name: UnsafeMutablePointer<CChar>) -> uid_t? {
        var account = passwd(), result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwnam_r(name, &account, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return account.pw_uid
    }
}
