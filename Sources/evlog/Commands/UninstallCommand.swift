import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `evlog uninstall <tool…>`: undo installs the way they were made, as a recorded plan.
struct UninstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove tools evlog installed, the way their plan logs say they were installed, recorded as a plan.",
        discussion: """
            Examples:
              evlog uninstall jq                  apt-get purge jq and what its install added, if evlog's apt installed it
              evlog uninstall black --yes         pipx uninstall black
              evlog uninstall jq --force          jq no evlog plan installed (the package that holds it, nothing more)
              evlog uninstall jq --method pipx    jq evlog installed by apt and by pipx: only the pipx one

            Only what an evlog install recorded adding goes (its packages, what came with them, the repositories,
            shell-profile lines and links it added), never what was on the machine before: a tool evlog found
            already installed is not evlog's to remove (exit 1, nothing done; it says how the tool is installed), but
            the shell-profile lines an evlog plan added for it are: then those go and the tool stays.
            A tool no plan log names is not evlog's either (exit 1): with --force, the package the system says holds
            it is removed, and nothing it came with. An essential package (bash, tar, coreutils) is never removed.
            Configuration files a package had before the install stay. Each file is backed up under the evlog home first.
            A release file goes only while it holds the bytes its install recorded (same sha256): one replaced since,
            or one whose log recorded no digest (an older evlog's), is left (exit 1) unless --force.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: "Tools to remove.", completion: .custom(ToolCompletion.names))
    var tools: [String]

    @Flag(help: "Also remove a tool no evlog plan installed (exactly the package holding it), a package other installed packages depend on (they go too), or a release file evlog cannot prove is the one it installed.")
    var force = false

    @Flag(help: "Show the plan and stop.")
    var dryRun = false

    @Option(help: ArgumentHelp("For a tool evlog installed by two methods (apt, then pipx): remove the install by this one.", valueName: "METHOD"))
    var method: String?

    func validate() throws {
        if tools.isEmpty { throw ValidationError("name at least one tool to remove, e.g. `evlog uninstall jq`") }
    }

    func run() async throws {
        let plans = InstallHistory.plans(home: global.homeDirectory)
        let lifecycle = try LifecycleCatalog.load(plans: plans, options: catalogOptions)
        let catalog = lifecycle.catalog
        let history = InstallHistory(plans: plans, catalog: catalog)
        try LifecycleSeals.refuseUntrustedRecords(of: tools, history: history, home: global.homeDirectory, catalog: catalog)
        try LifecycleTargets.refuseWhileCutOff(among: tools, history: history, catalog: catalog, change: .remove)
        // A tool that is not evlog's but got evlog's profile lines keeps the tool and loses the lines (truth11 F4).
        let (stray, evlogs) = LifecycleTargets.strayBlocks(among: tools, history: history, catalog: catalog)
        try LifecycleTargets.refuseTheUsersOwn(among: evlogs, history: history, catalog: catalog, change: .remove)
        var records = try LifecycleTargets.records(for: evlogs, history: history, catalog: catalog)
        // A tool evlog installed by two methods is removed one install at a time: refused without --method.
        let presence = InstallPresence()
        records = try LifecycleTargets.choosingMethod(
            method, among: records, history: history, doing: "remove", isGone: { presence.of($0.how) == .gone }).records
        if !force { try LifecycleTargets.refuseNotInstalledByEvlog(records, change: .remove) }
        records = try records.map { $0.source == LifecycleTargets.systemSource ? $0 : try InstalledFileCheck.checked($0, force: force) }
        try refuseRemovingWhatOthersNeed(records)
        let byHand = Self.packagesRemovedByHand(records)
        let kept = history.others(than: records.map(\.tool))
        let pulledIn = withWhatTheyPulledIn(&records, keeping: kept) + Self.keepingChangedConfiguration(&records)
        var plan = LifecyclePlanner(profile: try LifecycleTargets.profile()).removal(
            records, keeping: kept, gone: Self.removedOutsideEvlog(records), removedByHand: byHand, stray: stray.map { ($0.tool, $0.block, $0.why) }, catalog: lifecycle.asInstalled,
            planID: PlanIdentity.freshPlanID())
        plan.notes += lifecycle.notes(for: plan.tools) + pulledIn
        try await PlanLaunch.start(plan, global: global, options: self.run, dryRun: dryRun, doing: "removing tools")
    }

    /// apt packages go with what their install pulled in: the packages its log recorded adding (or, for a log of
    /// an older evlog, what apt says nothing needs once they are gone, minus what was unneeded before), so the set
    /// after `install X; uninstall X` is the one before. Packages another installed tool of the same step, or a
    /// package installed since, still needs stay, and so do those the user has marked manual since. Returns a note per tool.
    private func withWhatTheyPulledIn(_ records: inout [InstallRecord], keeping kept: [InstallRecord]) -> [String] {
        var notes: [String] = []
        let keptTools = Set(kept.map(\.tool))
        for index in records.indices {
            // A tool no plan installed had no install to pull anything in: only its own package goes.
            guard case .packages(.apt, let names) = records[index].how, records[index].source != LifecycleTargets.systemSource else { continue }
            let tool = records[index].tool
            var unneeded = records[index].pulledIn ?? AptRemovalProbe.leftUnneeded(byRemoving: names)
            let sharing = records[index].sharedWith.filter(keptTools.contains)
            if !sharing.isEmpty, !unneeded.isEmpty {
                notes.append("\(tool): keeps \(unneeded.joined(separator: " ")), installed with it and \(sharing.joined(separator: ", ")), which stays")
                continue
            }
            guard !unneeded.isEmpty else { continue }
            // What the user has made their own since the install: marked manual (`apt-mark manual`), or needed by a
            // package installed since. An apt-mark that does not answer is not "nobody marked it": nothing pulled in goes.
            guard let manual = AptRemovalProbe.markedManual(unneeded) else {
                notes.append("\(tool): keeps \(unneeded.joined(separator: " ")), which its install added: apt-mark could not say whether you have marked them manual since")
                continue
            }
            if !manual.isEmpty {
                notes.append("\(tool): keeps \(unneeded.filter(manual.contains).joined(separator: " ")), which its install added and you have marked manual since (apt-mark manual)")
                unneeded.removeAll(where: manual.contains)
            }
            if !unneeded.isEmpty, let others = AptRemovalProbe.alsoRemoved(names + unneeded), !others.isEmpty {
                // Only what those packages need stays (the catalog sweep's vagrant kept all 352 packages its install
                // added for one installed since); when apt cannot confirm the rest goes alone, everything stays.
                let needed = AptRemovalProbe.dependencies(of: others).map { needed in unneeded.filter(needed.contains) } ?? unneeded
                let rest = unneeded.filter { !needed.contains($0) }
                let restGoesAlone = !rest.isEmpty && AptRemovalProbe.alsoRemoved(names + rest)?.isEmpty == true
                let kept = restGoesAlone ? needed : unneeded
                notes.append("\(tool): keeps \(kept.joined(separator: " ")), which its install added: still needed by \(others.joined(separator: ", ")) (installed since)")
                unneeded = restGoesAlone ? rest : []
            }
            guard !unneeded.isEmpty else { continue }
            records[index].how = .packages(.apt, names + unneeded)
            notes.append("\(tool): also removes \(unneeded.joined(separator: " ")), which its install added")
        }
        return notes
    }

    /// apt packages whose configuration files the user changed since (dpkg's md5 no longer matches) are removed, not
    /// purged, so the edits stay (truth12 F16: `uninstall colordiff` purged an edited /etc/colordiffrc unannounced);
    /// when dpkg cannot say, nothing is purged. Returns a note per tool that keeps its configuration.
    private static func keepingChangedConfiguration(_ records: inout [InstallRecord]) -> [String] {
        var notes: [String] = []
        for index in records.indices {
            guard case .packages(.apt, let names) = records[index].how else { continue }
            let tool = records[index].tool
            guard let changed = AptRemovalProbe.changedConffiles(names) else {
                records[index].keepConfig += names
                notes.append("\(tool): removes \(names.joined(separator: " ")) but keeps their configuration files: dpkg could not say whether you changed them")
                continue
            }
            guard !changed.isEmpty else { continue }
            records[index].keepConfig += changed.keys.sorted()
            let files = changed.keys.sorted().flatMap { changed[$0] ?? [] }
            notes.append(
                "\(tool): \(files.joined(separator: ", ")) changed since \(changed.keys.sorted().joined(separator: " ")) installed it (your edits): "
                    + "removed, not purged, so \(files.count == 1 ? "it stays" : "they stay")")
        }
        return notes
    }

    /// The tools removed outside evlog since their install (`pipx uninstall` by hand): their removal is only
    /// checked, and the rest of what their installs added still goes (truth11 F8). Only installs whose own removal
    /// fails on an absent package count: apt, dnf and the other system managers remove what of their list is there
    /// and say the rest is not installed.
    private static func removedOutsideEvlog(_ records: [InstallRecord]) -> Set<String> {
        let presence = InstallPresence()
        return Set(records.filter { record in
            if case .packages = record.how { return false }
            return presence.of(record.how) == .gone
        }.map(\.tool))
    }

    /// The system-package installs evlog recorded whose packages are all gone now (removed outside evlog): their
    /// removal still runs for what their install added, and says the tool was removed already (truth12 F18: it said
    /// "installed as apt package ripgrep; removing it the same way" of a package purged by hand).
    private static func packagesRemovedByHand(_ records: [InstallRecord]) -> Set<String> {
        let presence = InstallPresence()
        return Set(records.filter { record in
            guard case .packages = record.how, record.source != LifecycleTargets.systemSource else { return false }
            return presence.of(record.how) == .gone
        }.map(\.tool))
    }

    /// Refuses (exit 1), from one `apt-get --simulate remove` per tool, a removal that takes an essential package
    /// (bash, tar, coreutils), even with `--force`: no tool evlog installs is one, and a system without them does not
    /// boot into a shell. Without `--force`, also one that takes other installed packages because they depend on
    /// the tool's; packages the install itself added (its recorded `pulledIn`) are not others: they go with the tool.
    /// When apt cannot answer (dpkg locked, too slow), nothing is removed: "no answer" is not "nothing else goes".
    private func refuseRemovingWhatOthersNeed(_ records: [InstallRecord]) throws {
        for record in records {
            guard case .packages(.apt, let names) = record.how else { continue }
            let answer: AptRemovalProbe.Removal?
            do {
                answer = try AptRemovalProbe.removal(names)
            } catch let refused as AptRemovalProbe.Refused {
                throw UserFacingError(
                    "\(record.tool): apt will not remove \(names.joined(separator: " ")): removing it breaks other installed packages "
                        + "(apt: \(refused.reason)); evlog removes nothing", code: .planFailed)
            } catch {
                throw UserFacingError(
                    "\(record.tool): could not ask apt what removing \(names.joined(separator: " ")) takes (\(error)); "
                        + "evlog removes nothing it has not checked: try again when apt answers (another apt or dpkg running?)",
                    code: .planFailed)
            }
            guard let removal = answer else { continue }
            if !removal.held.isEmpty {
                // apt-get would fail on them under -y (truth12 F19): said before anything runs, with what to do.
                let held = removal.held.joined(separator: " ")
                throw UserFacingError(
                    "\(record.tool): \(held) \(removal.held.count == 1 ? "is" : "are") on hold (apt-mark hold), so evlog does not remove it; "
                        + "`apt-mark unhold \(held)` first, then uninstall again", code: .planFailed)
            }
            if !removal.essential.isEmpty {
                throw UserFacingError(
                    "\(record.tool): removing \(names.joined(separator: " ")) would remove \(removal.essential.joined(separator: " ")), which the system needs (essential); evlog never removes that",
                    code: .planFailed)
            }
            let others = AptRemoval.dependents(removal.others, of: record, removedWith: records)
            guard !force, !others.isEmpty else { continue }
            throw UserFacingError(
                "\(record.tool): removing \(names.joined(separator: " ")) would also remove \(others.joined(separator: ", ")), "
                    + "\(others.count == 1 ? "which depends" : "which depend") on it; pass --force to remove \(others.count == 1 ? "it" : "them") too",
                code: .planFailed)
        }
    }
}
