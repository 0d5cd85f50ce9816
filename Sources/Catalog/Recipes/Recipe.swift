/// One tool the catalog knows how to install: what it is, how to install it, how to check it.
public struct Recipe: Hashable, Sendable {
    /// The canonical name users type (`ripgrep`).
    public var name: String
    public var summary: String
    /// The command the tool provides (`rg`); a package entry may override it (`fdfind` on Debian).
    public var binary: String
    /// Other names that find this recipe (`rg`, `nodejs`).
    public var aliases: [String]
    /// The oldest acceptable version; older packages and installed copies do not count.
    public var minimumVersion: String?
    public var verify: VerifySpec
    /// Install methods in order of preference.
    public var methods: [MethodSpec]
    /// Where the recipe came from, for error messages (`recipes/search.yaml:12`).
    public var origin: SourceLocation

    public init(
        name: String, summary: String, binary: String, aliases: [String] = [], minimumVersion: String? = nil,
        verify: VerifySpec, methods: [MethodSpec], origin: SourceLocation
    ) {
        self.name = name
        self.summary = summary
        self.binary = binary
        self.aliases = aliases
        self.minimumVersion = minimumVersion
        self.verify = verify
        self.methods = methods
        self.origin = origin
    }
}

/// How to check that an installed tool works.
public struct VerifySpec: Hashable, Sendable {
    /// A full command when the binary alone is not enough (`[cargo, audit, --version]`).
    public var command: [String]?
    /// Arguments for the tool's binary when `command` is absent.
    public var arguments: [String]
    /// A regular expression the output must match.
    public var pattern: String?
    /// The component whose version the command prints when it is not the tool's own (`ansible --version` prints
    /// ansible-core's): the output cannot confirm a version asked for, so none may be asked for (truth20 #6).
    public var reports: String?

    public init(command: [String]? = nil, arguments: [String] = ["--version"], pattern: String? = nil, reports: String? = nil) {
        self.command = command
        self.arguments = arguments
        self.pattern = pattern
        self.reports = reports
    }
}

/// A file and line in the catalog's data.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
    public var description: String { "\(file):\(line)" }
}

extension Recipe {
    /// The topic the recipe is filed under: its file's name (`recipes/containers.yaml` → `containers`).
    public var category: String {
        let file = origin.file.split(separator: "/").last.map(String.init) ?? origin.file
        return file.hasSuffix(".yaml") ? String(file.dropLast(".yaml".count)) : file
    }
}
