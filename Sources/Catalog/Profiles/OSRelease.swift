/// The fields of `/etc/os-release` (freedesktop format: `KEY=value`, values optionally quoted).
public struct OSRelease: Hashable, Sendable {
    public let fields: [String: String]

    public init(text: String) {
        var fields: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            fields[key] = OSRelease.unquote(String(line[line.index(after: equals)...]))
        }
        self.fields = fields
    }

    /// `ID`, lowercased (`ubuntu`).
    public var id: String { fields["ID"]?.lowercased() ?? "linux" }
    /// `ID_LIKE`, split (`["debian"]`).
    public var idLike: [String] { (fields["ID_LIKE"] ?? "").lowercased().split(separator: " ").map(String.init) }
    public var versionID: String { fields["VERSION_ID"] ?? "" }

    /// `VERSION_CODENAME`, else `UBUNTU_CODENAME`, else a single word in parentheses of `VERSION` (`12 (bookworm)`).
    public var codename: String? {
        if let name = fields["VERSION_CODENAME"], !name.isEmpty { return name }
        if let name = fields["UBUNTU_CODENAME"], !name.isEmpty { return name }
        guard let version = fields["VERSION"], let open = version.firstIndex(of: "("),
            let close = version.lastIndex(of: ")"), open < close
        else { return nil }
        // Only a single word is a codename (`12 (bookworm)`); `41 (Workstation Edition)` is not.
        let words = version[version.index(after: open)..<close].split(separator: " ")
        return words.count == 1 ? words[0].lowercased() : nil
    }

    /// debian, rhel, alpine, arch, suse, or the id itself when nothing matches.
    public var family: String {
        for name in [id] + idLike {
            switch name {
            case "debian", "ubuntu", "raspbian", "linuxmint", "pop": return "debian"
            case "fedora", "rhel", "centos", "rocky", "almalinux", "ol", "amzn": return "rhel"
            case "alpine": return "alpine"
            case "arch", "manjaro", "endeavouros": return "arch"
            case "suse", "opensuse", "opensuse-leap", "opensuse-tumbleweed", "sles": return "suse"
            default: continue
            }
        }
        return id
    }

    private static func unquote(_ value: String) -> String {
        guard let first = value.first, first == "\"" || first == "'", value.count >= 2, value.last == first else {
            return value
        }
        var result = ""
        var escaping = false
        for character in value.dropFirst().dropLast() {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" && first == "\"" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
