import InstallModel

/// `packages`: one batched install through a system package manager; skips what is already installed,
/// unless the plan says `--reinstall`, which reinstalls it.
enum PackagesExecutor {
    static func execute(_ parameters: PackagesParameters, context: ExecutionContext) async -> StepOutcome {
        let manager = parameters.manager
        let reinstall = parameters.reinstall == true
        var missing: [String] = []
        var installed: [String] = []
        for package in parameters.packages {
            // A reinstall pinned to the installed version (`jq=1.6-2.1`) asks about the package itself: installed, it
            // is reinstalled at that version, where a plain install of it would do nothing.
            let asked = reinstall && manager == .apt ? String(package.prefix { $0 != "=" }) : package
            guard let check = PackageManagerCommands.installedCheck(manager, asked) else {
                missing.append(package)
                continue
            }
            let (result, output) = await context.runCapturing(check)
            if PackageManagerCommands.isInstalled(manager, asked, result: result, output: output) {
                installed.append(package)
            } else {
                missing.append(package)
            }
        }
        // A later attempt follows one that failed or was killed, maybe after apt installed some of the packages: when
        // apt's history holds such a transaction of the step, they are asked for again, so that apt finishes what it
        // began and the change counts them as this step's (the skip would record them as found on this machine).
        // apt's history is read once: for those earlier transactions, and as where this attempt's own begin.
        let history = manager == .apt ? AptHistory.bytes(context.fileSystem) : nil
        let earlier = AptEarlierAttempts.transactions(
            in: history, attempt: context.attempt, packages: parameters.packages, planCreatedAt: context.planCreatedAt)
        let retried = !reinstall && !earlier.isEmpty
        if missing.isEmpty && !parameters.packages.isEmpty && !reinstall && !retried {
            return .skipped(detail: "already installed: " + parameters.packages.joined(separator: " "))
        }
        if retried && !installed.isEmpty {
            context.io.say("an earlier attempt of this step may have installed " + installed.joined(separator: " ") + ": asking apt for them again")
            missing = parameters.packages
        }
        if !missing.isEmpty {
            context.io.say("installing with \(manager.rawValue): " + missing.joined(separator: " "))
        }
        if manager == .pacman, let failure = await waitForPacmanLock(context) { return failure }
        var commands: [[String]] = []
        if parameters.refreshIndex, let refresh = PackageManagerCommands.refresh(manager) { commands.append(refresh) }
        if reinstall && !installed.isEmpty {
            context.io.say("reinstalling with \(manager.rawValue): " + installed.joined(separator: " "))
            commands.append(PackageManagerCommands.reinstall(manager, installed))
        }
        if !missing.isEmpty { commands.append(PackageManagerCommands.install(manager, missing, options: parameters.extraArguments ?? [])) }
        let before = manager == .apt ? PackageSetSnapshot.dpkg(context.fileSystem) : nil
        let historyBefore = before == nil ? nil : history
        let outcome = await context.runAll(
            commands, asRoot: PackageManagerCommands.needsRoot(manager),
            extraEnvironment: PackageManagerCommands.environment(manager))
        // Recorded whatever the outcome: a failed install may still have added packages, which uninstall removes.
        if let before, let after = PackageSetSnapshot.dpkg(context.fileSystem) {
            recordChange(
                from: before, to: after, historyBefore: historyBefore, commands: commands, earlier: earlier, manager: manager, context: context)
        }
        return outcome
    }

    /// Records what the step's own apt transactions changed between the two snapshots (nothing, too), telling apart
    /// (by apt's history, when it can be read) what another apt or dpkg run installed meanwhile, and says so in the
    /// output.
    /// `earlier`: the step's transactions of its earlier attempts (`AptEarlierAttempts`), whose installs count too.
    static func recordChange(
        from before: PackageSetSnapshot, to after: PackageSetSnapshot, historyBefore: [UInt8]?, commands: [[String]],
        earlier: [AptHistory.Transaction] = [], manager: PackageManager, context: ExecutionContext
    ) {
        let own = AptHistory.bytes(context.fileSystem).map { history in
            AptHistory.transactions(in: history, after: historyBefore?.count ?? 0).filter { transaction in
                commands.contains { AptHistory.commandLine(transaction.commandLine, is: $0) }
            }
        }
        let change = before.change(to: after, manager: manager, own: own, earlier: earlier)
        // Recorded even when empty: a `--reinstall` of what the machine had adds nothing, and the log must say so, or
        // the step's packages would read as its own (truth12 F15).
        if change.byDifference {
            context.io.say(
                "apt's history (\(AptHistory.path)) could not be read: this install's packages are everything that appeared "
                    + "while it ran (the before/after difference), which would include what another apt or dpkg run installed meanwhile")
        }
        if !change.upgraded.isEmpty {
            context.io.say("upgraded by this install: " + change.upgraded.map(\.description).joined(separator: ", "))
        }
        if !change.installedByOthers.isEmpty {
            context.io.say(
                "not counted as this install's (another apt or dpkg run installed them meanwhile, says apt's history): "
                    + change.installedByOthers.joined(separator: " "))
        }
        context.io.packageSetChanged(change)
    }

    /// Waits (saying so every 10 s) while another pacman holds its database lock, instead of failing.
    static func waitForPacmanLock(_ context: ExecutionContext) async -> StepOutcome? {
        let path = PackageManagerCommands.pacmanLockPath
        var waitedSeconds = 0
        while context.fileSystem.exists(path) {
            if waitedSeconds >= PackageManagerCommands.lockWaitSeconds {
                return .failed(.known(.packageManagerLocked, "\(path) is still held after \(waitedSeconds) s"))
            }
            if waitedSeconds % 10 == 0 { context.io.say("waiting for another pacman to finish (\(path) exists)") }
            await context.io.pause(microseconds: 1_000_000)
            waitedSeconds += 1
        }
        return nil
    }
}
