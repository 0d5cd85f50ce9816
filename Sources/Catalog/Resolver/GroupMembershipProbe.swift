#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells whether a user already belongs to a group, so a `group:` post-install step is planned only when it adds the
/// user, and uninstall takes out only a membership the install added (truth20 #10). Conformers change nothing.
public protocol GroupMembershipProbe: Sendable {
    func isMember(_ user: String, of group: String) -> Bool
}

/// For planning another system (named profiles, simulations): nobody belongs to any group there.
public struct NoGroupMembership: GroupMembershipProbe {
    public init() {}
    public func isMember(_ user: String, of group: String) -> Bool { false }
}

/// This machine's group database: a member when the group lists the user, or is the user's primary group.
public struct SystemGroupMembership: GroupMembershipProbe {
    public init() {}

    public func isMember(_ user: String, of group: String) -> Bool {
        guard let entry = getgrnam(group) else { return false }
        if let account = getpwnam(user), account.pointee.pw_gid == entry.pointee.gr_gid { return true }
        guard var member = entry.pointee.gr_mem else { return false }
        while let name = member.pointee {
            if String(cString: name) == user { return true }
            member += 1
        }
        return false
    }
}
