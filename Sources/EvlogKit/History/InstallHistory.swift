import Catalog
import Foundation
import InstallModel
import Orchestrator

/// What the plan logs under a home say about each tool: installed (and how) or removed since; later plans win.
/// Only what happened counts: a simulated plan (`--simulate`, and reproductions, which are simulations
/// of a log) changed nothing on this machine and is not history, and an imported log (`evlog import`)
/// says what ran elsewhere, whatever its events claim.
public struct InstallHistory {
    /// Tools a past plan installed (or found installed) and no later plan removed, by name.
    public private(set) var installed: [String: InstallRecord?] = [:]
    /// Tools the newest real plan naming them found already on the machine (and no evlog install added since),
    /// with that plan: the user's own, which uninstall leaves alone.
    public private(set) var foundPresent: [String: PlanID] = [:]
    /// Shell-profile blocks evlog wrote for a tool that no evlog install of it owns, and no later plan removed: the
    /// plan in `foundPresent` found the user's own tool (a version request over the user's pipx tool that put
    /// ~/.local/bin on PATH, truth11 F4), or the plan stopped before its install step finished. The lines are evlog's
    /// though the tool is not: `uninstall` removes them and leaves the tool; a later install of the tool adopts them.
    public private(set) var strayBlocks: [String: AddedShellBlock] = [:]
    /// Tools that only simulated plans installed, no real plan named, with the newest such plan: what
    /// `uninstall` and `upgrade` say instead of acting on a tool this machine got some other way.
    public private(set) var simulatedOnly: [String: PlanID] = [:]
    /// Tools whose release binary a plan wrote over a file that was already there (the plan recorded it), with
    /// that file and plan, when no earlier plan installed it: the file is the user's, not evlog's to remove.
    public private(set) var replacedFiles: [String: (path: String, plan: PlanID)] = [:]

    /// Tools an uninstall plan began removing and did not finish (its remove step cut off mid-way, or failed), and
    /// no later plan removed or installed: what the machine has of them is what its package manager says now, and
    /// that plan's `evlog resume` finishes the removal (truth12 F14: `outdated` called a tool purged mid-way installed).
    public private(set) var unfinishedRemovals: [String: UnfinishedStep] = [:]
    /// Tools no evlog install of which is on record, that a plan was installing when its step was cut off mid-way
    /// (truth12 F6, F18: a pipx install killed after pipx finished, the tool then called "not installed by evlog"):
    /// what it installed is uncertain until `evlog resume` of that plan finishes it.
    public private(set) var cutOffInstalls: [String: UnfinishedStep] = [:]

    /// The plan whose log says how each tool in `installed` got there (its install, or the plan that found it
    /// unreadable): with `foundPresent`, `replacedFiles` and the shell blocks, the logs `prune` must keep.
    public private(set) var recordedBy: [String: PlanID] = [:]

    /// Earlier installs of a tool by another method that are still there (jq by apt, then by pipx: the apt one),
    /// oldest first, with their plans; `installed` holds the newest. Uninstalling by one method leaves the others.
    public private(set) var otherInstalls: [String: [(record: InstallRecord, plan: PlanID)]] = [:]

    /// Every install of `tool` evlog made that is still there, one per method, the newest first.
    public func installs(of tool: String) -> [InstallRecord] {
        guard case .some(.some(let newest)) = installed[tool] else { return [] }
        return [newest] + (otherInstalls[tool] ?? []).reversed().map(\.record)
    }

    /// The plans whose logs are the record of what is on this machine now: uninstall, upgrade and outdated read
    /// them, and without them a tool evlog installed would look like the user's.
    public var recordPlans: Set<PlanID> {
        let tools = Set(installed.keys).union(recordedBy.keys).union(foundPresent.keys).union(replacedFiles.keys).union(otherInstalls.keys)
            .union(strayBlocks.keys)
        return plansBehind(Array(tools))
    }

    /// How the installed tools other than `tools` were installed (what uninstalling `tools` must leave working).
    public func others(than tools: [String]) -> [InstallRecord] {
        installed.filter { !tools.contains($0.key) }.sorted { $0.key < $1.key }.compactMap { $0.value }
    }

