import InstallModel

/// The rules a plan read from another host's log meets before `resume`/`remedy` show it and ask (integrity10
/// finding 2): the log is text its author wrote, so evlog — not the log — decides how risky each step is, as it does
/// for an overlay's commands (`OverlayCommandPolicy`).
///
/// - Each step's risk is at least evlog's own: what `Step.inferredRisk` gives it (root counts when the step says
///   so or evlog itself runs as root), and high for a post-install command run as root or through an interpreter,
///   and for an installer script or a build (code the log names). The log may raise a risk, never lower it.
/// - A `verify` step is the one evlog's own catalog makes for its tool (`catalog`: the recipe's verify command, or its
///   arguments given to one of its binaries), or it asks its binary for a version and nothing more
///   (`OverlayCommandPolicy.probeProblem`): an interpreter or command runner gets its version option alone
///   (`node --version`), never code (`sh -c …`) or a script's name.
/// The rules hold for a step's rollback steps too: they run when it fails.
public enum ForeignPlanPolicy {
    /// `plan` with every step's risk raised to evlog's floor, or why evlog will not run it (one line).
    public static func checked(_ plan: Plan, runsAsRoot: Bool, catalog: Catalog) throws(ForeignPlanRefusal) -> Plan {
        var result = plan
        result.steps = try checked(plan.steps, runsAsRoot: runsAsRoot, catalog: catalog, scope: ForeignPlanScope(plan, catalog: catalog))
        return result
    }

    private static func checked(_ steps: [Step], runsAsRoot: Bool, catalog: Catalog, scope: ForeignPlanScope) throws(ForeignPlanRefusal) -> [Step] {
        var result = steps
        for index in result.indices {
            let step = result[index]
            if let problem = scope.problem(with: step) ?? policyProblem(step, catalog: catalog) {
                throw ForeignPlanRefusal(message: "step \(GrammarText.shown(step.id.rawValue)): \(problem)")
            }
            // The consent names what the step does in evlog's words, not the log's label for it (trust13 #5).
            result[index].label = "\(step.kind.rawValue): " + PlanText.detail(step.action)
            result[index].risk = max(step.risk, riskFloor(of: step, runsAsRoot: runsAsRoot, catalog: catalog, scope: scope))
            result[index].rollback = try checked(step.rollback, runsAsRoot: runsAsRoot, catalog: catalog, scope: scope)
        }
        return result
    }

    /// What is wrong with `step` of a log from elsewhere, or nil: the one check of a recorded step, made where
    /// `evlog import` reads a log and where `resume FILE --key` continues one (trust13 #8) — its values pass the
    /// recipes' grammars (its id `RecordedPlanGrammar`'s, the rest `Step.problemAsRecorded`), a `verify` is the catalog's own or asks for a version and
    /// nothing more, a release installs under no system program's name.
    ///
    /// `judgingID` false (`evlog import`, which keeps a record and runs nothing): a step id off the grammar is kept, shown
    /// escaped by every reader, and refused by what would act on it (`resume`, `remedy`), which judge it.
    public static func stepProblem(_ step: Step, catalog: Catalog, judgingID: Bool = true) -> String? {
        (judgingID ? RecordedPlanGrammar.stepIDProblem(step.id.rawValue).map { "id: \($0)" } : nil)
            ?? step.problemAsRecorded ?? policyProblem(step, catalog: catalog)
    }

    /// The first of `plan`'s own steps with a problem, and what it is, or nil: `stepProblem`, and whether the step
    /// reaches beyond the plan's tools (`ForeignPlanScope`: a cleanup of other files, a service no recipe names) —
    /// the one check `evlog import` and `resume FILE --key` make of a plan from elsewhere (trust16 #6).
    public static func planProblem(_ plan: Plan, catalog: Catalog, judgingIDs: Bool = true) -> (step: StepID, problem: String)? {
        let scope = ForeignPlanScope(plan, catalog: catalog)
        for step in plan.steps {
            if let problem = stepProblem(step, catalog: catalog, judgingID: judgingIDs) ?? scope.problem(with: step) { return (step.id, problem) }
        }
        return nil
    }

    /// What `stepProblem` adds to the recipes' grammars: a verify that is not the catalog's own asks for a version and
    /// nothing more; a release installs under no system program's name.
    static func policyProblem(_ step: Step, catalog: Catalog) -> String? {
        switch step.action {
        case .verify(let verify) where !isCatalogsOwn(verify, tool: step.tool, catalog: catalog):
            return verifyProblem(verify).map { "verify \($0)" }
        case .githubRelease(let release):
            return releaseNameProblem(release, tool: step.tool, catalog: catalog)
        default:
            return nil
        }
    }

