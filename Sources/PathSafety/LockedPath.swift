import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a file named by an absolute path can be changed only by root and the user evlog runs as — the file and
/// every directory the kernel walks to reach it, through every symbolic link on the way (trust13 #14).
///
/// The "already installed?" probe runs before any consent, as root in `sudo evlog plan`; an overlay's absolute
/// `binary` is only spelled under a system directory (`/opt/…`), and `/opt` often holds links and directories a
/// user owns (`/opt/conda`, a vendor's installer run as a user). A file is run only when the walk finds every step
/// owned by root or by this user and writable by no one else, as sudo's secure-path check and OpenSSH's StrictModes
/// judge. A group-writable step is safe when the group is root's with no other member (`RootGroup`: no account but
/// root and this user has group 0, trust19 #4) or the user's private group (named as the user, the user's primary
/// group, no other member), as Debian's OpenSSH allows homes made under the `umask 002` of user private groups. Links are followed as the kernel follows them, and the
/// directory holding each link is checked too, so nobody else can swap a step between this check and the exec.
///
/// One kind of shared directory is a passage, never a home for the file: a root-owned sticky one (`/tmp`), whose
/// entries only their owners may rename or remove — so the entry the walk takes from it (a directory or a link)
/// must be root's or this user's. The file's own directory is never shared: a drop box any user writes into is
/// not a program directory. A POSIX ACL that lets another user or group write a step is as a mode bit that does
/// (`AccessControlList`, trust16 #8).
public enum LockedPath {
    /// The most links followed on one path, as the kernel's own limit (`ELOOP`).
    static let linkHopsMax = 40

    /// Why `path` may be changed by someone other than root and `user` (the effective user id by default), or nil
    /// when it is a regular file only they can change. A relative path, a missing step or a loop is a problem.
    public static func problem(_ path: String, user: uid_t = geteuid()) -> String? {
        problem(path, user: user, privateGroup: privateGroup(of: user), rootGroupShared: nil)
    }

    /// As `problem(_:user:)`, with the user's private group given (nil: none), whose members may write a step.
    /// `rootGroupShared`: whether an account other than root and `user` has group 0 (`RootGroup`, read by default).
    public static func problem(
        _ path: String, user: uid_t, privateGroup: gid_t?, rootGroupShared: Bool? = nil
    ) -> String? {
        walk(path, user: Owner(user: user, privateGroup: privateGroup, rootGroupShared: rootGroupShared), target: .file)
    }

    /// Why the directory `path` may be changed by someone other than root and `user`, or nil when only they can
    /// change it and every step to it (trust16 #9, #10: a PATH entry, a tool's home, evlog's own home). With
    /// `orNearestParent`, a path that does not exist yet is judged by the nearest directory on it that exists:
    /// what will be made there is only as safe as that directory.
    public static func directoryProblem(_ path: String, user: uid_t = geteuid(), orNearestParent: Bool = false) -> String? {
        directoryProblem(path, user: user, privateGroup: privateGroup(of: user), rootGroupShared: nil, orNearestParent: orNearestParent)
    }

    /// As `directoryProblem(_:user:orNearestParent:)`, with the user's private group given (nil: none).
    public static func directoryProblem(
        _ path: String, user: uid_t, privateGroup: gid_t?, rootGroupShared: Bool? = nil, orNearestParent: Bool
    ) -> String? {
        walk(
            path, user: Owner(user: user, privateGroup: privateGroup, rootGroupShared: rootGroupShared),
            target: orNearestParent ? .directoryOrNearestParent : .directory)
    }

    /// Why a directory made at the missing `path` (and the missing ones above it) could be changed by someone other
    /// than root and `user`, or nil: the nearest directory on it that exists is locked, or is a root-owned sticky
    /// passage (`/tmp`) whose new entry only its maker may rename — reached through locked steps. Judged before
    /// anything is made, so nothing is left behind in another user's directory.
    public static func creationProblem(_ path: String, user: uid_t = geteuid()) -> String? {
        walk(path, user: Owner(user: user, privateGroup: privateGroup(of: user), rootGroupShared: nil), target: .made)
    }

    /// What a walk must end on.
    private enum Target {
        case file, directory, directoryOrNearestParent
        /// A directory still to be made: its nearest existing parent may be a passage.
        case made
    }

