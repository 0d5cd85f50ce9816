/// Tells whether a command is installed and what it prints when asked for its version.
///
/// Contract: `nil` means the binary is not on PATH; otherwise the output (stdout then stderr, bounded) of
/// `binary arguments…`, empty when it printed nothing or did not finish in time. Conformers never install
/// or change anything. Callers read the version out of the output with the recipe's pattern
/// (`InstalledVersion`), so an error message is never taken for a version.
public protocol InstalledProbe: Sendable {
    func versionOutput(binary: String, arguments: [String]) -> String?
    /// Why `binary` is there but is not run (its version output is then ""), or nil.
    func notRun(binary: String) -> String?
}

extension InstalledProbe {
    public func notRun(binary: String) -> String? { nil }

    /// The output of `binary --version`, or nil when the binary is not on PATH.
    public func installedVersion(binary: String) -> String? {
        versionOutput(binary: binary, arguments: ["--version"])
    }
}

/// A probe for planning another system: nothing is installed there.
public struct NothingInstalled: InstalledProbe {
    public init() {}
    public func versionOutput(binary: String, arguments: [String]) -> String? { nil }
}

/// A probe answering from a fixed table of binary → version output (tests, recorded systems).
public struct FixedInstalled: InstalledProbe {
    public var versions: [String: String]
    public init(_ versions: [String: String]) { self.versions = versions }
    public func versionOutput(binary: String, arguments: [String]) -> String? { versions[binary] }
}