    /// The least risk evlog gives `step` of a foreign plan.
    static func riskFloor(of step: Step, runsAsRoot: Bool, catalog: Catalog, scope: ForeignPlanScope) -> Risk {
        let asRoot = step.needsRoot || runsAsRoot
        let inferred = Step.inferredRisk(needsRoot: asRoot, restartRequired: step.restartRequired)
        switch step.action {
        case .postInstall(let command):
            let throughInterpreter = command.argv.first.map { CommandRunnerName.problem(with: $0) != nil } ?? true
            // A directory the log chooses holds files the command may read as its own (a project's settings).
            return asRoot || throughInterpreter || command.workingDirectory != nil ? .high : inferred
        case .tool, .build:
            // An installer script fed to `sh`, a build's own scripts: code the log names, run as through an interpreter.
            return .high
        case .shellConfig, .repoSetup, .service:
            // What every later shell runs, where the package manager fetches from, a system service: high when evlog
            // plans them itself (`PlanAssembler`), so never less in a log (trust12 #13).
            return .high
        case .cleanup:
            return asRoot ? .high : max(inferred, .medium)
        case .githubRelease(let release):
            // A program is low only when its bytes are pinned as evlog's catalog pins them: a digest the log carries
            // pins them to what the log's author chose (trust13 #10), and bytes nobody pinned are anyone's.
            let pinned = release.sha256 != nil || release.checksumFileURL != nil
            return pinned && isCatalogsOwn(release, tool: step.tool, catalog: catalog, scope: scope) ? inferred : .high
        default:
            return inferred
        }
    }

    /// Why a foreign release may not install under its name, or nil: a name that is not one of the catalog's binaries
    /// for the tool and is a program the system has (`sudo`, `ls` in ~/.local/bin would run instead of the system's:
    /// trust12 #15).
    static func releaseNameProblem(_ release: GitHubReleaseParameters, tool: String?, catalog: Catalog) -> String? {
        let own = tool.flatMap { catalog.recipe(named: $0) }.map(Resolver.binaries(of:)) ?? []
        return SystemProgram.standInProblem(release.installedName, ownNames: own)
    }

    /// Whether `release` downloads an asset evlog's own catalog names for `tool`, pinned as the catalog pins it: its
    /// URL and checksum file with their holes filled as the planner fills them for the plan's system and user
    /// (`ReleaseSpec.filled`).
    static func isCatalogsOwn(_ release: GitHubReleaseParameters, tool: String?, catalog: Catalog, scope: ForeignPlanScope) -> Bool {
        guard let tool, let recipe = catalog.recipe(named: tool) else { return false }
        return recipe.methods.contains { method in
            guard case .release(let spec) = method.kind else { return false }
            return spec.assets.values.contains { asset in
                let filled = spec.filled(asset, profile: scope.profile, userName: scope.userName)
                return filled.asset.url == release.assetURL && asset.sha256 == release.sha256
                    && (release.checksumFileURL == nil || release.checksumFileURL == filled.checksumFile)
            }
        }
    }

    /// Whether `verify` is the check evlog's own catalog makes for `tool` (`PlanAssembler`): the recipe's verify
    /// command, or its verify arguments given to one of the recipe's binaries — by name, or as the file a language
    /// installer of the recipe places (`~/.local/bin/yamllint`, a second copy verified where its step put it).
    static func isCatalogsOwn(_ verify: VerifyParameters, tool: String?, catalog: Catalog) -> Bool {
        guard let tool, let recipe = catalog.recipe(named: tool) else { return false }
        if let command = recipe.verify.command { return verify.binary == command.first && verify.arguments == Array(command.dropFirst()) }
        let placed = recipe.methods.compactMap { method -> String? in
            guard case .language(let package) = method.kind else { return nil }
            return LifecyclePlanner.installedCommand(.language(package.installer, package.package), binary: package.binary ?? recipe.binary)
        }
        return verify.arguments == recipe.verify.arguments && (Resolver.binaries(of: recipe) + placed).contains(verify.binary)
    }

    /// Why a foreign `verify` step that is not the catalog's own may not run, or nil: its arguments ask its binary for
    /// more than a version, or an interpreter for more than its version option.
    static func verifyProblem(_ verify: VerifyParameters) -> String? {
        let outsideSystem = OverlayCommandPolicy.systemDirectoryProblem(verify.binary).map { _ in
            "is not under a system program directory (a file the log names, run with no consent asked for it)"
        }
        // What evlog writes itself is accepted, a second copy's own file in ~/.local/bin included (truth9's F13 fix).
        if let problem = CommandNameGrammar.problem(withRecordedCommand: verify.binary) ?? outsideSystem {
            return "binary \(GrammarText.shown(verify.binary)) \(problem)"
        }
        let arguments = verify.arguments
        let isRunner = CommandRunnerName.problem(with: verify.binary) != nil
        // To an interpreter a bare word is a script to run (`node version` runs ./version.js), and what other options
        // do is its own: it gets its version option alone.
        let problem = OverlayCommandPolicy.probeProblem(arguments, of: verify.binary)
            ?? (isRunner && (arguments.count != 1 || !arguments[0].hasPrefix("-"))
                ? "verify arguments \(GrammarText.shown(arguments.joined(separator: " "))) are not one version option, all an interpreter is given" : nil)
        guard let problem else { return nil }
        let runner = isRunner ? " (an interpreter or command runner)" : ""
        return "of \(GrammarText.shown(verify.binary))\(runner): \(problem); a log's plan is refused as an overlay's would be"
    }
}

/// Why a foreign plan is not run: one line, naming the step and the rule it breaks.
public struct ForeignPlanRefusal: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
