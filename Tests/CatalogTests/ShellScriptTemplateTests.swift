import Catalog
import InstallModel
import Testing

/// Commands are argv from end to end: a shell script in any plan (install, `--link-names`, uninstall, upgrade) is a
/// constant template, and every value from a recipe or a past plan's log reaches the shell as a positional
/// parameter (`sh -c '… "$1"' sh VALUE`), never as script text.
struct ShellScriptTemplateTests {
    /// The script of a shell invocation (`sh -c SCRIPT …`, `bash -ec SCRIPT`), or nil when `argv` runs no script.
    static func script(of argv: [String]) -> String? {
        guard let shell = argv.first?.split(separator: "/").last, ["sh", "bash", "dash", "zsh", "ash"].contains(shell) else { return nil }
        guard let flag = argv.dropFirst().firstIndex(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("c") }),
            flag + 1 < argv.count
        else { return nil }
        return argv[flag + 1]
    }

    /// Every argv a step carries as data: a command step's, a verify step's.
    static func argv(of step: Step) -> [String]? {
        switch step.action {
        case .postInstall(let p): p.argv
        case .verify(let p): [p.binary] + p.arguments
        default: nil
        }
    }

    /// The values a recipe supplies that a plan may carry: names, binaries, packages, versions, paths, URLs.
    static func values(of recipe: Recipe) -> Set<String> {
        var values: Set<String> = [recipe.name, recipe.binary]
        values.formUnion(recipe.aliases)
        if let version = recipe.minimumVersion { values.insert(version) }
        for method in recipe.methods {
            switch method.kind {
            case .packages(let entries):
                for entry in entries.values.compactMap({ $0 }) {
                    values.formUnion(entry.names)
                    values.formUnion([entry.binary, entry.repository, entry.version, entry.channel].compactMap { $0 })
                }
            case .language(let package):
                values.formUnion([package.package, package.binary].compactMap { $0 })
            case .release(let release):
                values.formUnion([release.repository, release.version, release.checksumFile].compactMap { $0 })
                for asset in release.assets.values { values.formUnion([asset.url, asset.path]) }
            case .script(let script):
                values.insert(script.url)
            case .via(let target):
                values.insert(target)
            }
        }
        return values.filter { $0.count >= 2 }
    }

    /// The values of `how` (an install record, as a past plan's log gives it).
    static func values(of how: InstallKind) -> Set<String> {
        switch how {
        case .packages(_, let names): Set(names)
        case .language(_, let package): [package]
        case .file(let path): [path]
        }
    }

    /// Whether `value` appears in `script`: as one of its words, or anywhere when it is a path or URL.
    static func contains(_ script: String, _ value: String) -> Bool {
        if value.contains("/") || value.contains(":") { return script.contains(value) }
        let words = script.split { !($0.isLetter || $0.isNumber || "._+@-".contains($0)) }
        return words.contains { $0 == value }
    }

    /// Every way each recipe can be installed, as the record an uninstall or upgrade would start from.
    static func records(of recipe: Recipe) -> [InstallRecord] {
        recipe.methods.flatMap { method -> [InstallKind] in
            switch method.kind {
            case .packages(let entries):
                return entries.compactMap { key, entry in
                    guard let entry, let manager = PackageManager(rawValue: key) ?? CatalogVocabulary.manager(forDistribution: key)
                    else { return nil }
                    return .packages(manager, entry.names)
                }
            case .language(let package): return [.language(package.installer, package.package)]
            case .release: return [.file("~/.local/bin/" + recipe.binary), .file("/usr/local/bin/" + recipe.binary)]
            case .script, .via: return []
            }
        }.map { InstallRecord(tool: recipe.name, how: $0, source: "plan p-test") }
    }

    /// The shell scripts of `plan` whose text holds one of the values its tools' recipes or `records` supplied.
    static func leaks(in plan: Plan, catalog: Catalog, records: [InstallRecord] = []) -> [String] {
        plan.steps.compactMap { step -> String? in
            guard let argv = argv(of: step), let script = script(of: argv) else { return nil }
            let tools = step.tool.map { [$0] } ?? plan.tools
            var supplied = Set(tools.compactMap { catalog.recipe(named: $0) }.flatMap(values(of:)))
            supplied.formUnion(records.filter { tools.contains($0.tool) }.flatMap { values(of: $0.how) })
            let found = supplied.filter { contains(script, $0) }.sorted()
            return found.isEmpty ? nil : "\(plan.id) \(step.id): `\(script)` holds \(found.joined(separator: ", "))"
        }
    }

    @Test func everyBuiltInPlanKeepsCatalogAndLogValuesOutOfShellScripts() {
        let catalog = TestSupport.catalog
        var leaks: [String] = []
        var scripts = 0
        for profile in NamedProfiles.all {
            let planner = LifecyclePlanner(profile: profile)
            for tool in catalog.toolNames {
                guard let recipe = catalog.recipe(named: tool) else { continue }
                for link in [false, true] {
                    let options = ResolveOptions(linkRenamedBinaries: link)
                    guard let plan = try? Resolver(catalog: catalog).resolve(
                        tools: [tool], profile: profile, planID: PlanID("p-\(profile.name)-\(tool)"), options: options)
                    else { continue }
                    scripts += plan.steps.compactMap { Self.argv(of: $0).flatMap(Self.script(of:)) }.count
                    leaks += Self.leaks(in: plan, catalog: catalog)
                }
                let records = Self.records(of: recipe)
                for record in records {
                    for plan in [
                        planner.removal([record], catalog: catalog, planID: PlanID("p-remove-\(tool)")),
                        planner.upgrade([record], planID: PlanID("p-upgrade-\(tool)")),
                    ] {
                        scripts += plan.steps.compactMap { Self.argv(of: $0).flatMap(Self.script(of:)) }.count
                        leaks += Self.leaks(in: plan, catalog: catalog, records: [record])
                    }
                }
            }
        }
        #expect(scripts > 1000, "expected the plans to hold shell scripts to check, found \(scripts)")
        let leaking = leaks.count
        #expect(leaking == 0, "scripts holding values: \(leaks.prefix(10).joined(separator: "\n"))")
    }

    /// Values carrying a marker the templates cannot hold, through every installer's removal and upgrade and the
    /// name link: no script holds the marker, whatever the seed draws.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func generatedRecordValuesNeverReachAScript(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let marker = "zq\(generator.next() % 1_000_000)x"
        let managers = PackageManager.allCases
        let planner = LifecyclePlanner(profile: TestSupport.profile("debian-container"))
        for manager in managers {
            let names = (0..<Int(1 + generator.next() % 3)).map { "\(marker)-pkg\($0)" }
            let kinds: [InstallKind] = manager.isSystem
                ? [.packages(manager, names)] : [.language(manager, "example.com/\(marker)/cmd"), .language(manager, marker)]
            for how in kinds + [.file("~/.local/bin/\(marker)"), .file("/usr/local/bin/\(marker)")] {
                let record = InstallRecord(tool: "t\(marker)", how: how, source: "plan p-test")
                let plans = [
                    planner.removal([record], catalog: TestSupport.catalog, planID: PlanID("p-remove")),
                    planner.upgrade([record], planID: PlanID("p-upgrade")),
                ]
                for plan in plans {
                    for step in plan.steps {
                        guard let argv = Self.argv(of: step) else { continue }
                        if let script = Self.script(of: argv) {
                            #expect(!script.contains(marker), "\(how): \(step.id) runs `\(script)`")
                        }
                        #expect(argv.filter { $0.contains(marker) }.allSatisfy { !$0.hasPrefix("-") })
                    }
                }
            }
        }
    }
}
