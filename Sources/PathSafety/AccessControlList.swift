import Foundation

#if canImport(Glibc)
    import CExtendedAttributes
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's POSIX access ACL as the kernel stores it in the `system.posix_acl_access` extended attribute (trust16
/// #8): with a named entry, `stat`'s group bits show the ACL mask, so a named user's write looks like the owning
/// group's (`-rwxrwxr-x root root`). Read with `lgetxattr`, no libacl: a little-endian version (2), then entries of
/// tag (u16), permissions (u16) and id (u32).
public struct AccessControlList: Equatable, Sendable {
    /// One entry: who (`tag`, and `id` for a named user or group) may do what (`permissions`, rwx as 4/2/1).
    public struct Entry: Equatable, Sendable {
        public var tag: UInt16
        public var permissions: UInt16
        public var id: UInt32

        public init(tag: UInt16, permissions: UInt16, id: UInt32 = UInt32.max) {
            self.tag = tag
            self.permissions = permissions
            self.id = id
        }
    }

    /// The tags of the entries (`acl_tag_t` in the kernel's xattr form).
    public enum Tag {
        public static let userObject: UInt16 = 0x01, user: UInt16 = 0x02, groupObject: UInt16 = 0x04
        public static let group: UInt16 = 0x08, mask: UInt16 = 0x10, other: UInt16 = 0x20
    }

    static let write: UInt16 = 0x02
    static let version: UInt32 = 2
    static let attributeName = "system.posix_acl_access"

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The list in `bytes` (the xattr's value), or nil when it is not one: a wrong version or a torn entry.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 4, (bytes.count - 4) % 8 == 0, Self.integer(bytes, at: 0, size: 4) == Self.version else { return nil }
        entries = stride(from: 4, to: bytes.count, by: 8).map { offset in
            Entry(
                tag: UInt16(Self.integer(bytes, at: offset, size: 2)), permissions: UInt16(Self.integer(bytes, at: offset + 2, size: 2)),
                id: UInt32(Self.integer(bytes, at: offset + 4, size: 4)))
        }
    }

    /// The xattr value of this list, as `setfacl` would write it.
    public var bytes: [UInt8] {
        var bytes = Self.littleEndian(UInt64(Self.version), size: 4)
        for entry in entries {
            bytes += Self.littleEndian(UInt64(entry.tag), size: 2) + Self.littleEndian(UInt64(entry.permissions), size: 2)
            bytes += Self.littleEndian(UInt64(entry.id), size: 4)
        }
        return bytes
    }

    /// The named user other than root and `user`, or the named group whose members are not only root and `user` (not
    /// `trusts`: the user's private group, group 0 when root's alone), that this list lets write, as a phrase ("user
    /// id 65534"), or nil when none may. A named entry writes when it and the mask (absent: no limit) both grant write.
    public func otherWriter(user: uid_t, trusting trusts: (gid_t) -> Bool) -> String? {
        let maskWrites = entries.first { $0.tag == Tag.mask }.map { $0.permissions & Self.write != 0 } ?? true
        guard maskWrites else { return nil }
        for entry in entries where entry.permissions & Self.write != 0 {
            if entry.tag == Tag.user && entry.id != 0 && entry.id != user { return "user id \(entry.id)" }
            if entry.tag == Tag.group && !trusts(gid_t(entry.id)) { return "group id \(entry.id)" }
        }
        return nil
    }

    /// The access ACL of `place` (not following a final link), or nil when it has none. An attribute that cannot
    /// be parsed is returned as a list that lets every other user write, so that it never passes.
    public static func of(_ place: String) -> AccessControlList? {
        let size = lgetxattr(place, attributeName, nil, 0)
        guard size > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: size)
        let read = lgetxattr(place, attributeName, &buffer, size)
        guard read > 0 else { return unreadable }
        return AccessControlList(bytes: Array(buffer[..<read])) ?? unreadable
    }

    /// What an unreadable list counts as: a named user (the largest id) who may write.
    static let unreadable = AccessControlList(entries: [Entry(tag: Tag.user, permissions: write, id: UInt32.max - 1)])

    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(UInt64(0)) { value, index in value | UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
    }

    private static func littleEndian(_ value: UInt64, size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
