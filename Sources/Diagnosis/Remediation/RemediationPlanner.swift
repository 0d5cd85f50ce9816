import InstallModel

/// Turns a diagnosis into ranked remediations for one failed step: availability on this system, the
/// steps each would add, cycle and depth checks against the chain, and the retry / skip / cancel fallbacks.
///
/// Pure: the orchestrator calls it with what the log knows and appends the result as `remediation_proposed`.
public enum RemediationPlanner {
    /// The ids of the three fallbacks every failure offers, last in the list.
    public static let fallbackIDs = ["retry", "skip", "cancel"]

    /// Remediations for a (possibly logged) diagnosis. Captures such as the package name are recovered by
    /// matching the deciding rule's patterns against the evidence lines again.
    public static func propose(
        for diagnosis: Diagnosis, failedStep: Step, profile: SystemProfile?, chain: RemediationChain = RemediationChain(),
        catalog: RuleCatalog
    ) -> [Remediation] {
        if diagnosis.isPolicyRefusal { return policyRefusalFallbacks(for: failedStep) }
        var rules: [DiagnosisRule] = []
        var captures: [String: String] = [:]
        if let ruleID = diagnosis.ruleID, let rule = catalog.rule(id: ruleID) {
            rules.append(rule)
            for line in diagnosis.evidence {
                for pattern in rule.patterns {
                    guard let found = pattern.match(line) else { continue }
                    for (key, value) in found where captures[key] == nil { captures[key] = value }
                }
            }
        }
        return propose(
            kind: diagnosis.kind, rules: rules, captures: captures, failedStep: failedStep, profile: profile,
            chain: chain, catalog: catalog)
    }

    /// The same with the bundled catalog.
    public static func propose(
        for diagnosis: Diagnosis, failedStep: Step, profile: SystemProfile?, chain: RemediationChain = RemediationChain()
    ) throws(RuleCatalogError) -> [Remediation] {
        propose(for: diagnosis, failedStep: failedStep, profile: profile, chain: chain, catalog: try RuleCatalog.bundled())
    }

    /// `rules` are the matched rules of the diagnosed kind, the deciding one first. `inPlan`: the failure is
    /// a plan's step, so retry / skip / cancel apply; pasted output has no plan, and gets only what a person can do.
    /// Whether the failed step installs a program to run: a tool step, or one the plan made for a tool.
    static func installsCommand(_ step: Step) -> Bool {
        if case .tool = step.action { return true }
        return step.tool != nil
    }

    static func propose(
        kind: FailureKind, rules: [DiagnosisRule], captures: [String: String], failedStep: Step,
        profile: SystemProfile?, chain: RemediationChain, catalog: RuleCatalog, inPlan: Bool = true
    ) -> [Remediation] {
        let variables = TemplateVariables(
            captures: captures, failedStep: failedStep, profile: profile, devPackages: catalog.devPackages)
        var candidates: [(remediation: Remediation, recommended: Bool, layer: Int, order: Int)] = []
        var seen = Set<String>()
        var order = 0
        func consider(_ id: String, layer: Int, recommended: Bool) {
            guard !seen.contains(id), let template = catalog.templates[id] else { return }
            seen.insert(id)
            var remediation = instantiate(template, variables: variables, failedStep: failedStep, profile: profile, chain: chain)
            if chain.isAtLimit {
                remediation.availability = .impossible(
                    reason: "the remediation chain is already \(RemediationChain.depthMax) deep; fix this by hand")
            } else if chain.wouldLoop(kind: kind, remediationID: id) {
                remediation.availability = .impossible(
                    reason: "would loop: '\(id)' was already applied for \(kind.rawValue) in this chain")
            }
            candidates.append((remediation, recommended, layer, order))
            order += 1
        }
        for (index, rule) in rules.enumerated() {
            for (position, id) in rule.remediationIDs.enumerated() {
                consider(id, layer: rule.layer.precedence, recommended: index == 0 && position == 0)
            }
        }
        for id in catalog.kindDefaults[kind] ?? [] { consider(id, layer: RuleLayer.bootstrap.precedence + 1, recommended: false) }
        // A server's permanent answer (4xx other than 408/425/429) is not helped by waiting: retries go last.
        let permanent = captures["status"].flatMap { Int($0) }.map { (400..<500).contains($0) && ![408, 425, 429].contains($0) } ?? false
        func demoted(_ remediation: Remediation) -> Bool { permanent && remediation.strategy == .retryWithModifier }
        candidates.sort { a, b in
            if demoted(a.remediation) != demoted(b.remediation) { return demoted(b.remediation) }
            let aFirst = a.recommended && a.remediation.availability.isReady
            let bFirst = b.recommended && b.remediation.availability.isReady
            if aFirst != bFirst { return aFirst }
            let aRank = availabilityRank(a.remediation.availability)
            let bRank = availabilityRank(b.remediation.availability)
            if aRank != bRank { return aRank < bRank }
            if a.layer != b.layer { return a.layer < b.layer }
            if a.remediation.risk != b.remediation.risk { return a.remediation.risk < b.remediation.risk }
            return a.order < b.order
        }
        return candidates.map(\.remediation) + (inPlan ? fallbacks(for: failedStep) : [])
    }

