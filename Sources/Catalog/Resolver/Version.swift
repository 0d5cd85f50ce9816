/// A dotted numeric version (`1.2.3`, `v0.10.4`), compared component by component.
public struct Version: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let components: [Int]

    /// Accepts an optional leading `v` and at least one numeric component; a trailing suffix (`-rc1`) is ignored.
    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.first == "v" { rest = rest.dropFirst() }
        var components: [Int] = []
        for part in rest.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = part.prefix { $0.isASCII && $0.isNumber }
            guard let value = Int(digits) else { break }
            components.append(value)
            if digits.count < part.count { break }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    /// The upstream part of a distribution's version: `1:2.1.0-1` → 2.1.0 (no `epoch:`, no `-revision`).
    public static func upstream(of text: String) -> Version? {
        var rest = Substring(text)
        if let colon = rest.firstIndex(of: ":") { rest = rest[rest.index(after: colon)...] }
        if let dash = rest.lastIndex(of: "-") { rest = rest[..<dash] }
        return Version(String(rest))
    }

    /// The first version-looking run (`14.1.0` in `ripgrep 14.1.0 (rev abc)`).
    public static func first(in text: String) -> Version? {
        var current = ""
        for character in text + " " {
            if character.isASCII && (character.isNumber || (character == "." && !current.isEmpty)) {
                current.append(character)
            } else {
                let trimmed = current.hasSuffix(".") ? String(current.dropLast()) : current
                if trimmed.contains("."), let version = Version(trimmed) { return version }
                current = ""
            }
        }
        return nil
    }

    public var description: String { components.map(String.init).joined(separator: ".") }

    public static func < (lhs: Version, rhs: Version) -> Bool {
        let count = max(lhs.components.count, rhs.components.count)
        for index in 0..<count {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    public static func == (lhs: Version, rhs: Version) -> Bool { !(lhs < rhs) && !(rhs < lhs) }

    public func hash(into hasher: inout Hasher) {
        var trimmed = components
        while trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
    }
}
