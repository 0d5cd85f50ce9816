/// Catalog overlays (`--catalog DIR`, `EVLOG_CATALOG`): recipe directories laid over the built-in catalog.
///
/// An overlay directory holds `recipes/*.yaml` and/or `repos.yaml` in the built-in schema (Docs/CATALOG.md).
/// A recipe or repository with a name the catalog already has replaces it whole; the replacement is kept
/// in `replacements` so that `evlog plan` can say so.
extension Catalog {
    /// The built-in catalog with `overlays` laid on top in order (a later directory wins).
    public static func bundled(overlays: [String]) throws(CatalogError) -> Catalog {
        var catalog = try bundled()
        for directory in overlays { catalog = try catalog.overlaid(by: directory) }
        return catalog
    }

    /// This catalog with the recipes and repositories of `directory` on top.
    public func overlaid(by directory: String) throws(CatalogError) -> Catalog {
        let label = directory.hasSuffix("/") ? directory : directory + "/"
        guard let files = try Catalog.files(in: directory, label: label) else {
            throw .invalidData(
                file: directory, line: nil,
                message: "a catalog overlay needs recipes/*.yaml or repos.yaml, and neither is there")
        }
        // Parsed on its own first, so an overlay is checked as a whole; its references may point into this catalog.
        var layerRecipes: [Recipe] = []
        for file in files.recipes { layerRecipes += try RecipeParser(file: file.name).recipes(in: file.text) }
        let layerRepositories = try files.repositories.map { file throws(CatalogError) in
            try RepoParser(file: file.name).families(in: file.text)
        } ?? [:]
        var recipes = self.recipes
        var aliasTargets = self.aliasTargets
        var replacements = self.replacements
        var seen: [String: Recipe] = [:]
        for recipe in layerRecipes {
            if let earlier = seen[recipe.name] {
                throw .invalidData(
                    file: recipe.origin.file, line: recipe.origin.line,
                    message: "tool '\(recipe.name)' is already defined at \(earlier.origin)")
            }
            seen[recipe.name] = recipe
            let replaced = recipes[recipe.name] ?? aliasTargets[recipe.name].flatMap { recipes[$0] }
            if let replaced {
                recipes[replaced.name] = nil
                aliasTargets = aliasTargets.filter { $0.value != replaced.name }
                replacements[recipe.name] = recipe.origin.file
            }
            recipes[recipe.name] = recipe
            for alias in recipe.aliases {
                if let owner = recipes[alias], owner.name != recipe.name {
                    throw .invalidData(
                        file: recipe.origin.file, line: recipe.origin.line,
                        message: "alias '\(alias)' of '\(recipe.name)' is the name of the recipe '\(owner.name)'")
                }
                aliasTargets[alias] = recipe.name
            }
        }
        var repositories = self.repositories
        for (name, family) in layerRepositories {
            if repositories[name] != nil { replacements["repo:" + name] = files.repositories?.name }
            repositories[name] = family
        }
        return try Catalog(
            recipes: recipes, repositories: repositories, aliasTargets: aliasTargets, replacements: replacements)
    }

    /// The overlay file whose recipe replaced the built-in `tool`, if one did.
    public func replacement(ofTool tool: String) -> String? { replacements[tool] }

    /// The overlay file whose entry replaced the built-in repository `name`, if one did.
    public func replacement(ofRepository name: String) -> String? { replacements["repo:" + name] }
}