    /// For an install plan about to run: a note for each tool it installs by another method than an install evlog
    /// already made of it (jq by apt, now by pipx), saying both stay on record and how to remove either.
    public func secondMethodNotes(for plan: Plan, catalog: Catalog) -> [String] {
        plan.tools.compactMap { tool in
            guard case .added(let planned) = Self.installStep(tool, plan: plan, state: PlanState(), catalog: catalog) else { return nil }
            let others = installs(of: tool).filter { $0.how.methodName != planned.how.methodName }
            guard !others.isEmpty else { return nil }
            return "\(tool) is already installed by evlog as " + others.map { "\($0.how) (\($0.source))" }.joined(separator: ", ")
                + "; this installs a second copy as \(planned.how): both stay on record, the one first on PATH runs, and "
                + "`evlog uninstall --method \(planned.how.methodName) \(tool)` removes this one"
        }
    }

    /// Reads every log under `home`; unreadable logs are skipped (`evlog verify` is the place to look at them).
    public static func load(home: String, catalog: Catalog) -> InstallHistory {
        InstallHistory(plans: plans(home: home), catalog: catalog)
    }

    /// The plans this machine ran under `home`, oldest first; imported logs and logs another home created are not
    /// among them, and unreadable logs are skipped (`evlog verify` is the place to look at them).
    public static func plans(home: String) -> [PlanState] {
        var plans: [(time: Int64, state: PlanState)] = []
        let created = CreatedPlans(archive: PlanArchive(home: home)).read()
        // A log another home created (continued here with `resume FILE --key`) holds steps done on that host: what it
        // says was installed is not this machine's to upgrade or remove (integrity10 finding 19). A log naming no home
        // is this home's only when its record of created plans lists it (trust12 #8: one written by hand named none,
        // and its recorded package changes became this home's to purge) — or, in a home from before that record, as
        // every log there was then.
        let legacy = !created.isKept
        for log in PlanLog.all(home: home) where !log.wasImported && (created.wrote(log) || (legacy && log.creatingHome == nil)) {
            guard let state = try? log.stateFromLastCheckpoint(), let created = state.createdAt else { continue }
            plans.append((created.microseconds, state))
        }
        return plans.sorted { $0.time < $1.time }.map(\.state)
    }

    /// What `plans` (oldest first) say, later real plans winning; simulated plans only note what they named.
    public init(plans: [PlanState], catalog: Catalog) {
        var namedByRealPlans = Set<String>()
        for state in plans {
            guard let plan = state.plan else { continue }
            guard plan.simulation == nil else {
                for tool in plan.tools where plan.step(StepID("remove-\(tool)")) == nil { simulatedOnly[tool] = plan.id }
                continue
            }
            namedByRealPlans.formUnion(plan.tools)
            forgetRemovedBlocks(plan: plan, state: state)
            for tool in plan.tools { note(tool, plan: plan, state: state, catalog: catalog) }
        }
        for tool in namedByRealPlans { simulatedOnly[tool] = nil }
    }

