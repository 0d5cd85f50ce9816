import InstallModel

/// A release archive is untrusted: before it is unpacked its member names are relative with no `..` and its
/// listing shows no device, FIFO, socket, setuid/setgid member or link out of the tree (a zip's listing does not say
/// where a link leads, so each zip link's target is read first: `zipLinks`, `targetCommand`); after, its tree
/// holds no device files, FIFOs or sockets, nothing setuid or setgid, no symbolic link out of the tree, no hard link
/// to a file outside it, and the binary is a regular file reached through no link (a link, even inside, is not
/// installed). One rule judges every link, from a tar listing, a zip or the tree: `linkProblem`.
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

    /// The most symbolic links a zip may hold: each one's target is read with a command of its own.
    static let maximumZipLinks = 64

    /// The longest target a zip link may have (PATH_MAX).
    static let maximumLinkTargetBytes: UInt64 = 4096

    /// Why an archive whose verbose listing (`sizeListing`) is `listing` may not be unpacked: a member that is a
    /// device, FIFO or socket, setuid or setgid, a symbolic link that is absolute or climbs out of the tree (a zip
    /// link's target is not listed: `zipLinks` are judged once read), or a hard link to an absolute or `..` name —
    /// refused from the listing, before anything is written (the tree is checked again after).
    static func problem(inVerboseListing listing: String, zip: Bool) -> String? {
        let members = memberLines(listing, zip: zip)
        let tarLinks = zip ? [] : members.filter { $0.mode.first == "l" }.compactMap { member in
            member.rest.range(of: " -> ", options: .backwards).map { (name: String(member.rest[..<$0.lowerBound]), target: String(member.rest[$0.upperBound...])) }
        }
        let linkNames = Set(tarLinks.map { normalised($0.name) })
        for link in tarLinks {
            if let problem = linkProblem(link.name, target: link.target, links: linkNames) { return problem }
        }
        for (mode, rest, _) in members {
            let type = mode[0]
            if "cbps".contains(type) { return "it holds \(rest), a device file, FIFO or socket" }
            if "sS".contains(mode[3]) || "sS".contains(mode[6]) { return "it holds \(rest), which is setuid or setgid" }
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

    /// The symbolic links of a zip whose verbose listing (`sizeListing`) is `listing`: their names and the size of
    /// their targets. A zip does not list where a link leads; the release executor reads each (`targetCommand`) and
    /// judges it by `linkProblem`. Nil when there are more than `maximumZipLinks`.
    static func zipLinks(inVerboseListing listing: String) -> [(name: String, targetBytes: UInt64)]? {
        let links = memberLines(listing, zip: true).filter { $0.mode.first == "l" }.map { ($0.rest, UInt64($0.size) ?? .max) }
        return links.count > maximumZipLinks ? nil : links
    }

    /// The command that writes the target of the zip link `name` to standard output: `unzip -p`, the name's
    /// punctuation escaped with `\` so that unzip's wildcards (`*`, `?`, `[`) and options (`-x`, `-d`) match only it.
    static func targetCommand(archive: String, link name: String) -> [String] {
        var pattern = ""
        for character in name {
            if character.isASCII, !(character.isLetter || character.isNumber) { pattern.append("\\") }
            pattern.append(character)
        }
        return ["unzip", "-p", archive, pattern]
    }

    /// Why the symbolic link `name` (a path in the archive) to `target` may not be unpacked, or nil — the one rule
    /// for a tar listing, a zip's links and the unpacked tree: the target is absolute; read from the link's
    /// directory it climbs above the archive's root (after `.` and `..` are resolved); or it passes through another
    /// of the archive's `links` (normalised names), or the link lies under one, where `..` would climb from wherever
    /// that link leads.
    static func linkProblem(_ name: String, target: String, links: Set<String>) -> String? {
        let out = "it holds \(name), a link out of the archive (to \(target))"
        if target.hasPrefix("/") { return out }
        var path = Array(components(name).dropLast())
        for depth in path.indices where links.contains(path[...depth].joined(separator: "/")) {
            return "it holds \(name), a link under the link \(path[...depth].joined(separator: "/"))"
        }
        let steps = components(target)
        for (index, step) in steps.enumerated() {
            if step == ".." {
                guard !path.isEmpty else { return out }
                path.removeLast()
            } else {
                path.append(step)
            }
            let through = path.joined(separator: "/")
            if index < steps.count - 1, links.contains(through) {
                return "it holds \(name), a link through the link \(through) (to \(target))"
            }
        }
        return nil
    }

    /// Why the tree `entries` (as `FileSystem.entries(under:)` lists it) may not be installed from, or nil.
    static func problem(in entries: [FileEntry], binary: String) -> String? {
        var names: [[UInt64]: Int] = [:]
        for entry in entries where !entry.identity.isEmpty { names[entry.identity, default: 0] += 1 }
        let links = Set(entries.filter { $0.kind == .symbolicLink }.map(\.path))
        for entry in entries {
            switch entry.kind {
            case .other: return "it holds \(entry.path), a device file, FIFO or socket"
            case .symbolicLink:
                if let problem = linkProblem(entry.path, target: entry.linkTarget ?? "", links: links) { return problem }
            case .regular, .directory:
                if entry.mode & 0o6000 != 0 { return "it holds \(entry.path), which is setuid or setgid" }
                if entry.kind == .regular, !entry.identity.isEmpty, UInt64(names[entry.identity] ?? 0) < entry.linkCount {
                    return "it holds \(entry.path), a hard link to a file outside the archive"
                }
            }
        }
        let wanted = normalised(binary)
        if let entry = entries.first(where: { $0.path == wanted }), entry.kind != .regular {
            return "\(binary) in it is not a regular file (a link or a directory); only a regular file is installed"
        }
        let directories = components(binary).dropLast()
        if let link = directories.indices.map({ directories[...$0].joined(separator: "/") }).first(where: links.contains) {
            return "\(binary) in it is reached through the link \(link); only a regular file the archive holds is installed"
        }
        return nil
    }

    /// The member lines of a verbose listing (`sizeListing`): the mode, the rest of the line after the fixed fields
    /// (the name, and for a tar link ` -> target` or ` link to target`) and the size field. Header and totals
    /// lines are told apart by their first field not being a mode.
    private static func memberLines(_ listing: String, zip: Bool) -> [(mode: [Character], rest: String, size: Substring)] {
        let fieldCount = zip ? 9 : 6
        return listing.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: fieldCount - 1, omittingEmptySubsequences: true)
            guard fields.count == fieldCount, isMode(fields[0]) else { return nil }
            return (Array(fields[0]), String(fields[fieldCount - 1]), fields[zip ? 3 : 2])
        }
    }

    /// A path's elements, `.` and empty ones (`./a//b`) dropped.
    private static func components(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0 != "." }.map(String.init)
    }

    /// A member path as the tree names it: `./tool//rel/` → `tool/rel`.
    private static func normalised(_ path: String) -> String { components(path).joined(separator: "/") }

    /// Whether `field` is a member's mode as `ls -l` writes it (`-rwxr-xr-x`, `hrw-r--r--` for a tar hard link,
    /// `?rwsr-xr-x` for a type the listing cannot name, such as a zip member whose external attributes hold
    /// permissions and no file type): listing lines are told from an archive's header and totals lines by it, so a
    /// member of unknown type is judged like any other (its setuid bit included), never skipped.
    private static func isMode(_ field: Substring) -> Bool {
        field.count == 10 && "-dlcbpsh?".contains(field.first!) && field.dropFirst().allSatisfy { "rwxsStT-".contains($0) }
    }
}