    private static func walk(_ path: String, user: Owner, target: Target) -> String? {
        guard path.hasPrefix("/") else { return "\(path) is not an absolute path" }
        var pending = components(path)
        var current = "/"
        var shared: Bool
        switch step("/", user: user) {
        case .problem(let problem): return problem
        case .locked: shared = false
        case .passage: shared = true
        }
        var hops = 0
        while !pending.isEmpty {
            let name = pending.removeFirst()
            if name == "." { continue }
            let next = name == ".." ? parent(of: current) : current == "/" ? "/" + name : current + "/" + name
            var info = stat()
            guard lstat(next, &info) == 0 else {
                if errno == ENOENT, target == .directoryOrNearestParent { return shared ? sharedProblem(current) : nil }
                if errno == ENOENT, target == .made { return nil }
                return "\(next) cannot be read (\(String(cString: strerror(errno))))"
            }
            if shared, let problem = ownerProblem(next, info, user: user) { return problem }
            if info.st_mode & S_IFMT == S_IFLNK {
                hops += 1
                guard hops <= linkHopsMax, let destination = linkTarget(next) else { return "\(path) has too many or unreadable links" }
                if destination.hasPrefix("/") {
                    current = "/"
                    shared = false
                    if case .problem(let problem) = step("/", user: user) { return problem }
                }
                pending = components(destination) + pending
                continue
            }
            if pending.isEmpty, target == .file {
                guard info.st_mode & S_IFMT == S_IFREG else { return "\(next) is not a regular file" }
                if shared { return "\(current), the directory holding \(next), is writable by other users" }
                if case .problem(let problem) = step(next, user: user, info: info) { return problem }
                return nil
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { return "\(next) is not a directory" }
            switch step(next, user: user, info: info) {
            case .problem(let problem): return problem
            case .locked: shared = false
            case .passage: shared = true
            }
            current = next
        }
        guard target != .file else { return "\(path) names a directory, not a file" }
        return shared ? sharedProblem(current) : nil
    }

    private static func sharedProblem(_ directory: String) -> String {
        "\(directory) is writable by other users"
    }

    /// Who may change a step besides root: the user, the members of the user's private group, and those of group 0
    /// when it has none but root and the user.
    private struct Owner {
        var user: uid_t
        var privateGroup: gid_t?
        var rootGroupShared: Bool

        /// `rootGroupShared` nil: read from the account database.
        init(user: uid_t, privateGroup: gid_t?, rootGroupShared: Bool?) {
            self.user = user
            self.privateGroup = privateGroup
            self.rootGroupShared = rootGroupShared ?? RootGroup.hasOtherMembers(besides: user)
        }

        /// Whether the members of `group` are only root and the user.
        func trusts(_ group: gid_t) -> Bool { group == 0 ? !rootGroupShared : group == privateGroup }
    }

    /// The user's private group: the primary group named as the user, with no member but the user; nil otherwise.
    public static func privateGroup(of user: uid_t) -> gid_t? {
        guard user != 0 else { return nil }
        var account = passwd(), accountResult: UnsafeMutablePointer<passwd>?
        var accountBuffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(user, &account, &accountBuffer, accountBuffer.count, &accountResult) == 0, accountResult != nil,
            let accountName = account.pw_name
        else { return nil }
        let name = String(cString: accountName)
        var groupEntry = group(), groupResult: UnsafeMutablePointer<group>?
        var groupBuffer = [CChar](repeating: 0, count: 65_536)
        guard getgrgid_r(account.pw_gid, &groupEntry, &groupBuffer, groupBuffer.count, &groupResult) == 0, groupResult != nil,
            let groupName = groupEntry.gr_name, String(cString: groupName) == name
        else { return nil }
        var member = groupEntry.gr_mem
        while let entry = member?.pointee {
            guard String(cString: entry) == name else { return nil }
            member = member?.advanced(by: 1)
        }
        return account.pw_gid
    }

    /// What one step of the walk is to the check.
    private enum Step {
        /// Only root and the user can change it.
        case locked
        /// A root-owned sticky directory others may write: its entries are checked one by one.
        case passage
        case problem(String)
    }

    /// What the step at `place` (already `lstat`ed into `info`, or read here) is.
    private static func step(_ place: String, user: Owner, info known: stat? = nil) -> Step {
        var info = known ?? stat()
        if known == nil, lstat(place, &info) != 0 { return .problem("\(place) cannot be read (\(String(cString: strerror(errno))))") }
        if let problem = ownerProblem(place, info, user: user) { return .problem(problem) }
        if info.st_mode & S_IFMT != S_IFLNK,
            let writer = AccessControlList.of(place)?.otherWriter(user: user.user, trusting: user.trusts)
        {
            return .problem("\(place) is writable by \(writer) through its ACL")
        }
        let groupWrites = info.st_mode & S_IWGRP != 0 && !user.trusts(info.st_gid)
        let sharedWrite = info.st_mode & S_IWOTH != 0 || groupWrites
        guard sharedWrite else { return .locked }
        let isPassage = info.st_mode & S_IFMT == S_IFDIR && info.st_mode & S_ISVTX != 0 && info.st_uid == 0
        if isPassage { return .passage }
        return .problem(info.st_mode & S_IWOTH != 0 ? "\(place) is writable by every user" : "\(place) is writable by group id \(info.st_gid)")
    }

    private static func ownerProblem(_ place: String, _ info: stat, user: Owner) -> String? {
        guard info.st_uid != 0 && info.st_uid != user.user else { return nil }
        return "\(place) belongs to user id \(info.st_uid), not to root or the user evlog runs as"
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    private static func parent(of directory: String) -> String {
        guard let slash = directory.lastIndex(of: "/"), slash != directory.startIndex else { return "/" }
        return String(directory[..<slash])
    }

    /// Where the symbolic link at `link` points, as written in it; nil when `link` is no link.
    public static func linkTarget(_ link: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
