import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel
import Rendering

/// `evlog outdated`: for each tool evlog installed, the version on the system vs what its method would install now.
struct OutdatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outdated",
        abstract: "Compare the installed version of each tool evlog installed with what its install method offers now.",
        discussion: """
            Examples:
              evlog outdated                  a table: tool, method, installed, available, status
              evlog outdated --json           the same as a JSON list
              evlog outdated jq black         only these tools (found on the system if no plan installed them)

            Installed versions come from the installer's own list (pipx list --json, npm ls -g --json, cargo
            install --list) or the --version of that install's own copy, where its method puts it, not the first
            on PATH (a tool installed by apt and by pipx gets a row for each); what is available from
            apt-cache policy, the catalog's release version, npm's cache, and PyPI or crates.io asked with a 5 s
            deadline (never with --offline). An `unknown` or `offline` status says why.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: "Tools to check (default: every tool a plan under --home installed).", completion: .custom(ToolCompletion.names))
    var tools: [String] = []

    @Flag(help: "Never ask a registry (PyPI, crates.io) over the network; answer from what this machine knows.")
    var offline = false

    /// One row of the report.
    struct Row: Encodable {
        var tool: String
        var method: String
        var installed: String?
        var available: String?
        /// `current`, `outdated`, `unknown` (the method cannot say what it would install), `offline` (the
        /// registry did not answer, or `--offline`), `missing`, or `removing` (dpkg has it half removed: a removal
        /// cut off mid-way; the note names the uninstall plan to resume when evlog's was).
        var status: String
        /// Why the status is `unknown` (`pipx records 2.2.6; what PyPI offers now needs the network …`).
        var reason: String?
        /// Set when no plan installed the tool: the plan that found it already on this machine (or wrote over it), whose it is.
        var note: String?
        /// The command whose version line was read: this install's own copy, not the first on PATH.
        var command: String?
    }

    func run() throws {
        let plans = InstallHistory.plans(home: global.homeDirectory)
        let lifecycle = try LifecycleCatalog.load(plans: plans, options: catalogOptions)
        let catalog = lifecycle.catalog
        let history = InstallHistory(plans: plans, catalog: catalog)
        let names = tools.isEmpty ? history.installed.keys.sorted() : tools
        for note in lifecycle.notes(for: names) { Terminal.print("note: \(shown: note)", to: STDERR_FILENO) }
        var rows: [Row] = []
        for name in names {
            guard let recipe = catalog.recipe(named: name.lowercased()) else {
                throw UserFacingError(CatalogError.unknownTool(name, suggestions: catalog.suggestions(for: name)).description)
            }
            rows.append(row(recipe, history: history))
            // A tool evlog installed by two methods: a row for each other install too.
            rows += history.installs(of: recipe.name).dropFirst().map { row(recipe, record: $0, history: history) }
        }
        if global.json {
            FileHandle.standardOutput.write(Data((try JSONText.encode(rows) + "\n").utf8))
            return
        }
        if rows.isEmpty { Terminal.print("no tools installed by evlog under \(global.homeDirectory)") }
        for row in rows {
            // Versions and reasons come from the machine, a registry or a log: every cell is shown neutralised.
            print(NeutralColumns.line(
                [row.tool, row.method, row.installed ?? "-", row.available ?? "-",
                 row.status + (row.reason.map { " (\($0))" } ?? "") + (row.note.map { "; \($0)" } ?? "")],
                widths: [20, 8, 14, 14]))
        }
    }

    private func row(_ recipe: Recipe, history: InstallHistory) -> Row {
        // A release written over the user's own file: the file is there (not "missing"), and it is the user's (truth12 F9a).
        if let replaced = history.replacedFiles[recipe.name] {
            var row = row(recipe, record: InstallRecord(tool: recipe.name, how: .file(replaced.path), source: "plan \(replaced.plan)"), history: history)
            row.note = "not evlog's: \(replaced.path) was there before plan \(replaced.plan) installed over it (yours; uninstall leaves it)"
            return row
        }
        guard let record = try? LifecycleTargets.record(recipe, history: history) else {
            // A command of that name that is another program is named, never reported as the tool (truth20 #1).
            let finder = SystemInstallFinder()
            if let other = finder.otherProgram(recipe).map({ LifecycleTargets.otherProgramSentence(recipe, $0) }) {
                return Row(tool: recipe.name, method: "-", installed: nil, available: nil, status: "missing", reason: other)
            }
            // There, put by something evlog does not know (a version manager's shim): not missing (truth20 #8).
            if let path = finder.unmanagedPath(recipe) {
                return Row(
                    tool: recipe.name, method: "-", installed: nil, available: nil, status: "unknown",
                    reason: "\(path) is there, not installed by evlog or a package manager it knows (a version manager's shim?); not compared")
            }
            return Row(tool: recipe.name, method: "-", installed: nil, available: nil, status: "missing")
        }
        return row(recipe, record: record, history: history)
    }

    private func row(_ recipe: Recipe, record: InstallRecord, history: InstallHistory) -> Row {
        if case .packages(.apt, let names) = record.how, let package = names.first, let states = AptRemovalProbe.dpkgStates([package]) {
            return aptRow(recipe, record: record, package: package, state: states[package], history: history)
        }
        // This install's own copy answers (a tool installed by apt and by pipx has two): looked for where its method puts it.
        let copy = RecordedCopy.version(
            of: recipe, installedAs: record.how, home: SystemInstallFinder.userHome,
            path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let line = copy?.line
        var installed = line.flatMap { Version.first(in: $0) }
        var (available, reason) = Self.available(record.how, recipe: recipe)
        if case .language(let installer, let package) = record.how,
            let answer = LanguagePackageVersions().answer(for: package, installer: installer)
        {
            // The installer's own record wins over the command's --version line (a wrapper may print another number).
            installed = answer.installed.flatMap { Version.first(in: $0) } ?? installed
            (available, reason) = (answer.available, answer.reason)
            if available == nil, let asked = askRegistry(package, installer) {
                switch asked {
                case .version(let latest): (available, reason) = (latest, nil)
                case .unknown(let why): reason = why
                }
            }
        }
        var status = "unknown"
        if InstallPresence().of(record.how) == .gone && history.unfinishedRemovals[recipe.name] != nil {
            (status, reason) = ("missing", nil)
        } else if line == nil && installed == nil {
            (status, reason) = ("missing", nil)
        } else if let installed, let offered = available.flatMap({ Version.upstream(of: $0) }) {
            (status, reason) = (installed >= offered ? "current" : "outdated", nil)
        } else if installed == nil {
            reason = "\(recipe.name) printed no version evlog could read"
        } else if reason?.hasPrefix("offline") == true {
            status = "offline"
        }
        return Row(
            tool: recipe.name, method: record.how.methodName, installed: installed?.description, available: available, status: status,
            reason: status == "unknown" || status == "offline" ? reason : nil,
            note: foundNote(recipe, history), command: copy?.command)
    }

    /// An apt install's row from what dpkg says now (never apt's cache, which an interrupted dpkg leaves stale:
    /// truth12 F14), versions compared as dpkg compares them (a new Debian revision, 1.2-1 → 1.2-2, is an update);
    /// `state` nil: dpkg has no record of the package.
    private func aptRow(_ recipe: Recipe, record: InstallRecord, package: String, state: DpkgPackageState?, history: InstallHistory) -> Row {
        var row = Row(tool: recipe.name, method: record.how.methodName, installed: nil, available: nil, status: "missing", note: foundNote(recipe, history))
        guard let state, !state.isGone else { return row }
        if state.isBeingRemoved || !state.isInstalled {
            // Half there: a removal or an install cut off mid-way; dpkg's two letters say which.
            row.status = state.isBeingRemoved ? "removing" : "unknown"
            row.reason = "dpkg has \(package) \(state.isBeingRemoved ? "half removed" : "half installed") (\(state.abbreviation) in dpkg -l)"
            return row
        }
        let candidate = AptRemovalProbe.policy(package)?.candidate
        let status = DebianVersion.status(installed: state.version, candidate: candidate)
        row.installed = state.version
        row.available = candidate
        row.status = status ?? "unknown"
        row.reason = status == nil ? "apt-cache policy shows no candidate for \(package)" : nil
        return row
    }

    /// Said of a tool no plan installed: the plan that found it on this machine, so it is the user's; and of a tool an
    /// uninstall was removing when it stopped: that plan, and that resuming it finishes the removal.
    private func foundNote(_ recipe: Recipe, _ history: InstallHistory) -> String? {
        let found = history.foundPresent[recipe.name].map {
            "not installed by evlog: plan \($0) found it already on this machine (yours; uninstall leaves it, a bare upgrade skips it)"
        }
        let removal = history.unfinishedRemovals[recipe.name].map(\.sentence)
        let notes = [found, removal].compactMap { $0 }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// The registry's newest version, or why not; nil when this installer has no registry evlog asks.
    private func askRegistry(_ package: String, _ installer: PackageManager) -> RegistryVersions.Answer? {
        guard RegistryVersions.asks(installer) else { return nil }
        guard !offline else { return .unknown("offline: --offline, so the registry was not asked") }
        return RegistryVersions().latest(package, installer: installer)
    }

    /// What the install method would install now: apt's candidate, or the catalog's release version; else why not.
    static func available(_ how: InstallKind, recipe: Recipe) -> (version: String?, reason: String?) {
        switch how {
        case .packages(.apt, let names):
            let candidate = names.first.flatMap { AptRemovalProbe.policy($0)?.candidate }
            return (candidate, candidate == nil ? "apt-cache policy shows no candidate for \(names.joined(separator: " "))" : nil)
        case .packages(let manager, _):
            return (nil, "evlog asks only apt for a candidate version; \(manager.rawValue) is not queried")
        case .file:
            for method in recipe.methods { if case .release(let spec) = method.kind { return (spec.version, nil) } }
            return (nil, "the catalog has no release method for \(recipe.name) to compare with")
        case .language(let installer, _):
            return (nil, "\(installer.rawValue) cannot say offline what it would install now")
        }
    }
}
