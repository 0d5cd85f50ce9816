/// One tool as `evlog catalog --json` and `evlog plan --list --json` print it.
public struct CatalogEntry: Sendable, Hashable, Encodable {
    public var name: String
    public var description: String
    public var category: String
    public var binary: String
    public var aliases: [String]
    /// Per method, whether it works on the profile listed for; nil when the listing is not for a profile.
    public var methods: [MethodAvailability]?

    public init(recipe: Recipe, methods: [MethodAvailability]? = nil) {
        name = recipe.name
        description = recipe.summary
        category = recipe.category
        binary = recipe.binary
        aliases = recipe.aliases
        self.methods = methods
    }
}

extension Catalog {
    /// Recipes whose name, alias, description or binary contains `word` (any case) and whose category is
    /// `category`, sorted by name; nil filters match everything.
    public func recipes(matching word: String?, category: String?) -> [Recipe] {
        let needle = word?.lowercased()
        return toolNames.compactMap { recipes[$0] }.filter { recipe in
            if let category, recipe.category != category.lowercased() { return false }
            guard let needle else { return true }
            let haystack = [recipe.name, recipe.binary, recipe.summary.lowercased()] + recipe.aliases
            return haystack.contains { $0.contains(needle) }
        }
    }

    /// The categories recipes are filed under, sorted.
    public var categories: [String] { Set(recipes.values.map(\.category)).sorted() }
}
