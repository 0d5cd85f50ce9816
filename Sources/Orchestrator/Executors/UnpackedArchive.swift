import InstallModel

/// A release archive is untrusted: before it is unpacked its member names are relative with no `..` and its
/// listing shows no device, FIFO, socket, setuid/setgid member, link out of the tree (tar) or link at all (zip,
/// whose listing does not say where a link leads); after, its tree
/// holds no device files, FIFOs or sockets, nothing setuid or setgid, no symbolic link that is absolute or leads out
/// of the tree, no hard link to a file outside it, and the binary is a regular file (a link, even inside, is not
/// installed).
enum UnpackedArchive {
    /// The most an archive may unpack to: a few megabytes that unpack to gigabytes (a bomb) are refused unread.
    static let maximumUnpackedBytes: UInt64 = 512 << 20

    /// Why an archive whose listing is longer than evlog reads is refused: its members cannot all be checked.
    static let listingTooLong = "its member listing is longer than \(CapturingIO.capturedBytesMax >> 10) KiB, too many members to check before unpacking"

    /// The command whose output `problem(inSizeListing:zip:)` and `problem(inVerboseListing:zip:)` read: `tar -tvf`
    /// (one member a line: mode, owner, size, date, time, name) or `unzip -Z` (one member a line: mode, version,
    /// system, size, flags, method, date, time, name; then a totals line `N files, B bytes uncompressed, …`).
    static func sizeListing(archive: String, zip: Bool) -> [String] {
        zip ? ["unzip", "-Z", archive] : ["tar", "-tvf", archive]
    }

    /// Why an archive whose size listing (`sizeListing`) is `listing` may not be unpacked: it unpacks to more
    /// than `maximumUnpackedBytes`, or its sizes cannot be read.
    static func problem(inSizeListing listing: String, zip: Bool) -> String? {
        var total: UInt64 = 0
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let size: Substring?
            if zip {
                // The totals line, never a member's (whose name may hold the same words).
                guard let first = fields.first, !isMode(first), let index = fields.firstIndex(of: "bytes"), index > 0,
                      fields.index(after: index) < fields.endIndex, fields[fields.index(after: index)].hasPrefix("uncompressed")
                else { continue }
                size = fields[index - 1]
            } else {
                size = fields.count > 2 ? fields[2] : nil
            }
            // A device member lists `major,minor` instead of a size: it holds no bytes (and is refused after unpacking).
            guard let size, !size.contains(",") else { continue }
            guard let bytes = UInt64(size) else { return "its member sizes cannot be read (\(line.prefix(80)))" }
            total = total.addingReportingOverflow(bytes).overflow ? .max : total + bytes
        }
        guard total > maximumUnpackedBytes else { return nil }
        return "it unpacks to \(total >> 20) MiB, more than the \(maximumUnpackedBytes >> 20) MiB an archive may hold"
    }

    /// Why an archive whose verbose listing (`sizeListing`) is `listing` may not be unpacked: a member that is a
    /// device, FIFO or socket, setuid or setgid, a symbolic link that is absolute or climbs out of the tree (in a zip,
    /// any symbolic link: its target is not listed), or a hard link to an absolute or `..` name — refused from the
    /// listing, before anything is written (the tree is checked again after).
    static func problem(inVerboseListing listing: String, zip: Bool) -> String? {
        let fieldCount = zip ? 9 : 6
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: fieldCount - 1, omittingEmptySubsequences: true)
            guard fields.count == fieldCount, isMode(fields[0]) else { continue }
            let mode = Array(fields[0])
            let type = mode[0]
            let rest = String(fields[fieldCount - 1])
            if "cbps".contains(type) { return "it holds \(rest), a device file, FIFO or socket" }
            if "sS".contains(mode[3]) || "sS".contains(mode[6]) { return "it holds \(rest), which is setuid or setgid" }
            if type == "l", zip { return "it holds \(rest), a symbolic link (a zip does not list where its links lead)" }
            if type == "l", let arrow = rest.range(of: " -> ", options: .backwards) {
                let name = String(rest[..<arrow.lowerBound])
                let target = String(rest[arrow.upperBound...])
                if target.hasPrefix("/") || leavesTree(link: name, target: target) {
                    return "it holds \(name), a link out of the archive (to \(target))"
                }
            }
            if type == "h", let arrow = rest.range(of: " link to ", options: .backwards) {
                let target = rest[arrow.upperBound...]
                if target.hasPrefix("/") || target.split(separator: "/").contains("..") {
                    return "it holds \(rest[..<arrow.lowerBound]), a hard link to \(target) outside the archive"
                }
            }
        }
        return nil
    }

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

    /// Whether `field` is a member's mode as `ls -l` writes it (`-rwxr-xr-x`, `hrw-r--r--` for a tar hard link):
    /// listing lines are told from an archive's header and totals lines by it.
    private static func isMode(_ field: Substring) -> Bool {
        field.count == 10 && "-dlcbpsh".contains(field.first!) && field.dropFirst().allSatisfy { "rwxsStT-".contains($0) }
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
