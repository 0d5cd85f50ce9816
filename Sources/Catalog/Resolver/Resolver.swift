import InstallModel

/// Resolves tool names on a system profile into a `Plan` that explains its choices.
public struct Resolver: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// A plan installing `tools` on `profile`; already-installed tools are left out (unless `options.reinstall`).
    ///
    /// Throws `.unknownTool` with suggestions for a name no recipe has, `.unavailable` when no method of a
    /// tool works on the profile. The plan's steps always form a valid DAG ending in verify steps.
    public func resolve(tools: [String], profile: SystemProfile, planID: PlanID, options: ResolveOptions = ResolveOptions())
        throws(CatalogError) -> Plan
    {
        var recipes: [Recipe] = []
        var requests: [String: VersionRequest] = [:]
        for argument in tools {
            let (name, request) = try VersionRequest.split(argument)
            guard let recipe = catalog.recipe(named: name.lowercased()) else {
                throw .unknownTool(name, suggestions: catalog.suggestions(for: name))
            }
            if !recipes.contains(where: { $0.name == recipe.name }) { recipes.append(recipe) }
            if let request {
                if let reports = recipe.verify.reports {
                    throw .versionNotCheckable(tool: recipe.name, request: request.typed, reports: reports)
                }
                requests[recipe.name] = request
            }
        }
        var notes: [String] = []
        var evaluator = MethodEvaluator(catalog: catalog, profile: profile, options: options, requests: requests)
        var chosen: [ToolChoice] = []
        var secondCopies: [String: String] = [:]
        for recipe in recipes {
            let found = options.reinstall ? nil : installed(recipe, options: options)
            if let found,
                requests[recipe.name].map({ request in
                    // A tool prints no package revision: one asked for (`13.0.0-5`) is never confirmed by its output.
                    request.tail == nil && Version.first(in: found).map { request.isMet(by: $0.description) } ?? false
                }) ?? true
            {
                let unknown = Self.binaries(of: recipe).lazy.compactMap(options.installedProbe.notRun).first.map { "version unknown: \($0)" }
                notes.append("\(recipe.name): already installed (\(found.isEmpty ? unknown ?? "version unknown" : found)), left alone; use --reinstall to install it again")
                continue
            }
            if found == nil, let note = otherProgramNote(recipe, options: options) { notes.append(note) }
            var other = options.reinstall ? nil : otherMethodsCopies(recipe, options: options)
            if let other { notes.append(other) }
            switch evaluator.choose(recipe) {
            case .success(let choice):
                if !options.reinstall, let found = requests[recipe.name]?.installedAlready(choice.work, versions: options.packageVersions) {
                    notes.append("\(recipe.name): already installed (\(found)), left alone; use --reinstall to install it again")
                    continue
                }
                if other == nil, let beside = besideCopies(recipe, choice, options: options, asked: options.reinstall || requests[recipe.name] != nil) {
                    notes.append(beside)
                    other = beside
                }
                // The copy a version request replaces is named before consent (truth11 F4); apt's pin names its own.
                if let found, let request = requests[recipe.name], Self.ownCommand(choice) != nil, other == nil {
                    notes.append("\(recipe.name): replaces the installed \(recipe.name) (\(found.isEmpty ? "version unknown" : found)) with the version asked for, \(request.typed)")
                }
                // A second copy is verified where its step puts it, not as whichever copy comes first on PATH (truth11 F13).
                if other != nil, let command = Self.ownCommand(choice) { secondCopies[recipe.name] = command }
                // A release installed again (`--reinstall`, a version asked for) is run where its step put it: the copy
                // first on PATH may be another (an admin's `/usr/local/bin/x`), and would answer for it (trust20 #2).
                // So is one another copy comes before on PATH, and the plan names that copy (trust20 #2).
                if case .release(let spec, _, _) = choice.work, spec.setupCommand == nil {
                    let placed = PlanAssembler.releaseDirectory(profile) + "/" + choice.binary
                    if let shadow = options.installedCopies.copy(shadowing: placed, of: recipe) {
                        notes.append(Self.shadowNote(recipe, binary: choice.binary, placed: placed, by: shadow))
                        secondCopies[recipe.name] = placed
                    } else if options.reinstall || requests[recipe.name] != nil {
                        secondCopies[recipe.name] = placed
                    }
                    // A file already at the release's place is written over: said before consent, not only in the step's
                    // output (truth22 #3: a version request replaced the user's own program silently).
                    if let request = requests[recipe.name], let there = options.installedCopies.copies(of: recipe).first(where: { Self.isPlace($0.path, placed) }) {
                        notes.append(
                            "\(recipe.name): replaces the file at \(there.path)\(found.map { " (\($0))" } ?? "") with the version asked for, "
                                + "\(request.typed); the plan's backups keep a copy of it")
                    }
                }
                chosen.append(choice)
            case .failure(let error): throw error
            }
        }
        let ordered = Self.dependencyOrder(chosen)
        for tool in ordered { notes += overlayNotes(tool) + tool.notes }
        var assembler = PlanAssembler(profile: profile, options: options)
        assembler.requestedVersions = requests.mapValues(\.shownByTool)
        assembler.verifiedCommands = secondCopies
        assembler.add(ordered)
        let (steps, assemblyNotes) = assembler.steps()
        notes += assemblyNotes
        if steps.isEmpty { notes.append("nothing to do: every requested tool is already installed") }
        do {
            _ = try PlanGraph(steps: steps)
        } catch {
            throw .invalidPlan(error)
        }
        var plan = Plan(id: planID, tools: recipes.map(\.name), profile: profile, steps: steps, notes: notes)
        let files = catalog.recordedFiles(tools: ordered.map(\.name), repositories: ordered.compactMap(\.work.repositoryName))
        plan.recipeFiles = files.isEmpty ? nil : files
        return plan
    }

    /// Where a language installer's step puts the tool's command (`~/.local/bin/yamllint` for pipx), or nil.
    /// Whether the absolute `path` is `place` (`~/…` standing for any home).
    static func isPlace(_ path: String, _ place: String) -> Bool {
        place.hasPrefix("~/") ? path.hasSuffix(place.dropFirst()) : path == place
    }

    static func ownCommand(_ choice: ToolChoice) -> String? {
        guard case .language(let package) = choice.work else { return nil }
        return LifecyclePlanner.installedCommand(.language(package.installer, package.package), binary: choice.binary)
    }

    /// What an overlay (`--catalog`) changed about this tool's recipe or the repository it uses.
    func overlayNotes(_ tool: ToolChoice) -> [String] {
        var notes: [String] = []
        if let file = catalog.replacement(ofTool: tool.name) {
            notes.append("\(tool.name): the recipe from the overlay \(file) replaces the built-in one")
        }
        if case .packages(_, _, let repository?) = tool.work, let file = catalog.replacement(ofRepository: repository.name) {
            notes.append("\(tool.name): the \(repository.name) repository from the overlay \(file) replaces the built-in one")
        }
        return notes
    }

    /// The copies `--method M` is about: with M given and the copies here known, only those M installed (apt's
    /// `ruff` is not pipx's); else nil, and any copy on PATH counts.
    func methodsCopies(_ recipe: Recipe, options: ResolveOptions) -> (wanted: String, own: [InstalledCopy], others: [InstalledCopy])? {
        guard let wanted = options.method, wanted != "via" else { return nil }
        let copies = options.installedCopies.copies(of: recipe)
        guard !copies.isEmpty else { return nil }
        let own = copies.filter { $0.how?.isMethod(wanted) == true }
        return (wanted, own, copies.filter { !own.contains($0) })
    }

    /// With `--method M` and no copy of M's here, only others' (apt's `ruff` for `--method pipx`): what is here and
    /// that M's copy is installed beside it, as brew or mise would.
    func otherMethodsCopies(_ recipe: Recipe, options: ResolveOptions) -> String? {
        guard let (wanted, own, others) = methodsCopies(recipe, options: options), own.isEmpty else { return nil }
        return Self.secondCopyNote(recipe, wanted: wanted, here: others, by: "--method \(wanted)")
    }

    /// Without `--method`, a `--reinstall` or a version request (`asked`) whose chosen method is not the one any copy
    /// here came by (apt's mkdocs, then pipx's for `--reinstall`; apt's jq 1.6, then a release for `jq@1.7`) installs a
    /// second copy beside them: said as `--method` says it (truth12 F10, F13).
    func besideCopies(_ recipe: Recipe, _ choice: ToolChoice, options: ResolveOptions, asked: Bool) -> String? {
        guard asked, options.method == nil else { return nil }
        if case .delegated = choice.work { return nil }
        let wanted = choice.work.methodName
        let copies = options.installedCopies.copies(of: recipe)
        guard !copies.isEmpty, !copies.contains(where: { $0.how?.isMethod(wanted) == true }) else { return nil }
        return Self.secondCopyNote(recipe, wanted: wanted, here: copies, by: options.reinstall ? "--reinstall" : "the version asked for")
    }

    /// `jq: installed here as /usr/bin/jq (apt package jq), but not by release: <by> installs release's copy beside it; …`.
    static func secondCopyNote(_ recipe: Recipe, wanted: String, here copies: [InstalledCopy], by: String) -> String {
        let here = copies.map { copy in copy.path + (copy.how.map { " (\($0))" } ?? " (not installed by a method evlog knows)") }
        return "\(recipe.name): installed here as \(here.joined(separator: ", ")), but not by \(wanted): "
            + "\(by) installs \(wanted)'s copy beside it; the one first on PATH runs, and "
            + "`evlog uninstall --method \(wanted) \(recipe.name)` removes it again"
    }

    /// `atkcanary: /usr/local/bin/atkcanary (not installed by a method evlog knows) comes first on PATH: …`: the copy a bare
    /// name runs instead of the release this plan places.
    static func shadowNote(_ recipe: Recipe, binary: String, placed: String, by shadow: InstalledCopy) -> String {
        "\(recipe.name): \(shadow.path) (\(shadow.how.map { "\($0)" } ?? "not installed by a method evlog knows")) comes before \(placed) on PATH, "
            + "so a bare `\(binary)` runs that copy, not the one this plan installs; this plan's verify and post-install commands "
            + "run \(placed)"
    }

    /// The version line of an installed copy that satisfies the recipe, or nil: of a copy `--method` installed when
    /// one is given and the copies are known (`methodsCopies`), else of the first on PATH.
    func installed(_ recipe: Recipe, options: ResolveOptions) -> String? {
        let commands = methodsCopies(recipe, options: options).map { $0.own.map(\.path) } ?? Self.binaries(of: recipe)
        for binary in commands {
            guard case .line(let line) = InstalledVersion.reading(recipe, binary: binary, with: options.installedProbe) else { continue }
            guard let minimum = recipe.minimumVersion.flatMap(Version.init) else { return line }
            if let found = Version.first(in: line), found >= minimum { return line }
        }
        return nil
    }

    /// Said when a command of the tool's name is on PATH but is another program (truth20 #1: Debian's Python `yq`
    /// for mikefarah's): where it is, what owns it, what it printed; the plan installs the tool all the same.
    func otherProgramNote(_ recipe: Recipe, options: ResolveOptions) -> String? {
        for binary in Self.binaries(of: recipe) {
            guard case .otherProgram(let printed) = InstalledVersion.reading(recipe, binary: binary, with: options.installedProbe) else { continue }
            let copy = options.installedCopies.copies(of: recipe).first { $0.path.hasSuffix("/" + binary) }
            let place = copy.map { $0.path + ($0.how.map { " (\($0))" } ?? "") } ?? binary
            return "\(recipe.name): the \(binary) on PATH, \(place), is another program, not \(recipe.name) (its version output "
                + "\"\(printed)\" does not match the recipe's verify pattern); this plan installs \(recipe.name) beside it, and the one "
                + "first on PATH runs"
        }
        return nil
    }

    /// The recipe's binary and every other name a method installs it under (`fdfind`, `batcat`).
    public static func binaries(of recipe: Recipe) -> [String] {
        var names = [recipe.binary]
        for method in recipe.methods {
            var other: [String?] = []
            switch method.kind {
            case .packages(let entries): other = entries.values.map { $0?.binary }
            case .language(let package): other = [package.binary]
            default: break
            }
            for name in other.compactMap({ $0 }).sorted() where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Every tool after the tools it needs, each once, in request order otherwise.
    static func dependencyOrder(_ roots: [ToolChoice]) -> [ToolChoice] {
        var ordered: [ToolChoice] = []
        var seen: Set<String> = []
        func visit(_ tool: ToolChoice) {
            guard !seen.contains(tool.name) else { return }
            seen.insert(tool.name)
            for dependency in tool.dependencies { visit(dependency) }
            ordered.append(tool)
        }
        for root in roots { visit(root) }
        return ordered
    }
}
