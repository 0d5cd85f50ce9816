import InstallModel

/// `tool`: a tool's own installer (pipx, pip, cargo, npm, go, gem) or a pinned `curl … | sh` script.
enum ToolExecutor {
    static func execute(_ p: ToolParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        guard let installer = p.installer else { return await runScript(p, context: context) }
        guard let package = p.package, let argv = p.installArgv else {
            return .failed(.unexplained("tool step for \(installer.rawValue) names no package"))
        }
        let hadVenv = installer == .pipx && PackageSetSnapshot.pipxHasVenv(package, context: context)
        let outcome = await context.runAll([argv], asRoot: needsRoot)
        if installer == .pipx {
            // A venv that was here before (the user's own `pipx install`, or an earlier install) is not this step's
            // to remove: the record says the step added none, so `uninstall` leaves it (truth10 F3: a version request
            // replaced the user's yamllint, and uninstall then deleted it).
            if hadVenv {
                context.io.packageSetChanged(PackageSetChange(manager: .pipx, added: []))
            } else if PackageSetSnapshot.pipxHasVenv(package, context: context) {
                context.io.packageSetChanged(PackageSetChange(manager: .pipx, added: [package]))
            }
        }
        return outcome
    }

    /// Downloads the installer script (with the retries of every download), refuses it unless its SHA-256
    /// matches the pinned one, then runs it.
    private static func runScript(_ p: ToolParameters, context: ExecutionContext) async -> StepOutcome {
        guard let url = p.scriptURL else { return .failed(.unexplained("tool step has neither installer nor script")) }
        guard let pinned = p.scriptSHA256?.lowercased() else {
            return .failed(.unexplained("refusing to run \(url): the installer script has no pinned sha256"))
        }
        let script = context.workDirectory + "/installer-" + (url.split(separator: "/").last.map(String.init) ?? "script") + ".sh"
        let fetched = await Downloading.fetch(url, to: script, sha256: pinned, sizeBytes: nil, context: context)
        guard case .done = fetched else { return fetched }
        guard !Downloading.isNotPlainFile(script, context: context) else {
            return .failed(.unexplained("refusing to run \(script): it is no longer the plain file whose sha256 was checked"))
        }
        return await context.runAll([["sh", script] + p.arguments])
    }
}
