/// Tells whether a command is installed and what version it reports.
///
/// Contract: `nil` means the binary is not on PATH; otherwise the first line of its version output
/// (empty when it printed nothing). Conformers never install or change anything.
public protocol InstalledProbe: Sendable {
    func installedVersion(binary: String) -> String?
}

/// A probe for planning another system: nothing is installed there.
public struct NothingInstalled: InstalledProbe {
    public init() {}
    public func installedVersion(binary: String) -> String? { nil }
}

/// A probe answering from a fixed table of binary → version line (tests, recorded systems).
public struct FixedInstalled: InstalledProbe {
    public var versions: [String: String]
    public init(_ versions: [String: String]) { self.versions = versions }
    public func installedVersion(binary: String) -> String? { versions[binary] }
}
