import Catalog

/// What the user chose about how tools are installed (`--method`, `--link-names`), as plain values.
public struct ResolutionPreferences: Sendable {
    /// Use only this install method for the named tools.
    public var method: String?
    /// Link the usual name of a command a package installs under another name.
    public var linkNames: Bool

    /// Preferences from their parts; the defaults choose nothing.
    public init(method: String? = nil, linkNames: Bool = false) {
        self.method = method
        self.linkNames = linkNames
    }

    /// The options with these choices applied.
    public func apply(to options: ResolveOptions) -> ResolveOptions {
        var options = options
        options.method = method
        options.linkRenamedBinaries = linkNames
        return options
    }
}
