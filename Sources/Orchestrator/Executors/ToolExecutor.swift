import InstallModel

/// `tool`: a tool's own installer (pipx, pip, cargo, npm, go, gem) or a pinned `curl … | sh` script.
enum ToolExecutor {
    static func execute(_ p: ToolParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        guard let installer = p.installer else { return await runScript(p, context: context) }
        guard let package = p.package, let argv = p.installArgv else {
            return .failed(.unexplained("tool step for \(installer.rawValue) names no package"))
        }
        guard installer == .pipx else { return await context.runAll([argv], asRoot: needsRoot) }
        let before = PackageSetSnapshot.pipxVenv(package, context: context)
        // A half-made venv (an install killed while pipx made it, this step's own before a resume) is made again:
        // pipx leaves it as it is and exits 0, which would say done for a tool that does not run (truth10 F11).
        let outcome = await context.runAll([before == .halfMade ? Self.forced(argv) : argv], asRoot: needsRoot)
        switch before {
        case .whole where !madeByThisPlan(package, context: context):
            // A venv that was here before (the user's own `pipx install`, or an earlier install) is not this step's
            // to remove: the record says the step added none, so `uninstall` leaves it (truth10 F3: a version request
            // replaced the user's yamllint, and uninstall then deleted it).
            context.io.packageSetChanged(PackageSetChange(manager: .pipx, added: []))
        case .whole, .none, .halfMade:
            if PackageSetSnapshot.pipxVenv(package, context: context) != .none {
                context.io.packageSetChanged(PackageSetChange(manager: .pipx, added: [package]))
            }
        }
        return outcome
    }

    /// Whether a whole venv this attempt finds is the plan's own: an earlier attempt of the step, killed after pipx
    /// made it and before the step recorded it, made it where the plan found none (truth12 F6: the resumed step
    /// recorded "added nothing", and the tool became the user's). Unknown (a plan that recorded no files): not.
    static func madeByThisPlan(_ package: String, context: ExecutionContext) -> Bool {
        guard context.attempt > 1, let files = context.filesBeforePlan else { return false }
        return !PipxVenvName.metadataPaths(package, environment: context.environment, userHome: context.userHome).contains(where: files.contains)
    }

    /// `pipx install … -- PACKAGE` with `--force` (pipx's way to make a venv again over what is there).
    static func forced(_ argv: [String]) -> [String] {
        guard argv.count > 2, argv[1] == "install", !argv.contains("--force") else { return argv }
        return Array(argv[..<2]) + ["--force"] + argv[2...]
    }

    /// Downloads the installer script into a directory only this user can write, reads it once through one
    /// descriptor, refuses it unless the SHA-256 of those bytes matches the pinned one, then feeds the same bytes
    /// to `sh -s` on its standard input: the bytes checked are the bytes that run, whatever happens to the file
    /// in between (integrity N6), as `curl … | sh -s -- ARGS` would run them.
    private static func runScript(_ p: ToolParameters, context: ExecutionContext) async -> StepOutcome {
        guard let url = p.scriptURL else { return .failed(.unexplained("tool step has neither installer nor script")) }
        guard let pinned = p.scriptSHA256?.lowercased() else {
            return .failed(.unexplained("refusing to run \(url): the installer script has no pinned sha256"))
        }
        let directory = context.workDirectory + "/installers"
        let script = directory + "/installer-" + (url.split(separator: "/").last.map(String.init) ?? "script") + ".sh"
        let bytes: [UInt8]
        do {
            try context.fileSystem.createPrivateDirectory(directory)
            let fetched = await context.runAll([FetchCommand.curl(["-fL", "--retry", "3", "-o", script], url: url)])
            guard case .done = fetched else { return fetched }
            bytes = try context.fileSystem.readPrivateFile(script, limit: scriptBytesMax)
        } catch {
            return .failed(.unexplained("refusing to run the installer from \(url): \(error)"))
        }
        guard let digest = await context.sha256(of: bytes) else {
            return .failed(.unexplained("could not compute the sha256 of \(script)"))
        }
        guard digest == pinned else {
            _ = await context.run(["rm", "-f", script])
            return .failed(.known(
                .checksumMismatch,
                "\(url) has sha256 \(digest), expected \(pinned); the download was removed and nothing was run"))
        }
        context.io.say("running the \(bytes.count) bytes of \(script) whose sha256 was checked, fed to sh on its standard input")
        let argv = ["sh", "-s", "--"] + p.arguments
        let result = await context.run(argv, feeding: bytes)
        return StepOutcome(failureOf: result, command: argv) ?? .done(exitCode: result.exitCode, note: nil)
    }

    /// The longest installer script read (rustup's is about 25 KiB).
    static let scriptBytesMax = 4 << 20
}
