import InstallModel

/// A package manager's set of packages, read before and after a step so the log can say what the step added:
/// dpkg's database for apt, a pipx venv for pipx. Read through the file-system seam, so a simulation (which has
/// no such files) records no change.
struct PackageSetSnapshot: Hashable, Sendable {
    /// Packages dpkg counts as present (installed, or unpacked but not yet configured).
    var installed: Set<String>
    /// Packages of which only configuration files are left (dpkg's `rc`).
    var configOnly: Set<String>
    /// The version of each present package (dpkg's `Version:`).
    var versions: [String: String] = [:]

    /// Where dpkg keeps the state of every package.
    static let dpkgStatusPath = AptFiles.dpkgStatus

    /// dpkg's package set, or nil when its database cannot be read here.
    static func dpkg(_ fileSystem: any FileSystem) -> PackageSetSnapshot? {
        guard let bytes = try? fileSystem.read(dpkgStatusPath) else { return nil }
        return parseDpkgStatus(String(decoding: bytes, as: UTF8.self))
    }

    /// The `Package:` and `Status:` fields of each paragraph of a dpkg status file.
    static func parseDpkgStatus(_ text: String) -> PackageSetSnapshot {
        var snapshot = PackageSetSnapshot(installed: [], configOnly: [])
        var package: String?
        var status: String?
        var version: String?
        func close() {
            if let package, let state = status?.split(separator: " ").last {
                switch state {
                case "not-installed": break
                case "config-files": snapshot.configOnly.insert(package)
                default:
                    snapshot.installed.insert(package)
                    if let version { snapshot.versions[package] = version }
                }
            }
            package = nil
            status = nil
            version = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                close()
            } else if line.hasPrefix("Package:") {
                package = line.dropFirst("Package:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Status:") {
                status = line.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Version:") {
                version = line.dropFirst("Version:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        close()
        return snapshot
    }

    /// What happened between this snapshot and `after`. `own` are apt's history entries of the step's own
    /// commands (nil when apt's history could not be read): then only what they installed is the step's, what
    /// else appeared was installed by another apt or dpkg run meanwhile, and only what they upgraded counts as
    /// upgraded. Without them every difference is the step's, and an apt change says so (`byDifference`).
    /// `earlier` are the step's transactions of its earlier attempts: what they installed and is still here was
    /// absent before the step first ran, so it is added (even found here now, or "upgraded" to the same version).
    func change(
        to after: PackageSetSnapshot, manager: PackageManager, own: [AptHistory.Transaction]? = nil, earlier: [AptHistory.Transaction] = []
    ) -> PackageSetChange {
        let appeared = after.installed.subtracting(installed)
        let ownInstalled = own.map { $0.reduce(into: Set<String>()) { $0.formUnion($1.installed) } }
        let ownUpgraded = own.map { Set($0.flatMap(\.upgraded).map(\.package)) }
        let finished = installed.intersection(after.installed).intersection(earlier.flatMap(\.installed))
        let added = (ownInstalled.map(appeared.intersection) ?? appeared).union(finished)
        let upgraded = installed.intersection(after.installed).subtracting(finished).sorted().compactMap { package -> PackageUpgrade? in
            guard let from = versions[package], let to = after.versions[package], from != to,
                ownUpgraded?.contains(package) ?? true
            else { return nil }
            return PackageUpgrade(package: package, from: from, to: to)
        }
        return PackageSetChange(
            manager: manager, added: added.sorted(), hadConfig: added.intersection(configOnly).sorted(),
            removed: installed.subtracting(after.installed).sorted(), upgraded: upgraded,
            installedByOthers: appeared.subtracting(added).sorted(), byDifference: manager == .apt && own == nil)
    }

    /// What pipx has for `package` (`$PIPX_HOME/venvs`, else its current and its older default home): no venv, a
    /// whole one (with pipx's `pipx_metadata.json`: an install that finished), or a half-made one (a `pipx install`
    /// killed while it made the venv: pipx calls it "missing internal pipx metadata" and leaves it as it is).
    static func pipxVenv(_ package: String, context: ExecutionContext) -> PipxVenv {
        guard let venv = PipxVenvName.venv(package, environment: context.environment, userHome: context.userHome, exists: context.fileSystem.exists)
        else { return .none }
        return context.fileSystem.exists(venv + "/" + PipxVenvName.metadataFile) ? .whole : .halfMade
    }

    /// What pipx has for a package: see `pipxVenv`.
    enum PipxVenv {
        case none, whole, halfMade
    }
}
