/// Identifies one plan; also the name of its log file (`plans/<plan-id>.evlog`).
public struct PlanID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: PlanID, rhs: PlanID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The longest plan id, in bytes.
    public static let bytesMax = 128
    /// The grammar every plan id entering evlog must match (command line, import, bundles), so that
    /// `plans/<id>.evlog` and `work/<id>` stay one path component inside the home, and a reference to a plan
    /// means one thing: no id is a name that reads as another plan (`reservedNames`) or ends as a file does
    /// (`fileEndings`).
    public static let grammar = "a letter or digit, then letters, digits, '.', '_' or '-', at most 128 bytes; not "
        + reservedNames.sorted().joined(separator: " or ") + ", and not ending in " + fileEndings.joined(separator: " or ")

    /// What every command that takes a plan reads as the plan written last.
    public static let latestName = "latest"
    /// What every command that takes a plan reads as the newest failed install, upgrade or uninstall.
    public static let latestFailedName = "latest-failed"
    /// Names a plan reference means something else by: no plan may be called one.
    public static let reservedNames: Set<String> = [latestName, latestFailedName]
    /// Endings that make a plan reference a file's path (a log, a bundle): no plan id ends in one.
    public static let fileEndings = [".evlog", ".evb"]

    /// Whether the id matches `grammar`.
    public var isWellFormed: Bool {
        let bytes = Array(rawValue.utf8)
        guard let first = bytes.first, bytes.count <= PlanID.bytesMax, PlanID.isAlphanumeric(first) else { return false }
        guard bytes.allSatisfy({ PlanID.isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        else { return false }
        return !PlanID.reservedNames.contains(rawValue) && !PlanID.fileEndings.contains(where: rawValue.hasSuffix)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// Identifies one step inside a plan (`apt-update`, `verify-ripgrep`).
public struct StepID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
