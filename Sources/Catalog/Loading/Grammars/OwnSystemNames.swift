import InstallModel

/// Which services and groups a recipe's method may name: those its own system packages bring, by structure rather
/// than by a list of bad names that is never complete (trust20 #9, #10). A package manager's package ships the unit
/// files and creates the groups of its daemon (Debian's `nginx` ships `nginx.service`, `docker-ce` ships
/// `docker.service` and creates `docker`); a language installer (pipx, npm, cargo, go, gem), a release or a script
/// brings neither. So a name is the method's own when
/// - the method installs system packages (`packages:`),
/// - it is the recipe's own name or one of those packages' names, and
/// - every package set of the method (each manager's or distribution's entry) has a package of that name or named
///   for it (`docker` for `docker-ce`): on every system the method installs on, its own packages are what bring it.
/// A system service the recipe does not install (`debug-shell`, `ufw`, `systemd-journald`, `reboot.target`) and a
/// group another program created (`incus-admin`, `lxd`, `microk8s`, `lpadmin`) fail the rule whatever the recipe is named.
enum OwnSystemNames {
    /// The package names of each package set of the method: nil for a method that installs no system packages.
    typealias PackageSets = [[String]]?

    /// Why `name`, a service or group (`kind`) of recipe `tool`'s method with package sets `packages`, is not one the
    /// method's own packages bring, or nil.
    static func problem(with name: String, kind: String, tool: String, packages: PackageSets) -> String? {
        let rule = "a recipe may name only a \(kind) its own system packages bring (named for the recipe or one of its packages, in every package set of the method)"
        guard let packages, !packages.isEmpty else {
            return "is named by a method that installs no system packages, so it brings no \(kind); \(rule)"
        }
        guard name == tool || packages.contains(where: { $0.contains(name) }) else {
            return "is not the recipe's name nor one of its packages'; \(rule)"
        }
        guard let missing = packages.first(where: { set in !set.contains { $0 == name || $0.hasPrefix(name + "-") || $0.hasPrefix(name + ".") } }) else { return nil }
        return "is not brought by the package set [\(missing.joined(separator: ", "))] of the same method; \(rule)"
    }

    /// Why a service step's `actions` are more than an install needs, or nil: a recipe enables and starts its own
    /// service; stopping, restarting or disabling one is never part of installing a tool.
    static func problem(withActions actions: [ServiceAction]) -> String? {
        let allowed: Set<ServiceAction> = [.enable, .start]
        guard let other = actions.first(where: { !allowed.contains($0) }) else { return nil }
        return "has action '\(other.rawValue)': a recipe may only enable and start its own service"
    }

    /// Why `name` names a systemd unit that is not a service (`reboot.target`, `ssh.socket`, `tmp.mount`), or nil.
    static func problem(withUnitType name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), unitTypes.contains(String(name[name.index(after: dot)...])) else { return nil }
        return "names a systemd unit that is not a service: a recipe may only name its own service"
    }

    /// The unit types systemd.unit(5) defines, a service's own `.service` included: a recipe names its service bare.
    static let unitTypes: Set<String> = ["service", "socket", "device", "mount", "automount", "swap", "target", "path", "timer", "slice", "scope"]
}
