import InstallModel
import Yams

/// Turns one recipe file (`tool-name: {…}` mappings) into checked `Recipe`s; the schema is in Docs/CATALOG.md.
struct RecipeParser {
    let reader: YAMLReader
    /// Compile each verify pattern to reject a bad one at load. The built-in recipes skip it (a fifth of every
    /// start-up); `RecipeLintTests` compiles theirs, and overlays, which users write, are always checked.
    let checksPatterns: Bool

    init(file: String, checksPatterns: Bool = true) {
        reader = YAMLReader(file: file)
        self.checksPatterns = checksPatterns
    }

    static let recipeKeys: Set<String> = ["description", "binary", "aliases", "min_version", "verify", "methods"]
    static let methodKinds: Set<String> = ["packages", "pipx", "pip", "cargo", "npm", "go", "gem", "release", "script", "via"]
    static let methodExtras: Set<String> = ["post_install", "note"]

    func recipes(in text: String) throws(CatalogError) -> [Recipe] {
        let root = try reader.root(text)
        let tools = try reader.mapping(root, "a recipe file (tool name → recipe)")
        var result: [Recipe] = []
        for item in tools.items {
            result.append(try recipe(named: item.key, item.value, keyNode: item.keyNode))
        }
        return result
    }

    private func recipe(named name: String, _ node: Node, keyNode: Node) throws(CatalogError) -> Recipe {
        let what = "recipe '\(name)'"
        if let problem = RecordedPlanGrammar.toolNameProblem(name) { throw reader.fail(node, "recipe \(GrammarText.shown(name)): \(problem)") }
        let entries = try reader.mapping(
            node, what, allowed: Self.recipeKeys, required: ["description", "binary", "verify", "methods"])
        let binary = try entries.string("binary", what, grammar: CommandNameGrammar.problem(withName:)) ?? name
        var minimumVersion: String?
        if let node = entries["min_version"] {
            let version = try reader.string(node, "\(what): 'min_version'")
            guard Version(version) != nil else { throw reader.fail(node, "\(what): min_version '\(version)' is not a version like 1.2.3") }
            minimumVersion = version
        }
        var methods: [MethodSpec] = []
        if let node = entries["methods"] {
            for item in try reader.sequence(node, "\(what): 'methods'") {
                methods.append(try method(item, what, tool: name))
            }
            if methods.isEmpty { throw reader.fail(node, "\(what): 'methods' needs at least one install method") }
        }
        return Recipe(
            name: name,
            summary: try entries.string("description", what, grammar: DisplayTextGrammar.problem(with:)) ?? "",
            binary: binary,
            aliases: try entries.strings("aliases", what, grammar: CommandNameGrammar.problem(withName:)) ?? [],
            minimumVersion: minimumVersion,
            verify: try verify(entries["verify"], what),
            methods: methods,
            origin: reader.location(keyNode))
    }

    private func verify(_ node: Node?, _ what: String) throws(CatalogError) -> VerifySpec {
        guard let node else { return VerifySpec() }
        let entries = try reader.mapping(node, "\(what): verify", allowed: ["pattern", "args", "command", "reports"])
        try entries.requireAtMostOne(of: ["command", "args"], "\(what): verify")
        var spec = VerifySpec(
            command: try entries.strings("command", "\(what): verify"),
            arguments: try entries.strings("args", "\(what): verify") ?? ["--version"],
            reports: try entries.string("reports", "\(what): verify reports", grammar: CommandNameGrammar.problem(withName:)))
        if let patternNode = entries["pattern"] {
            let pattern = try reader.string(patternNode, "\(what): verify pattern")
            do {
                if checksPatterns { _ = try Regex(pattern) }
            } catch {
                throw reader.fail(patternNode, "\(what): verify pattern '\(pattern)' is not a valid regular expression")
            }
            spec.pattern = pattern
        }
        return spec
    }

    private func method(_ node: Node, _ what: String, tool: String) throws(CatalogError) -> MethodSpec {
        let entries = try reader.mapping(node, "\(what): method", allowed: Self.methodKinds.union(Self.methodExtras))
        let kinds = entries.items.filter { Self.methodKinds.contains($0.key) }
        guard kinds.count == 1, let kindItem = kinds.first else {
            throw reader.fail(node, "\(what): each method needs exactly one of: \(Self.methodKinds.sorted().joined(separator: ", "))")
        }
        let context = "\(what): \(kindItem.key)"
        let kind: MethodKind
        switch kindItem.key {
        case "packages": kind = .packages(try packages(kindItem.value, context))
        case "release": kind = .release(try ReleaseParser(reader: reader).release(kindItem.value, context))
        case "script": kind = .script(try script(kindItem.value, context))
        case "via":
            let target = try reader.string(kindItem.value, context)
            try reader.check(target, at: kindItem.value, context, CommandNameGrammar.problem(withName: target))
            kind = .via(target)
        default:
            guard let installer = PackageManager(rawValue: kindItem.key) else {
                throw reader.fail(kindItem.keyNode, "\(context): not an installer")
            }
            kind = .language(try language(installer, kindItem.value, context))
        }
        var post: [PostInstallSpec] = []
        if let postNode = entries["post_install"] {
            let packages: OwnSystemNames.PackageSets = if case .packages(let entries) = kind { entries.values.compactMap { $0?.names } } else { nil }
            post = try PostInstallParser(reader: reader).items(postNode, "\(what): post_install", tool: tool, packages: packages)
        }
        return MethodSpec(kind: kind, postInstall: post, note: try entries.string("note", what, grammar: DisplayTextGrammar.problem(with:)), origin: reader.location(node))
    }

