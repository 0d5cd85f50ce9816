import ArgumentParser
import Catalog
import Foundation
import InstallModel

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
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Tools to check (default: every tool a plan under --home installed).")
    var tools: [String] = []

    /// One row of the report.
    struct Row: Encodable {
        var tool: String
        var method: String
        var installed: String?
        var available: String?
        /// `current`, `outdated`, `unknown` (the method cannot say what it would install) or `missing`.
        var status: String
    }

    func run() throws {
        let catalog = try CatalogCLI.catch { () throws(CatalogError) in try Catalog.bundled() }
        let history = InstallHistory.load(home: global.homeDirectory, catalog: catalog)
        let names = tools.isEmpty ? history.installed.keys.sorted() : tools
        var rows: [Row] = []
        for name in names {
            guard let recipe = catalog.recipe(named: name.lowercased()) else {
                throw UserFacingError(CatalogError.unknownTool(name, suggestions: catalog.suggestions(for: name)).description)
            }
            rows.append(row(recipe, history: history))
        }
        if global.json {
            FileHandle.standardOutput.write(Data((try JSONText.encode(rows) + "\n").utf8))
            return
        }
        if rows.isEmpty { Terminal.print("no tools installed by evlog under \(global.homeDirectory)") }
        for row in rows {
            print(
                [row.tool.padding(toLength: 20, withPad: " ", startingAt: 0), row.method.padding(toLength: 8, withPad: " ", startingAt: 0),
                 (row.installed ?? "-").padding(toLength: 14, withPad: " ", startingAt: 0),
                 (row.available ?? "-").padding(toLength: 14, withPad: " ", startingAt: 0), row.status].joined(separator: " "))
        }
    }

    private func row(_ recipe: Recipe, history: InstallHistory) -> Row {
        guard let record = try? LifecycleTargets.record(recipe, history: history) else {
            return Row(tool: recipe.name, method: "-", installed: nil, available: nil, status: "missing")
        }
        let line = Resolver.binaries(of: recipe).lazy.compactMap { InstalledVersion.probe(recipe, binary: $0, with: PathInstalledProbe()) }.first
        let installed = line.flatMap { Version.first(in: $0) }
        let available = Self.available(record.how, recipe: recipe)
        var status = "unknown"
        if line == nil {
            status = "missing"
        } else if let installed, let offered = available.flatMap({ Version.upstream(of: $0) }) {
            status = installed >= offered ? "current" : "outdated"
        }
        return Row(tool: recipe.name, method: record.how.methodName, installed: installed?.description, available: available, status: status)
    }

    /// What the install method would install now: apt's candidate, or the catalog's release version.
    static func available(_ how: InstallKind, recipe: Recipe) -> String? {
        switch how {
        case .packages(.apt, let names): return names.first.flatMap { AptRemovalProbe.candidate($0) }
        case .file:
            for method in recipe.methods { if case .release(let spec) = method.kind { return spec.version } }
            return nil
        default: return nil
        }
    }
}