    static func availabilityRank(_ availability: RemediationAvailability) -> Int {
        switch availability {
        case .ready: 0
        case .locked: 1
        case .impossible: 2
        }
    }

    /// What a step evlog refused by its own policy offers: skip or cancel, never a retry, which meets the same refusal.
    public static func policyRefusalFallbacks(for failedStep: Step) -> [Remediation] {
        fallbacks(for: failedStep).filter { $0.strategy != .retry }
    }

    /// Retry, skip, cancel: always offered, always last, always ready.
    public static func fallbacks(for failedStep: Step) -> [Remediation] {
        [
            Remediation(id: "retry", strategy: .retry, summary: "Run '\(failedStep.id)' again as it is", risk: .low),
            Remediation(
                id: "skip", strategy: .skip,
                summary: "Skip '\(failedStep.id)'; steps that depend on it are skipped too", risk: .medium),
            Remediation(
                id: "cancel", strategy: .cancel, summary: "Stop the plan here; `evlog resume` can continue it later",
                risk: .low),
        ]
    }

    /// The id of a remediation's `number`th step (1-based) for `failedStep`; deterministic, unique per chain depth.
    public static func stepID(remediationID: String, number: Int, failedStep: StepID, chainDepth: Int) -> StepID {
        let base = "fix-\(remediationID)-\(number)-for-\(failedStep.rawValue)"
        return StepID(chainDepth == 0 ? base : base + "-d\(chainDepth)")
    }

    static func instantiate(
        _ template: RemediationTemplate, variables: TemplateVariables, failedStep: Step, profile: SystemProfile?,
        chain: RemediationChain
    ) -> Remediation {
        var missing: [String] = [], refused: [String] = []
        let summary = variables.fillProse(template.summary)
        var modifier: [String: String] = [:]
        for (key, value) in template.modifier {
            let filled = variables.fill(value)
            missing += filled.missing
            modifier[key] = filled.text
        }
        var steps: [Step] = []
        var previous: StepID?
        for (index, stepTemplate) in template.steps.enumerated() {
            let id = stepID(
                remediationID: template.id, number: index + 1, failedStep: failedStep.id, chainDepth: chain.depth)
            let built = StepBuilder.build(
                stepTemplate, id: id, dependsOn: previous.map { [$0] } ?? failedStep.dependsOn, variables: variables,
                tool: failedStep.tool)
            missing += built.missing
            refused += built.refused
            if let step = built.step { steps.append(step) }
            previous = id
        }
        var availability = AvailabilityEvaluator.evaluate(
            template.requirements, stepsNeedRoot: steps.contains(where: \.needsRoot), installing: installedNames(steps),
            installsCommand: installsCommand(failedStep), profile: profile)
        var adjustment: StepAdjustment?
        switch RemediationModifiers.adjustment(modifier, remediationID: template.id, failedStep: failedStep) {
        case .success(let typed): adjustment = typed
        case .failure(let refusal): availability = .impossible(reason: refusal.reason)
        }
        if let first = missing.first {
            availability = .impossible(reason: variables.reason(forMissing: first))
        } else if let first = refused.first {
            availability = .impossible(reason: first)
        }
        let built = missing.isEmpty && refused.isEmpty
        return Remediation(
            id: template.id, strategy: template.strategy,
            summary: summary.text,
            risk: template.risk, availability: availability, automatic: template.automatic && built,
            steps: built ? steps : [], modifier: modifier, adjustment: adjustment,
            replacesFailedStep: template.strategy.replacesFailedStep)
    }

    /// The programs and package managers a remediation's own steps install (they unlock its requirements).
    static func installedNames(_ steps: [Step]) -> Set<String> {
        var names = Set<String>()
        for step in steps {
            switch step.action {
            case .packages(let p): names.formUnion(p.packages)
            case .tool(let p): if let package = p.package { names.insert(package) }
            default: continue
            }
        }
        return names
    }

    /// The remediation's steps followed by the failed step, which now also waits for the last of them:
    /// the order in which the orchestrator splices them into the plan.
    public static func splice(_ remediation: Remediation, before failedStep: Step) -> [Step] {
        guard let last = remediation.steps.last else { return [failedStep] }
        var retried = failedStep
        if !retried.dependsOn.contains(last.id) { retried.dependsOn.append(last.id) }
        return remediation.steps + [retried]
    }
}
