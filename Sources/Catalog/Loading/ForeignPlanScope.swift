import InstallModel

/// What a plan from another host's log may touch beyond its own steps' values, judged from its tools in evlog's
/// catalog (trust13 #5): a cleanup removes only its tools' programs and links and the files of repositories its own
/// steps set up; a service step acts only on a service a recipe of its tools names, with an action recipes take.
struct ForeignPlanScope {
    let files: Set<String>
    let services: Set<String>
    /// The system the plan was made for: what the catalog's holes (`{arch}`, `{version}`) are filled from.
    let profile: SystemProfile
    /// The user the plan was made for (`{user}`), as its environment records it; empty in logs that record none.
    let userName: String

    init(_ plan: Plan, catalog: Catalog) {
        profile = plan.profile
        userName = plan.environment?.user ?? ""
        let recipes = plan.tools.compactMap { catalog.recipe(named: $0) }
        let names = Set(recipes.flatMap { Resolver.binaries(of: $0) + [$0.binary] })
        let directories = [PlanAssembler.userBinDirectory, PlanAssembler.systemBinDirectory]
        var files = Set(directories.flatMap { directory in names.map { directory + "/" + $0 } })
        for step in plan.steps {
            if case .repoSetup(let parameters) = step.action {
                files.formUnion([parameters.keyringPath, parameters.sourcePath].compactMap { $0 })
            }
        }
        self.files = files
        services = Set(recipes.flatMap { recipe in
            recipe.methods.flatMap(\.postInstall).compactMap { item -> String? in
                if case .service(let name, _) = item { name } else { nil }
            }
        })
    }

    /// Why `step` reaches beyond the plan's tools, or nil.
    func problem(with step: Step) -> String? {
        switch step.action {
        case .cleanup(let parameters):
            guard let stray = parameters.paths.first(where: { !files.contains($0) }) else { return nil }
            return "removes \(GrammarText.shown(stray)), which is not a program, link or repository file of this plan's tools"
        case .service(let parameters):
            guard !services.contains(parameters.name) || ![.enable, .start, .restart].contains(parameters.action) else { return nil }
            return "\(parameters.action.rawValue)s the service \(GrammarText.shown(parameters.name)), which no recipe of this plan's tools names with that action"
        default:
            return nil
        }
    }
}
