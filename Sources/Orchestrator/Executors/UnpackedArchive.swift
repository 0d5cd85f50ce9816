import InstallModel

/// A release archive is untrusted: before it is unpacked its member names are relative with no `..`; after, its tree
/// holds no device files, FIFOs or sockets, nothing setuid or setgid, no symbolic link that is absolute or leads out
/// of the tree, no hard link to a file outside it, and the binary is a regular file (a link, even inside, is not
/// installed).
enum UnpackedArchive {
    /// Why an archive whose listing (`tar -tf`, `unzip -Z1`: one member name a line) is `listing` may not be unpacked.
    static func problem(inListing listing: String) -> String? {
        for name in listing.split(separator: "\n") {
            if name.hasPrefix("/") { return "it holds \(name), an absolute path" }
            if name.split(separator: "/").contains("..") { return "it holds \(name), a path with '..'" }
        }
        return nil
    }

    /// Why the tree `entries` (as `FileSystem.entries(under:)` lists it) may not be installed from, or nil.
    static func problem(in entries: [FileEntry], binary: String) -> String? {
        var names: [[UInt64]: Int] = [:]
        for entry in entries where !entry.identity.isEmpty { names[entry.identity, default: 0] += 1 }
        for entry in entries {
            switch entry.kind {
            case .other: return "it holds \(entry.path), a device file, FIFO or socket"
            case .symbolicLink:
                let target = entry.linkTarget ?? ""
                if target.hasPrefix("/") || leavesTree(link: entry.path, target: target) {
                    return "it holds \(entry.path), a link out of the archive (to \(target))"
                }
            case .regular, .directory:
                if entry.mode & 0o6000 != 0 { return "it holds \(entry.path), which is setuid or setgid" }
                if entry.kind == .regular, !entry.identity.isEmpty, UInt64(names[entry.identity] ?? 0) < entry.linkCount {
                    return "it holds \(entry.path), a hard link to a file outside the archive"
                }
            }
        }
        let wanted = binary.split(separator: "/").joined(separator: "/")
        if let entry = entries.first(where: { $0.path == wanted }), entry.kind != .regular {
            return "\(binary) in it is not a regular file (a link or a directory); only a regular file is installed"
        }
        return nil
    }

    /// Whether `target`, read from the directory holding `link`, climbs above the tree's root.
    private static func leavesTree(link: String, target: String) -> Bool {
        var depth = link.split(separator: "/").count - 1
        for element in target.split(separator: "/") {
            if element == ".." { depth -= 1 } else if element != "." { depth += 1 }
            if depth < 0 { return true }
        }
        return false
    }
}
