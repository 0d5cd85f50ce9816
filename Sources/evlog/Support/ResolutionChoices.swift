import EvlogKit
import ArgumentParser
import Catalog
import InstallModel

/// What the user may choose about how tools are installed (`plan`, `install`, `upgrade`).
struct ResolutionChoices: ParsableArguments {
    @Option(help: "Use only this install method for the named tools: a package manager (apt, dnf, brew and the others), packages, pipx, pip, cargo, npm, go, gem, release, script or via.")
    var method: String?

    @Flag(help: "When a package installs a command under another name (Debian's fdfind, batcat), link the usual name in ~/.local/bin.")
    var linkNames = false

    /// Method kinds plus every package manager and installer name.
    static let methods: Set<String> = Set(["packages", "release", "script", "via"] + PackageManager.allCases.map(\.rawValue))

    func validate() throws {
        if let method, !Self.methods.contains(method) {
            throw ValidationError("--method \(method) is not a method; use one of: \(Self.methods.sorted().joined(separator: ", "))")
        }
    }

    /// The choices as the library takes them.
    var preferences: ResolutionPreferences { ResolutionPreferences(method: method, linkNames: linkNames) }
}