    private mutating func note(_ tool: String, plan: Plan, state: PlanState, catalog: Catalog) {
        let done = { (id: String) in state.step(StepID(id))?.status == .done }
        if let removal = plan.step(StepID("remove-\(tool)")) {
            let status = state.step(removal.id)?.status
            if [.running, .uncertain, .failed].contains(status) {
                unfinishedRemovals[tool] = UnfinishedStep(purpose: .removal, plan: plan.id, step: removal.id, cutOff: status != .failed)
            }
            if done("remove-\(tool)") {
                unfinishedRemovals[tool] = nil
                cutOffInstalls[tool] = nil
                // A removal by one method, when another method's install is there too, leaves that one.
                let method = removal.lock?.rawValue ?? "file"
                if var others = otherInstalls[tool], !others.isEmpty {
                    if case .some(.some(let newest)) = installed[tool], newest.how.methodName == method {
                        let next = others.removeLast()
                        installed[tool] = .some(next.record)
                        recordedBy[tool] = next.plan
                    } else {
                        others.removeAll { $0.record.how.methodName == method }
                    }
                    otherInstalls[tool] = others.isEmpty ? nil : others
                    return
                }
                installed[tool] = nil
                replacedFiles[tool] = nil
                foundPresent[tool] = nil
                strayBlocks[tool] = nil
                recordedBy[tool] = nil
            }
            return
        }
        // An uninstall that only removed the lines a stray block added installed nothing (`forgetRemovedBlocks`).
        if plan.purpose == .uninstall || plan.step(StepID("upgrade-\(tool)")) != nil { return }
        // A plan paused after the install (a new shell for PATH) still installed the tool; one stopped later (a failed
        // verify, an interruption) still installed what its step recorded adding, batched with other tools or not
        // (repro13 F10: uninstall called such a tool "not installed by evlog").
        let installation = Self.installation(tool, plan: plan, state: state, catalog: catalog)
        if state.status != .pending { cutOffInstalls[tool] = nil }
        guard state.status == .done || state.status == .empty || state.finishedAnInstallStep(of: tool) || installation.isRecordedAddition else {
            // One that stopped before it (interrupted, failed) may still have written its block: evlog's to remove.
            if case .some(.some) = installed[tool] { return }
            if let open = Self.cutOffInstallStep(of: tool, plan: plan, state: state) {
                cutOffInstalls[tool] = UnfinishedStep(purpose: .install, plan: plan.id, step: open, cutOff: true)
            }
            if let block = Self.writtenBlock(plan: plan, state: state) { strayBlocks[tool] = block }
            return
        }
        switch installation {
        case .added(var record):
            // A reinstall that found the earlier install's shell block in place leaves that block the one to remove.
            if record.shellBlock == nil, case .some(.some(let earlier)) = installed[tool] { record.shellBlock = earlier.shellBlock }
            // One that found a stray block of an earlier plan for it in place makes that block its own.
            if record.shellBlock == nil { record.shellBlock = strayBlocks[tool] }
            if case .file(let path) = record.how, Self.existedBefore(path, plan: plan), Self.placedOver(installed[tool], record) != true {
                // The plan wrote over a file that was there: evlog installed it only if an earlier plan says so.
                if case .some(.some) = installed[tool] { return }
                installed[tool] = .some(nil)
                replacedFiles[tool] = (path, plan.id)
                return
            }
            // An install by another method than the one already there is a second copy: both stay on record.
            if case .some(.some(let earlier)) = installed[tool], earlier.how.methodName != record.how.methodName, let earlierPlan = recordedBy[tool] {
                otherInstalls[tool, default: []].append((earlier, earlierPlan))
            }
            otherInstalls[tool]?.removeAll { $0.record.how.methodName == record.how.methodName }
            unfinishedRemovals[tool] = nil
            installed[tool] = .some(record)
            recordedBy[tool] = plan.id
            foundPresent[tool] = nil
            strayBlocks[tool] = nil
            replacedFiles[tool] = nil
        case .alreadyPresent:
            // evlog's own earlier install stays what uninstall undoes; otherwise the tool is the user's.
            if case .some(.some) = installed[tool] { return }
            installed[tool] = .some(nil)
            foundPresent[tool] = plan.id
            strayBlocks[tool] = Self.writtenBlock(plan: plan, state: state) ?? strayBlocks[tool]
        case .unreadable:
            installed[tool] = .some(nil)
            recordedBy[tool] = plan.id
            foundPresent[tool] = nil
            strayBlocks[tool] = nil
        }
    }

    /// The step of `plan` that installs `tool` (its own, or a batched packages step) when it started and never ended.
    private static func cutOffInstallStep(of tool: String, plan: Plan, state: PlanState) -> StepID? {
        let installing: Set<StepKind> = [.packages, .tool, .githubRelease, .install]
        return plan.steps.first { step in
            installing.contains(step.kind) && (step.tool == tool || (step.tool == nil && step.kind == .packages))
                && [.running, .uncertain].contains(state.step(step.id)?.status)
        }?.id
    }

    /// Forgets the stray blocks a plan's done `remove-shell-block-…` steps took out of the profile.
    private mutating func forgetRemovedBlocks(plan: Plan, state: PlanState) {
        for step in plan.steps where state.step(step.id)?.status == .done {
            guard case .shellConfig(let parameters) = step.action, parameters.removeBlock == true, let removed = parameters.blockPlan else { continue }
            strayBlocks = strayBlocks.filter { $0.value.plan != removed }
        }
    }

    /// What a plan's log says of its install of one tool.
    private enum Installation {
        /// It installed the tool, this way.
        case added(InstallRecord)
        /// It found the tool already there and added nothing: no install step, its step skipped, or a package set
        /// recorded before and after the step that did not gain the tool's packages.
        case alreadyPresent
        /// It installed the tool in a way no record describes, or its values fail the recipes' grammars.
        case unreadable

        /// An install its step recorded in the package set it changed (recorded whatever the plan did next).
        var isRecordedAddition: Bool {
            if case .added(let record) = self { record.pulledIn != nil } else { false }
        }
    }

    /// How the plan installed `tool`, from its own step, with the repositories and shell block the plan added
    /// for it.
    private static func installation(_ tool: String, plan: Plan, state: PlanState, catalog: Catalog) -> Installation {
        switch installStep(tool, plan: plan, state: state, catalog: catalog) {
        case .added(let record):
            return self.record(record, tool: tool, plan: plan, state: state, catalog: catalog).map(Installation.added) ?? .unreadable
        case let other: return other
        }
    }

