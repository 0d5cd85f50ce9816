import InstallModel

/// `--reinstall` of apt packages installs the installed version again, exactly (`jq=1.6-2.1+deb12u1`), when the
/// archive still has it: `apt-get install --reinstall jq` alone installs the candidate, so a reinstall of a version
/// that has left the archive upgraded it and its libraries, and the plan never said so (truth10 F4). When the archive
/// no longer has it, the plan says what the reinstall changes instead, from apt's own dry run, before anything runs.
enum ReinstallPin {
    static func apply(_ work: ChosenWork, versions: any PackageVersionProbe) -> (work: ChosenWork, note: String?) {
        guard case .packages(let manager, let names, let repository) = work, manager == .apt else { return (work, nil) }
        var pinned: [String] = []
        var exact: [String] = []
        var gone: [String] = []
        for name in names {
            guard !name.contains("="), let installed = versions.installedVersion(manager: manager, package: name) else {
                pinned.append(name)
                continue
            }
            if versions.availableVersions(manager: manager, package: name)?.contains(installed) == true {
                pinned.append("\(name)=\(installed)")
                exact.append("\(name) \(installed)")
            } else {
                pinned.append(name)
                gone.append("\(name) \(installed)")
            }
        }
        // Nothing installed: a plain install, nothing to say.
        guard !exact.isEmpty || !gone.isEmpty else { return (work, nil) }
        let result = ChosenWork.packages(manager: manager, names: pinned, repository: repository)
        let effect = versions.reinstallEffect(manager: manager, packages: pinned)
        let left = gone.isEmpty ? "" : " (\(gone.joined(separator: ", ")) \(gone.count == 1 ? "is" : "are") no longer in the archive)"
        switch effect {
        case .some(let effect) where !effect.isEmpty:
            return (result, "warning: --reinstall changes what is installed\(left): \(effect.description)")
        case .some:
            return (result, "--reinstall installs the installed \((exact + gone).joined(separator: ", ")) again and changes no other package")
        case .none where gone.isEmpty:
            return (result, "--reinstall installs the installed \(exact.joined(separator: ", ")) again, exactly")
        case .none:
            return (result, "warning: \(gone.joined(separator: ", ")) \(gone.count == 1 ? "is" : "are") no longer in the archive: --reinstall installs the archive's version instead (apt could not say what else changes)")
        }
    }
}
