import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel

/// `evlog plan`: what evlog would do to install some tools on this (or another) system, and why.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the steps evlog would run to install tools, with the reasons and the risks.",
        discussion: """
            Examples:
              evlog plan ripgrep                      plan for this machine
              evlog plan docker kubectl --profile fedora
              evlog plan black --profile ./my-profile.json --json
              evlog plan --list                       the tools the catalog knows
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var choices: ResolutionChoices

    @Argument(help: "Tools to install (names or aliases, e.g. ripgrep rg docker; name@version for a version, e.g. jq@1.7).", completion: .custom(ToolCompletion.names))
    var tools: [String] = []

    @Option(name: .long, help: "A named profile (evlog profile --list) or a profile file (YAML/JSON); default: this machine.")
    var profile: String?

    @Flag(name: .long, help: "Plan an install even for tools that are already installed.")
    var reinstall = false

    @Flag(name: .long, help: "List the tools the catalog knows and exit.")
    var list = false

    /// The id a previewed plan carries; `evlog install` assigns real ids.
    static let previewPlanID = PlanID("p-preview")

    func validate() throws {
        if tools.isEmpty && !list {
            throw ValidationError("name at least one tool, e.g. `evlog plan ripgrep` (or `evlog plan --list`)")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.load()
        if list {
            let entries = catalog.toolNames.compactMap { catalog.recipes[$0] }.map { CatalogEntry(recipe: $0) }
            if global.json {
                FileHandle.standardOutput.write(Data((try JSONText.encode(entries) + "\n").utf8))
            } else {
                for entry in entries { print(CatalogListing.line(entry)) }
            }
            return
        }
        let (target, options) = try CatalogCLI.target(profile: profile, reinstall: reinstall, method: choices.method)
        let plan = try CatalogCLI.catch { () throws(CatalogError) in
            try Resolver(catalog: catalog).resolve(
                tools: tools, profile: target, planID: Self.previewPlanID, options: choices.preferences.apply(to: options))
        }
        if global.json {
            FileHandle.standardOutput.write(Data((try JSONText.encode(PlanReport(plan: plan)) + "\n").utf8))
        } else {
            print(PlanText.render(plan), terminator: "")
        }
    }
}
