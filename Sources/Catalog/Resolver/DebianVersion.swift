/// A Debian package version (`[epoch:]upstream[-revision]`), ordered as dpkg orders them (deb-version(7)):
/// epochs as numbers, then upstream and revision by alternating runs of non-digits (letters before other
/// characters, `~` before anything, even the end) and digits (as numbers). `1.2-1 < 1.2-2`, `1.0~rc1 < 1.0`.
public struct DebianVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let epoch: Int
    public let upstream: String
    public let revision: String

    /// Any text dpkg would accept as a version splits this way; nil for empty text or an epoch that is no number.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var rest = Substring(trimmed)
        var epoch = 0
        if let colon = rest.firstIndex(of: ":") {
            guard let value = Int(rest[..<colon]), value >= 0 else { return nil }
            epoch = value
            rest = rest[rest.index(after: colon)...]
        }
        var revision = Substring("")
        if let dash = rest.lastIndex(of: "-") {
            revision = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        guard !rest.isEmpty else { return nil }
        self.epoch = epoch
        self.upstream = String(rest)
        self.revision = String(revision)
    }

    /// `outdated` or `current` for an installed version and apt's candidate, as dpkg orders them; nil when either
    /// is no version.
    public static func status(installed: String, candidate: String?) -> String? {
        guard let installed = DebianVersion(installed), let candidate = candidate.flatMap(DebianVersion.init) else { return nil }
        return installed < candidate ? "outdated" : "current"
    }

    public var description: String {
        (epoch == 0 ? "" : "\(epoch):") + upstream + (revision.isEmpty ? "" : "-" + revision)
    }

    public static func < (lhs: DebianVersion, rhs: DebianVersion) -> Bool {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch }
        let upstream = compare(lhs.upstream, rhs.upstream)
        return upstream != 0 ? upstream < 0 : compare(lhs.revision, rhs.revision) < 0
    }

    /// Equal as dpkg sees it (`1.01` and `1.1` are the same version).
    public static func == (lhs: DebianVersion, rhs: DebianVersion) -> Bool {
        lhs.epoch == rhs.epoch && compare(lhs.upstream, rhs.upstream) == 0 && compare(lhs.revision, rhs.revision) == 0
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(epoch) }

    /// dpkg's `verrevcmp`: negative, zero or positive.
    static func compare(_ left: String, _ right: String) -> Int {
        var a = Array(left.utf8)[...]
        var b = Array(right.utf8)[...]
        while !a.isEmpty || !b.isEmpty {
            // The non-digit run: compared character by character by `order`.
            while (!a.isEmpty && !isDigit(a.first!)) || (!b.isEmpty && !isDigit(b.first!)) {
                let x = a.first.map { isDigit($0) ? 0 : order($0) } ?? 0
                let y = b.first.map { isDigit($0) ? 0 : order($0) } ?? 0
                if x != y { return x - y }
                if !a.isEmpty && !isDigit(a.first!) { a = a.dropFirst() }
                if !b.isEmpty && !isDigit(b.first!) { b = b.dropFirst() }
            }
            // The digit run: compared as numbers (leading zeros do not count).
            while a.first == UInt8(ascii: "0") { a = a.dropFirst() }
            while b.first == UInt8(ascii: "0") { b = b.dropFirst() }
            var difference = 0
            while let x = a.first, let y = b.first, isDigit(x), isDigit(y) {
                if difference == 0 { difference = Int(x) - Int(y) }
                a = a.dropFirst()
                b = b.dropFirst()
            }
            if let x = a.first, isDigit(x) { return 1 }
            if let y = b.first, isDigit(y) { return -1 }
            if difference != 0 { return difference }
        }
        return 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// dpkg's character order: `~` first (before the end of the string), then the end, letters, everything else.
    private static func order(_ byte: UInt8) -> Int {
        if byte == UInt8(ascii: "~") { return -1 }
        if (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) {
            return Int(byte)
        }
        return Int(byte) + 256
    }
}
