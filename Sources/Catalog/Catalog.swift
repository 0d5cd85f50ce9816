import Foundation
import InstallModel

/// Every recipe and shared repository evlog knows, loaded from YAML and checked as a whole.
public struct Catalog: Sendable {
    /// Recipes by canonical name.
    public let recipes: [String: Recipe]
    /// Third-party repositories by name (`docker`, `hashicorp`).
    public let repositories: [String: RepoFamily]
    /// Built-in recipes and repositories an overlay replaced, by name → the overlay file that did (`CatalogOverlay.swift`).
    public let replacements: [String: String]
    let aliasTargets: [String: String]
    /// The overlay files laid over the built-in catalog, in order, with what each defines (`CatalogOverlay.swift`).
    let overlayFiles: [OverlayFile]

    /// The recipes shipped inside evlog (`Sources/Catalog/Resources`).
    public static func bundled() throws(CatalogError) -> Catalog {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw .resourcesMissing(path: Bundle.module.bundlePath + "/Resources")
        }
        return try Catalog(directory: url.path, checksPatterns: false)
    }

    /// Loads `recipes/*.yaml` and `repos.yaml` from `directory`; `checksPatterns`: see `RecipeParser`.
    public init(directory: String, checksPatterns: Bool = true) throws(CatalogError) {
        guard let files = try Catalog.files(in: directory, label: "") else {
            throw .resourcesMissing(path: directory + "/recipes")
        }
        try self.init(recipeFiles: files.recipes, repositoryFile: files.repositories, checksPatterns: checksPatterns)
    }

    /// The recipe files and `repos.yaml` of a catalog directory, named `<label>recipes/x.yaml` in messages;
    /// nil when `directory/recipes` cannot be listed (an overlay, with a label, may hold only `repos.yaml`).
    static func files(in directory: String, label: String) throws(CatalogError)
        -> (recipes: [(name: String, text: String)], repositories: (name: String, text: String)?)?
    {
        let manager = FileManager.default
        let recipeDirectory = directory + "/recipes"
        let names = try? manager.contentsOfDirectory(atPath: recipeDirectory)
        var recipes: [(name: String, text: String)] = []
        let yamlNames = (names ?? []).sorted().filter { $0.hasSuffix(".yaml") }
        // A recipe file that would never be read is refused rather than left out without a word.
        if let stray = (names ?? []).sorted().first(where: { $0.lowercased().hasSuffix(".yml") || ($0.lowercased().hasSuffix(".yaml") && !$0.hasSuffix(".yaml")) }) {
            throw .invalidData(file: label + "recipes/" + stray, line: nil, message: "recipe files end in .yaml; rename it to be read")
        }
        try checkTotal(of: yamlNames.map { recipeDirectory + "/" + $0 }, shown: label + "recipes/")
        for name in yamlNames {
            let shown = label + "recipes/" + name
            recipes.append((shown, try CatalogFile.text(at: recipeDirectory + "/" + name, inside: directory, shown: shown)))
        }
        let repoPath = directory + "/repos.yaml"
        let repositories = manager.fileExists(atPath: repoPath)
            ? (label + "repos.yaml", try CatalogFile.text(at: repoPath, inside: directory, shown: label + "repos.yaml")) : nil
        if names == nil && (label.isEmpty || repositories == nil) { return nil }
        return (recipes, repositories)
    }

    /// Loads recipes from texts (tests feed broken ones here); `name` is used in error messages.
    public init(
        recipeFiles: [(name: String, text: String)], repositoryFile: (name: String, text: String)? = nil, checksPatterns: Bool = true
    ) throws(CatalogError) {
        var recipes: [String: Recipe] = [:]
        var aliasTargets: [String: String] = [:]
        for file in recipeFiles {
            for recipe in try RecipeParser(file: file.name, checksPatterns: checksPatterns).recipes(in: file.text) {
                if let existing = recipes[recipe.name] ?? aliasTargets[recipe.name].flatMap({ recipes[$0] }) {
                    throw .invalidData(
                        file: recipe.origin.file, line: recipe.origin.line,
                        message: "tool '\(recipe.name)' is already defined at \(existing.origin)")
                }
                recipes[recipe.name] = recipe
                for alias in recipe.aliases {
                    if let other = aliasTargets[alias] ?? (recipes[alias] != nil ? alias : nil) {
                        throw .invalidData(
                            file: recipe.origin.file, line: recipe.origin.line,
                            message: "alias '\(alias)' of '\(recipe.name)' is already used by '\(other)'")
                    }
                    aliasTargets[alias] = recipe.name
                }
            }
        }
        var repositories: [String: RepoFamily] = [:]
        if let repositoryFile {
            repositories = try RepoParser(file: repositoryFile.name).families(in: repositoryFile.text)
        }
        try self.init(recipes: recipes, repositories: repositories, aliasTargets: aliasTargets, replacements: [:])
    }

    /// A catalog from parts already parsed; checks that every reference resolves.
    init(
        recipes: [String: Recipe], repositories: [String: RepoFamily], aliasTargets: [String: String],
        replacements: [String: String], overlayFiles: [OverlayFile] = []
    ) throws(CatalogError) {
        self.recipes = recipes
        self.repositories = repositories
        self.aliasTargets = aliasTargets
        self.replacements = replacements
        self.overlayFiles = overlayFiles
        try checkReferences()
    }

    /// Canonical tool names, sorted.
    public var toolNames: [String] { recipes.keys.sorted() }

    /// The recipe for a canonical name or an alias.
    public func recipe(named name: String) -> Recipe? {
        recipes[name] ?? aliasTargets[name].flatMap { recipes[$0] }
    }

    /// Up to three known names close to `name`, for "did you mean …".
    public func suggestions(for name: String) -> [String] {
        NameSuggester(candidates: toolNames + aliasTargets.keys.sorted()).suggestions(for: name)
            .map { aliasTargets[$0] ?? $0 }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// `via` targets and repository references must exist.
    private func checkReferences() throws(CatalogError) {
        for recipe in recipes.values.sorted(by: { $0.name < $1.name }) {
            for method in recipe.methods {
                switch method.kind {
                case .via(let target):
                    if recipes[target] == nil || target == recipe.name {
                        throw .invalidData(
                            file: method.origin.file, line: method.origin.line,
                            message: "recipe '\(recipe.name)': 'via: \(target)' names no other recipe")
                    }
                case .packages(let entries):
                    for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
                        guard let repo = entry?.repository else { continue }
                        guard let family = repositories[repo] else {
                            throw .invalidData(
                                file: method.origin.file, line: method.origin.line,
                                message: "recipe '\(recipe.name)': \(key) uses repo '\(repo)', which repos.yaml does not define")
                        }
                        let managerKey = PackageManager(rawValue: key)?.rawValue
                            ?? CatalogVocabulary.manager(forDistribution: key)?.rawValue ?? key
                        if family.variants[key] == nil && family.variants[managerKey] == nil
                            && !family.variants.keys.contains(where: { CatalogVocabulary.manager(forDistribution: $0)?.rawValue == key })
                        {
                            throw .invalidData(
                                file: method.origin.file, line: method.origin.line,
                                message: "recipe '\(recipe.name)': repo '\(repo)' has no variant for \(key)")
                        }
                    }
                default: break
                }
            }
        }
    }

    /// The most a recipe file or `repos.yaml` may hold (the largest built-in one holds 24 KiB): a larger file,
    /// a hostile overlay's most likely, is refused before it is parsed, having read no more than this.
    public static let fileBytesMax = 1 << 20

    /// The most recipe files one catalog directory may hold, and their most bytes together (the built-in
    /// catalog holds 18 files, 170 KiB): many files each under `fileBytesMax` are refused as one, unread.
    public static let directoryFilesMax = 256
    public static let directoryBytesMax = 8 << 20

    /// Refuses `paths` (the recipe files of the directory shown as `shown`) when there are more than
    /// `directoryFilesMax` or their sizes add up to more than `directoryBytesMax`, before any is read.
    private static func checkTotal(of paths: [String], shown: String) throws(CatalogError) {
        guard paths.count <= directoryFilesMax else {
            throw .invalidData(
                file: shown, line: nil,
                message: "holds \(paths.count) recipe files, more than the \(directoryFilesMax) a catalog directory may hold")
        }
        let bytes = paths.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0)
        }
        guard bytes <= directoryBytesMax else {
            throw .invalidData(
                file: shown, line: nil,
                message: "its recipe files hold \(bytes >> 20) MiB together, more than the \(directoryBytesMax >> 20) MiB a catalog directory may hold")
        }
    }
}