    private func packages(_ node: Node, _ what: String) throws(CatalogError) -> [String: PackageEntry?] {
        let entries = try reader.mapping(node, what)
        var result: [String: PackageEntry?] = [:]
        for item in entries.items {
            guard CatalogVocabulary.isEntryKey(item.key) else {
                throw reader.fail(
                    item.keyNode,
                    "\(what): '\(item.key)' is not a package manager or distribution (use one of: \(CatalogVocabulary.entryKeysList))")
            }
            let context = "\(what).\(item.key)"
            let manager = PackageManager(rawValue: item.key) ?? CatalogVocabulary.manager(forDistribution: item.key) ?? .apt
            if YAMLReader.isNull(item.value) {
                result[item.key] = .some(nil)
                continue
            }
            if case .mapping = item.value {
                let fields = try reader.mapping(item.value, context, allowed: ["name", "names", "binary", "repo", "version", "channel"])
                try fields.requireAtMostOne(of: ["name", "names"], context)
                let plural = try fields.strings("names", context)
                let singular = try fields.strings("name", context)
                guard let names = plural ?? singular else {
                    throw reader.fail(item.value, "\(context): needs 'name' or 'names'")
                }
                if let version = try fields.string("version", context), Version(version) == nil {
                    throw reader.fail(item.value, "\(context): version '\(version)' is not a version like 1.2.3")
                }
                try checkPackages(names, manager, at: fields["names"] ?? fields["name"], context)
                result[item.key] = PackageEntry(
                    names: names, binary: try fields.string("binary", context, grammar: CommandNameGrammar.problem(withCommand:)),
                    repository: try fields.string("repo", context, grammar: SystemNameGrammar.problem(withRepositoryName:)),
                    version: try fields.string("version", context),
                    channel: try fields.string("channel", context, grammar: VersionTextGrammar.problem(with:)))
            } else {
                let names = try reader.strings(item.value, context)
                try checkPackages(names, manager, at: item.value, context)
                result[item.key] = PackageEntry(names: names)
            }
        }
        if result.isEmpty { throw reader.fail(node, "\(what): list at least one package manager") }
        return result
    }

    /// Each package name against its manager's grammar (`PackageNameGrammar`).
    private func checkPackages(_ names: [String], _ manager: PackageManager, at node: Node?, _ what: String) throws(CatalogError) {
        for name in names { try reader.check(name, at: node, what, PackageNameGrammar.problem(with: name, for: manager)) }
    }

    private func language(_ installer: PackageManager, _ node: Node, _ what: String) throws(CatalogError) -> LanguagePackage {
        if case .mapping = node {
            let fields = try reader.mapping(node, what, allowed: ["package", "args", "binary"], required: ["package"])
            let package = try fields.string("package", what) ?? ""
            try checkPackages([package], installer, at: fields["package"], "\(what): package")
            let arguments = try fields.strings("args", what) ?? []
            if let problem = InstallerOptionGrammar.problem(with: arguments, for: installer) {
                throw reader.fail(fields["args"], "\(what): args \(problem)")
            }
            return LanguagePackage(
                installer: installer, package: package, arguments: arguments,
                binary: try fields.string("binary", what, grammar: CommandNameGrammar.problem(withName:)))
        }
        let package = try reader.string(node, what)
        try checkPackages([package], installer, at: node, what)
        return LanguagePackage(installer: installer, package: package)
    }

    private func script(_ node: Node, _ what: String) throws(CatalogError) -> ScriptSpec {
        let fields = try reader.mapping(node, what, allowed: ["url", "sha256", "checksum", "args", "root"], required: ["url"])
        let sha256 = try fields.string("sha256", what)
        if let sha256, !SHA256Text.isValid(sha256) {
            throw reader.fail(fields["sha256"], "\(what): sha256 must be 64 lowercase hex digits")
        }
        let checksum = try fields.string("checksum", what)
        if sha256 == nil && checksum != "unpinned" {
            throw reader.fail(node, "\(what): give 'sha256' or say 'checksum: unpinned' (the resolver then refuses it)")
        }
        return ScriptSpec(
            url: try fields.string("url", what, grammar: DownloadURLGrammar.problem(with:)) ?? "", sha256: sha256, arguments: try fields.strings("args", what) ?? [],
            needsRoot: try fields.bool("root", what) ?? false)
    }
}

/// Checks the text form of a SHA-256 digest.
enum SHA256Text {
    static func isValid(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
