import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel
import Orchestrator

/// `evlog install <tool…>`: resolve a plan for this system, show it, run it, record everything.
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install tools: resolve a plan, show it, run it as a DAG, record every step.",
        discussion: """
            Examples:
              evlog install ripgrep jq             plan, confirm, install (asks for sudo if needed)
              evlog install --simulate ripgrep     the same against recorded outputs: no root, no network
              evlog install --yes --jobs 2 kubectl helm
              evlog install --dry-run docker       show the plan only
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var choices: ResolutionChoices
    @OptionGroup var injected: FaultOptions

    @Argument(help: "Tools to install (see `evlog plan --help`).", completion: .custom(ToolCompletion.names))
    var tools: [String]

    @Flag(help: "Run against recorded outputs (Fixtures/sim/<set>) on a virtual clock: nothing is changed on this machine. --simulate=SET picks a fixture set.")
    var simulate = false

    @Option(name: .customLong("fixture-set"), help: .hidden)
    var fixtureSet: String?

    @Option(help: "Seed of a simulation: the same seed and fixtures give a byte-identical log. Without --simulate, the seed of the plan's id.")
    var seed: UInt64?

    @Option(help: "Resolve for a named profile or a profile file instead of this machine (simulations default to debian-container).")
    var profile: String?

    @Flag(help: "Show the plan and stop.")
    var dryRun = false

    @Flag(help: "Install even what is already installed.")
    var reinstall = false

    func validate() throws {
        if tools.isEmpty { throw ValidationError("name at least one tool to install, e.g. `evlog install ripgrep`") }
        if !injected.specs.isEmpty && !simulate && fixtureSet == nil {
            throw ValidationError("--fault works only in a simulation: add --simulate or --simulate=synthetic")
        }
    }

    func run() async throws {
        let simulated = simulate || fixtureSet != nil
        let request = InstallRequest(
            tools: tools, simulationFixtureSet: simulated ? fixtureSet ?? "default" : nil, seed: seed ?? PlanIdentity.freshSeed(),
            profile: profile, reinstall: reinstall, choices: choices.preferences, faults: injected.faults)
        let catalog = try catalogOptions.load()
        var plan = try request.plan(catalog: catalog)
        if !simulated {
            plan.notes += InstallHistory.load(home: global.homeDirectory, catalog: catalog).secondMethodNotes(for: plan, catalog: catalog)
        }
        try await PlanLaunch.start(plan, global: global, options: self.run, dryRun: dryRun, doing: "installing")
    }
}
