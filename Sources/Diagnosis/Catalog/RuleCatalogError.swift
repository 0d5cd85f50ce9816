/// Why the rule catalog could not be loaded: always names the file and, where known, the line.
public struct RuleCatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The resource file, relative to the catalog root (`rules/apt.yaml`).
    public var file: String
    /// 1-based line of the offending node, when the YAML parser or the node knows it.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
