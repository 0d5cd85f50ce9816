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
              evlog upgrade jq --force       jq no evlog plan installed (the package that holds it)

            A tool evlog found already installed is the user's, not evlog's to upgrade (exit 1, nothing done), and so
            is a tool no plan log names, unless --force.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: "Tools to upgrade (default: every tool a plan under --home installed).", completion: .custom(ToolCompletion.names))
    var tools: [String] = []

    @Flag(help: "Also upgrade a tool no evlog plan installed (exactly the package holding it).")
    var force = false

    @Flag(help: "Show the plan and stop.")
    var dryRun = false

    @Option(help: ArgumentHelp("For a tool evlog installed by two methods (apt, then pipx): upgrade the install by this one (default: the newest).", valueName: "METHOD"))
    var method: String?

    func run() async throws {
        let plans = InstallHistory.plans(home: global.homeDirectory)
        let lifecycle = try LifecycleCatalog.load(plans: plans, options: catalogOptions)
        let history = InstallHistory(plans: plans, catalog: lifecycle.catalog)
        // Everything evlog installed: not the tools it found already here (the user's own), nor those an uninstall cut
        // off mid-way was removing (its resume finishes them; truth12 F14), which a bare upgrade names in a note.
        let cutOff = history.unfinishedRemovals.filter { tools.isEmpty && $0.value.cutOff }.sorted { $0.key < $1.key }
        let names = tools.isEmpty
            ? history.installed.keys.filter { history.foundPresent[$0] == nil && history.unfinishedRemovals[$0]?.cutOff != true }.sorted() : tools
        if names.isEmpty { throw UserFacingError("no tools to upgrade: name some, or install some with evlog first", code: .planFailed) }
        try LifecycleSeals.refuseUntrustedRecords(of: names, history: history, home: global.homeDirectory, catalog: lifecycle.catalog)
        try LifecycleTargets.refuseWhileCutOff(among: names, history: history, catalog: lifecycle.catalog, change: .upgrade)
        try LifecycleTargets.refuseTheUsersOwn(among: names, history: history, catalog: lifecycle.catalog, change: .upgrade)
        // A tool removed since evlog installed it (`apt-get purge`, `pipx uninstall` by hand) is not upgraded: apt
        // would skip it and say done for a tool that is not there (truth10 F7), pipx fails (truth11 F11).
        let presence = InstallPresence()
        let (chosen, twice) = try LifecycleTargets.choosingMethod(
            method, among: LifecycleTargets.records(for: names, history: history, catalog: lifecycle.catalog), history: history, doing: "upgrade",
            isGone: { presence.of($0.how) == .gone })
        if !force { try LifecycleTargets.refuseNotInstalledByEvlog(chosen, change: .upgrade) }
        let gone = chosen.filter { presence.of($0.how) == .gone }
        let goneNotes = gone.map { record in
            // The method named, so the hint installs that copy again rather than answering "already installed" (F12).
            let method = record.how.methodName == "file" ? "release" : record.how.methodName
            return "\(record.tool): \(record.how) is no longer installed (removed outside evlog); `evlog install --method \(method) \(record.tool)` puts it back"
        }
        let records = chosen.filter { record in !gone.contains { $0.tool == record.tool } }
        if records.isEmpty {
            throw UserFacingError(goneNotes.joined(separator: "; ") + "; nothing to upgrade", code: .planFailed)
        }
        let planID = PlanIdentity.freshPlanID()
        let (profile, options) = try CatalogCLI.target(profile: nil, reinstall: true)
        var current: [String] = []
        let reinstalled = records.filter { record in
            guard LifecyclePlanner.upgradesByReinstalling(record.how) else { return false }
            guard let installed = Self.currentRelease(record, catalog: lifecycle.catalog) else { return true }
            current.append("\(record.tool): \(installed) is installed, the release its recipe names: nothing newer to install")
            return false
        }
        let reinstall = try reinstalled.isEmpty ? nil : Self.reinstallPlan(reinstalled, catalog: lifecycle.catalog, profile: profile, options: options, planID: planID)
        var plan = LifecyclePlanner(profile: profile).upgrade(records, reinstall: reinstall, planID: planID)
        plan.notes += goneNotes + current + twice + lifecycle.notes(for: names) + cutOff.map { "\($0.key): left out: \($0.value.sentence)" }
        try await PlanLaunch.start(plan, global: global, options: self.run, dryRun: dryRun, doing: "upgrading tools")
    }

    /// The installed version of a release file (the file itself asked) when it is the recipe's release already, else nil.
    private static func currentRelease(_ record: InstallRecord, catalog: Catalog) -> String? {
        guard case .file(let path) = record.how, let recipe = catalog.recipe(named: record.tool),
            let offered = OutdatedCommand.available(record.how, recipe: recipe).version.flatMap(Version.upstream(of:))
        else { return nil }
        let file = URL(fileURLWithPath: path.hasPrefix("~/") ? SystemInstallFinder.userHome + path.dropFirst(1) : path)
        let probe = PathInstalledProbe(searchPath: file.deletingLastPathComponent().path)
        guard let line = InstalledVersion.probe(recipe, binary: file.lastPathComponent, with: probe),
            let installed = Version.first(in: line), installed >= offered
        else { return nil }
        return installed.description
    }

    /// An install of the tools again, each by the method that installed it, from the recipes they were installed
    /// from (an overlay's recorded recipe included, so no `--catalog` is needed).
    private static func reinstallPlan(
        _ records: [InstallRecord], catalog: Catalog, profile: SystemProfile, options: ResolveOptions, planID: PlanID
    ) throws -> Plan {
        var steps: [Step] = []
        var tools: [String] = []
        var notes: [String] = []
        var files: [RecordedRecipeFile] = []
        for record in records {
            var byMethod = options
            byMethod.method = record.how.methodName == "file" ? "release" : record.how.methodName
            do {
                let plan = try Resolver(catalog: catalog).resolve(tools: [record.tool], profile: profile, planID: planID, options: byMethod)
                steps += plan.steps.filter { step in !steps.contains { $0.id == step.id } }
                // The recipe it installs from is recorded with it, as an install's is: the upgrade's log alone then
                // keeps an overlay tool known (truth22 #4).
                files += (plan.recipeFiles ?? []).filter { !files.contains($0) }
                tools.append(record.tool)
                notes.append("\(record.tool): installed as \(record.how), which has no upgrade in place; installed again by its recipe")
            } catch {
                throw UserFacingError("\(record.tool): installed as \(record.how), which has no upgrade in place, and its recipe cannot install it again here: \(error)", code: .planFailed)
            }
        }
        var plan = Plan(id: planID, tools: tools, profile: profile, steps: steps, notes: notes)
        plan.recipeFiles = files.isEmpty ? nil : files
        return plan
    }
}