    /// The record with the links, repositories and shell block the plan added for the tool; nil when a log
    /// (untrusted) holds values that fail the recipes' grammars. A shell block counts only when the plan's step
    /// wrote it: a step skipped because an earlier plan's block was there added nothing.
    private static func record(_ found: InstallRecord, tool: String, plan: Plan, state: PlanState, catalog: Catalog) -> InstallRecord? {
        var record = found
        guard record.how.problemAsRecorded == nil else { return nil }
        if let link = plan.step(InstallRecord.linkStepID(tool: tool)), let usual = catalog.recipe(named: tool)?.binary {
            record.links = [InstallRecord.linkPath(usualName: usual)]
            if case .postInstall(let command) = link.action {
                record.linkedCommand = CommandNameLink.installedCommand(inRecordedArgv: command.argv)
            }
        }
        record.repositories = plan.steps.compactMap { step -> RepoSetupParameters? in
            guard case .repoSetup(let parameters) = step.action, parameters.problemAsRecorded == nil else { return nil }
            let usedByTool = step.tool == tool || plan.steps.contains { $0.dependsOn.contains(step.id) && uses($0, tool, record.how) }
            return usedByTool ? parameters : nil
        }
        record.shellBlock = writtenBlock(plan: plan, state: state)
        record.undoCommands = undoCommands(tool, plan: plan, state: state, catalog: catalog)
        record.joinedGroups = plan.steps.compactMap { step -> GroupJoin? in
            guard step.tool == tool, step.id.rawValue.hasPrefix("group-"), case .postInstall(let command) = step.action,
                state.step(step.id)?.status == .done
            else { return nil }
            return GroupJoin(argv: command.argv)
        }
        return record
    }

    /// The inverses (`CommandSpec.undo`) of the tool's post-install commands this plan ran to the end, matched by the
    /// argv its log recorded against the recipe's commands (truth20 #9: `git lfs install` → `git lfs uninstall`).
    private static func undoCommands(_ tool: String, plan: Plan, state: PlanState, catalog: Catalog) -> [[String]] {
        let specs = catalog.recipe(named: tool)?.methods.flatMap(\.postInstall).compactMap { item -> (argv: [String], undo: [String])? in
            if case .command(let spec) = item, let undo = spec.undo { (spec.argv, undo) } else { nil }
        } ?? []
        return plan.steps.compactMap { step -> [String]? in
            guard step.tool == tool, step.id.rawValue.hasPrefix("post-"), case .postInstall(let command) = step.action,
                state.step(step.id)?.status == .done
            else { return nil }
            return specs.first { $0.argv == command.argv }?.undo
        }
    }

    /// Whether `record` placed its file over evlog's own earlier install of the same file (`install X; install X@v`):
    /// then the latest plan's bytes and digest are the record uninstall checks (truth20 #14); nil with no earlier install.
    private static func placedOver(_ earlier: InstallRecord??, _ record: InstallRecord) -> Bool? {
        guard case .some(.some(let earlier)) = earlier else { return nil }
        return earlier.how == record.how
    }

    /// The block the plan's `shell_config` step wrote, when that step ran (one skipped because an earlier plan's
    /// block was there wrote none).
    private static func writtenBlock(plan: Plan, state: PlanState) -> AddedShellBlock? {
        plan.steps.lazy.compactMap { step -> AddedShellBlock? in
            guard case .shellConfig(let parameters) = step.action, parameters.removeBlock != true, step.problemAsRecorded == nil,
                state.step(step.id)?.status == .done
            else { return nil }
            return AddedShellBlock(plan: plan.id, shell: parameters.shell, pathEntries: parameters.pathEntries)
        }.first
    }

    /// Whether the plan's environment (`FileFacts`) recorded `path` as there before the plan ran; a plan without
    /// a recorded environment (older logs) cannot say, and counts as not.
    private static func existedBefore(_ path: String, plan: Plan) -> Bool {
        guard let environment = plan.environment else { return false }
        let expanded = PlanEnvironment.expandingHome(path, userHome: environment.userHome)
        return environment.files.contains { $0.path == expanded }
    }

    /// Whether `step` is the one that installed `tool` (`how`): the tool's own step or a packages step naming its packages.
    private static func uses(_ step: Step, _ tool: String, _ how: InstallKind) -> Bool {
        if step.tool == tool { return true }
        guard case .packages(let parameters) = step.action, case .packages(_, let names) = how else { return false }
        return parameters.packages.map(InstallKind.packageName).contains { names.contains($0) }
    }

