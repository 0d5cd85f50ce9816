import InstallModel

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

    /// This catalog with the recipes and repositories of `directory` on top; as root, refused when another user can
    /// change the directory or a file in it (`OverlayOwnership`).
    public func overlaid(by directory: String) throws(CatalogError) -> Catalog {
        let label = directory.hasSuffix("/") ? directory : directory + "/"
        if let refusal = OverlayOwnership.problem(directory) { throw refusal }
        guard let files = try Catalog.files(in: directory, label: label) else {
            throw .invalidData(
                file: directory, line: nil,
                message: "a catalog overlay needs recipes/*.yaml or repos.yaml, and neither is there")
        }
        return try overlaid(
            recipeFiles: files.recipes.map { RecordedRecipeFile(file: $0.name, text: $0.text) },
            repositoryFile: files.repositories.map { RecordedRecipeFile(file: $0.name, text: $0.text) })
    }

    /// This catalog with the overlay files a plan recorded laid on again, each as it was read then (checked as
    /// any overlay is), in order, repository files first (recipes refer to them). A file that no longer parses
    /// against this catalog is left out and named in `skipped`.
    /// With `keeping`, only the recipes of those tools are laid from the recipe files (repository files whole):
    /// a recipe that only sat in a file beside the one a plan used installed nothing (trust16 #5).
    public func overlaid(byRecorded files: [RecordedRecipeFile], keeping: Set<String>? = nil) -> (catalog: Catalog, skipped: [String]) {
        var latest: [String: RecordedRecipeFile] = [:]
        var order: [String] = []
        for file in files {
            if latest.updateValue(file, forKey: file.file) == nil { order.append(file.file) }
        }
        let ordered = order.compactMap { latest[$0] }
        var catalog = self
        var skipped: [String] = []
        for file in ordered.filter(\.isRepositoryFile) + ordered.filter({ !$0.isRepositoryFile }) {
            do {
                catalog = file.isRepositoryFile
                    ? try catalog.overlaid(recipeFiles: [], repositoryFile: file)
                    : try catalog.overlaid(recipeFiles: [file], repositoryFile: nil, keeping: keeping)
            } catch {
                skipped.append("\(file.file): \(error.description)")
            }
        }
        return (catalog, skipped)
    }

    /// The overlay files that define the recipes of `tools` and the repositories named in `repositories`, as
    /// an install plan records them; empty when all are built in.
    public func recordedFiles(tools: [String], repositories: [String]) -> [RecordedRecipeFile] {
        let wanted = Set(tools.compactMap { recipe(named: $0)?.name }).union(repositories.map { "repo:" + $0 })
        // A later file that defines the same name is the one in force.
        var inForce: [String: Int] = [:]
        for (index, file) in overlayFiles.enumerated() {
            for name in file.defines where wanted.contains(name) { inForce[name] = index }
        }
        return Set(inForce.values).sorted().map { overlayFiles[$0].recorded }
    }

    /// This catalog with one overlay's files on top.
    private func overlaid(
        recipeFiles: [RecordedRecipeFile], repositoryFile: RecordedRecipeFile?, keeping: Set<String>? = nil
    ) throws(CatalogError) -> Catalog {
        // Parsed on its own first, so an overlay is checked as a whole; its references may point into this catalog.
        var layerRecipes: [Recipe] = []
        var overlayFiles = self.overlayFiles
        for file in recipeFiles {
            var parsed: [Recipe] = []
            for recipe in try RecipeParser(file: file.file).recipes(in: file.text) {
                let checked = try OverlayCommandPolicy.checked(recipe, over: self)
                if keeping?.contains(checked.name) ?? true { parsed.append(checked) }
            }
            layerRecipes += parsed
            overlayFiles.append(OverlayFile(recorded: file, defines: Set(parsed.map(\.name))))
        }
        let layerRepositories = try repositoryFile.map { file throws(CatalogError) in
            try RepoParser(file: file.file).families(in: file.text)
        } ?? [:]
        for (_, family) in layerRepositories.sorted(by: { $0.key < $1.key }) { try OverlayRepositoryPolicy.check(family) }
        if let repositoryFile {
            overlayFiles.append(OverlayFile(recorded: repositoryFile, defines: Set(layerRepositories.keys.map { "repo:" + $0 })))
        }
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
                if let owner = aliasTargets[alias], owner != recipe.name {
                    throw .invalidData(
                        file: recipe.origin.file, line: recipe.origin.line,
                        message: "alias '\(alias)' of '\(recipe.name)' is already an alias of '\(owner)'; drop it or name the recipe '\(owner)' to replace that one")
                }
                aliasTargets[alias] = recipe.name
            }
        }
        var repositories = self.repositories
        for (name, family) in layerRepositories {
            if repositories[name] != nil { replacements["repo:" + name] = repositoryFile?.file }
            repositories[name] = family
        }
        return try Catalog(
            recipes: recipes, repositories: repositories, aliasTargets: aliasTargets, replacements: replacements,
            overlayFiles: overlayFiles)
    }

    /// The overlay file whose recipe replaced the built-in `tool`, if one did.
    public func replacement(ofTool tool: String) -> String? { replacements[tool] }

    /// The overlay file whose entry replaced the built-in repository `name`, if one did.
    public func replacement(ofRepository name: String) -> String? { replacements["repo:" + name] }
}

/// One overlay file laid over the catalog: its text as read, and the names it defines (tools, `repo:<name>`).
struct OverlayFile: Sendable {
    let recorded: RecordedRecipeFile
    let defines: Set<String>
}

extension RecordedRecipeFile {
    /// An overlay's `repos.yaml` (repositories), not a recipe file.
    var isRepositoryFile: Bool { file == "repos.yaml" || file.hasSuffix("/repos.yaml") }
}
