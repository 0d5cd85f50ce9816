import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel
import Orchestrator

/// `evlog uninstall <tool…>`: undo installs the way they were made, as a recorded plan.
struct UninstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove tools the way they were installed (past plan logs first, then what is on the system), recorded as a plan.",
        discussion: """
            Examples:
              evlog uninstall jq                  apt-get remove jq, if apt installed it
              evlog uninstall black --yes         pipx uninstall black
              evlog uninstall libfoo --force      even when other packages depend on it

            The repositories and shell-profile lines an install added go too, unless another installed tool
            still needs them; each file is backed up under the evlog home first.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: "Tools to remove.")
    var tools: [String]

    @Flag(help: "Remove a system package even though other installed packages depend on it (they go too).")
    var force = false

    @Flag(help: "Show the plan and stop.")
    var dryRun = false

    func validate() throws {
        if tools.isEmpty { throw ValidationError("name at least one tool to remove, e.g. `evlog uninstall jq`") }
    }

    func run() async throws {
        let plans = InstallHistory.plans(home: global.homeDirectory)
        let lifecycle = try LifecycleCatalog.load(plans: plans, options: catalogOptions)
        let catalog = lifecycle.catalog
        let history = InstallHistory(plans: plans, catalog: catalog)
        var records = try LifecycleTargets.records(for: tools, history: history, catalog: catalog)
        if !force { try refuseDependedOn(records) }
        let pulledIn = withWhatTheyPulledIn(&records)
        var plan = LifecyclePlanner(profile: try LifecycleTargets.profile()).removal(
            records, keeping: history.others(than: records.map(\.tool)), catalog: catalog,
            planID: SeededIDSource(seed: PlanIdentity.freshSeed()).nextPlanID())
        plan.notes += lifecycle.notes(for: plan.tools) + pulledIn
        try await PlanLaunch.start(plan, global: global, options: self.run, dryRun: dryRun, doing: "removing tools")
    }

    /// apt packages go with what their install pulled in that nothing needs once they are gone (never what was
    /// unneeded before): the set after `install X; uninstall X` is the one before. Returns a note per tool.
    private func withWhatTheyPulledIn(_ records: inout [InstallRecord]) -> [String] {
        var notes: [String] = []
        for index in records.indices {
            guard case .packages(.apt, let names) = records[index].how else { continue }
            let unneeded = AptRemovalProbe.leftUnneeded(byRemoving: names)
            guard !unneeded.isEmpty else { continue }
            records[index].how = .packages(.apt, names + unneeded)
            notes.append(
                "\(records[index].tool): also removes \(unneeded.joined(separator: " ")), which came with it and nothing else needs (packages unneeded before stay)")
        }
        return notes
    }

    /// Refuses (exit 1) when apt would also remove other installed packages because they depend on one of these.
    private func refuseDependedOn(_ records: [InstallRecord]) throws {
        for record in records {
            guard case .packages(.apt, let names) = record.how, let others = AptRemovalProbe.alsoRemoved(names), !others.isEmpty
            else { continue }
            throw UserFacingError(
                "\(record.tool): removing \(names.joined(separator: " ")) would also remove \(others.joined(separator: ", ")), which depend on it; pass --force to remove them too",
                code: .planFailed)
        }
    }
}
