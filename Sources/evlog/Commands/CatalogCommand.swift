import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel

/// `evlog catalog`: the tools evlog knows, filtered by a word or a category, with the methods that work here.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List the tools evlog can install, with the install methods that work on this system.",
        discussion: """
            Examples:
              evlog catalog                          every tool, methods for this machine
              evlog catalog --search kube            tools whose name or description mentions kube
              evlog catalog --category containers --profile fedora
              evlog catalog --json                   a JSON list of tools
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only tools whose name, alias, binary or description contains WORD.")
    var search: String?

    @Option(help: "Only tools of this category (the recipe file they live in, e.g. containers).")
    var category: String?

    @Option(help: "Judge the methods for a named profile or a profile file instead of this machine.")
    var profile: String?

    func run() throws {
        let catalog = try CatalogCLI.catch { () throws(CatalogError) in try Catalog.bundled() }
        if let category, !catalog.categories.contains(category.lowercased()) {
            throw UserFacingError("no category '\(category)'; categories: \(catalog.categories.joined(separator: ", "))")
        }
        var (target, options) = try CatalogCLI.target(profile: profile, reinstall: true)
        if profile == nil { options.installedProbe = OnPathProbe() }
        let resolver = Resolver(catalog: catalog)
        let entries = catalog.recipes(matching: search, category: category).map { recipe in
            CatalogEntry(recipe: recipe, methods: resolver.availability(of: recipe, on: target, options: options))
        }
        if global.json {
            FileHandle.standardOutput.write(Data((try JSONText.encode(entries) + "\n").utf8))
            return
        }
        for entry in entries { print(CatalogListing.lineWithMethods(entry)) }
        if entries.isEmpty { Terminal.print("no tool matches", to: STDERR_FILENO) }
    }
}
