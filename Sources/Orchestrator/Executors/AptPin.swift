/// An apt package name pinned to a version as apt-get takes it: `rsync=3.5.0+ds1-0+deb12u1`, or a version prefix
/// `rsync=3.5*` (a plan made for another system, where the archive's versions were not known).
struct AptPin: Equatable, Sendable {
    var name: String
    var version: String

    /// The pin in `package`, or nil for a bare name.
    init?(_ package: String) {
        guard let separator = package.firstIndex(of: "="), separator != package.startIndex else { return nil }
        name = String(package[..<separator])
        version = String(package[package.index(after: separator)...])
        guard !version.isEmpty else { return nil }
    }

    /// Whether dpkg's `${Version}` of the installed package is the one pinned (as dpkg prints it, epoch included).
    func isMet(by installed: String) -> Bool {
        version.hasSuffix("*") ? installed.hasPrefix(version.dropLast()) : installed == version
    }
}
