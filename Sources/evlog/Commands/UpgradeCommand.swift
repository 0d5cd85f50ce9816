import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel
import Orchestrator

/// `evlog upgrade [<tool…>]`: upgrade tools in place with the method that installed them, as a recorded plan.
struct UpgradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Upgrade tools with the method that installed them (default: every tool evlog installed), recorded as a plan.",
        discussion: """
            Examples:
              evlog upgrade                  everything a plan under --home installed
              evlog upgrade jq black --yes
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: "Tools to upgrade (default: every tool a plan under --home installed).")
    var tools: [String] = []

    @Flag(help: "Show the plan and stop.")
    var dryRun = false

    func run() async throws {
        let plans = InstallHistory.plans(home: global.homeDirectory)
        let lifecycle = try LifecycleCatalog.load(plans: plans, options: catalogOptions)
        let history = InstallHistory(plans: plans, catalog: lifecycle.catalog)
        let names = tools.isEmpty ? history.installed.keys.sorted() : tools
        if names.isEmpty { throw UserFacingError("no tools to upgrade: name some, or install some with evlog first", code: .planFailed) }
        let records = try LifecycleTargets.records(for: names, history: history, catalog: lifecycle.catalog)
        var plan = LifecyclePlanner(profile: try LifecycleTargets.profile())
            .upgrade(records, planID: SeededIDSource(seed: PlanIdentity.freshSeed()).nextPlanID())
        plan.notes += lifecycle.notes(for: names)
        try await PlanLaunch.start(plan, global: global, options: self.run, dryRun: dryRun, doing: "upgrading tools")
    }
}