    /// What the step that installed `tool` did, as the plan's log says: the packages it recorded adding when it
    /// recorded a package set (a log of an older evlog did not: then the step's own names).
    private static func installStep(_ tool: String, plan: Plan, state: PlanState, catalog: Catalog) -> Installation {
        let source = "plan \(plan.id.rawValue)"
        for step in plan.steps where step.tool == tool || step.id.rawValue.hasSuffix("-packages") {
            let stepState = state.step(step.id)
            let change = stepState?.packageChange
            switch step.action {
            case .tool(let parameters) where step.tool == tool:
                guard let installer = parameters.installer, let raw = parameters.package else { continue }
                if stepState?.status == .skipped || change?.added.isEmpty == true { return .alreadyPresent }
                return .added(InstallRecord(tool: tool, how: .language(installer, ToolParameters.unpinned(raw, installer: installer)), source: source, pulledIn: change.map { _ in [] }))
            case .githubRelease(let parameters) where step.tool == tool:
                // The digest counts only for the file the step names, and only in the shape evlog writes (a log is input).
                let digest = stepState?.installedFile.flatMap { $0.path == parameters.installedPath && $0.isWellFormed ? $0.sha256 : nil }
                return .added(InstallRecord(tool: tool, how: .file(parameters.installedPath), source: source, fileSHA256: digest))
            case .packages(let parameters):
                let named = parameters.packages.map(InstallKind.packageName)
                let mine = packages(of: tool, on: plan.profile, catalog: catalog, manager: parameters.manager)
                let names = named.filter { step.tool == tool || mine.contains($0) }
                guard !names.isEmpty else { continue }
                if stepState?.status == .skipped { return .alreadyPresent }
                // Ownership comes only from what a step recorded adding: a `--reinstall` that recorded no change (a
                // manager evlog reads no package set of) proves nothing was added (truth12 F15).
                guard let change else {
                    if parameters.reinstall == true { return .alreadyPresent }
                    return .added(InstallRecord(tool: tool, how: .packages(parameters.manager, names), source: source))
                }
                let own = names.filter(change.added.contains)
                guard !own.isEmpty else { return .alreadyPresent }
                let pulledIn = change.added.filter { !named.contains($0) }
                return .added(
                    InstallRecord(
                        tool: tool, how: .packages(parameters.manager, own), source: source, pulledIn: pulledIn,
                        keepConfig: change.hadConfig, sharedWith: step.tool == tool ? [] : plan.tools.filter { $0 != tool }))
            default: continue
            }
        }
        // No step installed it: the plan found it installed. A step of a kind no record describes: unknown.
        return plan.steps.contains { $0.tool == tool && $0.kind != .verify } ? .unreadable : .alreadyPresent
    }

    /// The packages `tool` alone resolves to on `profile` with `manager` (to split a batched packages step).
    private static func packages(of tool: String, on profile: SystemProfile, catalog: Catalog, manager: PackageManager) -> [String] {
        var options = ResolveOptions(reinstall: true)
        options.method = manager.rawValue
        guard let plan = try? Resolver(catalog: catalog).resolve(tools: [tool], profile: profile, planID: PlanID("p-history"), options: options)
        else { return [] }
        return plan.steps.flatMap { step -> [String] in
            if case .packages(let parameters) = step.action { return parameters.packages.map(InstallKind.packageName) }
            return []
        }
    }
}

/// A plan's step that began installing or removing a tool and did not finish.
public struct UnfinishedStep: Equatable, Sendable {
    /// What the plan was doing to the tool.
    public enum Purpose: Sendable { case install, removal }

    public var purpose: Purpose
    /// The plan.
    public var plan: PlanID
    /// Its step that installs or removes the tool.
    public var step: StepID
    /// The step was cut off mid-way (a signal, a crash): what it did is uncertain; otherwise it failed.
    public var cutOff: Bool

    public init(purpose: Purpose, plan: PlanID, step: StepID, cutOff: Bool) {
        self.purpose = purpose
        self.plan = plan
        self.step = step
        self.cutOff = cutOff
    }

    /// Says it, for a tool: `plan p-… was removing it and its step … was cut off mid-way …: `evlog resume p-…` finishes that uninstall`.
    public var sentence: String {
        let (doing, did, whole) = purpose == .install ? ("installing", "installed", "install") : ("removing", "removed", "uninstall")
        let how = cutOff ? "was cut off mid-way, so what it \(did) is uncertain" : "failed"
        return "plan \(plan) was \(doing) it and its step \(step) \(how): `evlog resume \(plan)` finishes that \(whole)"
    }
}
