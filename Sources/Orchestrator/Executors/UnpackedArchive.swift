import InstallModel

/// A release archive is untrusted until its unpacked tree passes these checks: no device files, FIFOs or sockets,
/// nothing setuid or setgid, no symbolic link that is absolute or leads out of the tree, no hard link to a file
/// outside it, and the binary a regular file (a link to anything, even inside, is not installed).
enum UnpackedArchive {
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
