import InstallModel

/// Reads one catalog file (`rules/*.yaml` or `remediations/*.yaml`) into rules, templates and kind defaults.
struct RuleFileParser {
    let file: String
    /// Translations of the messages rules name in `messages:`.
    var translations = MessageTranslations.empty

    struct Contents {
        var rules: [DiagnosisRule] = []
        var templates: [RemediationTemplate] = []
        var kindDefaults: [(FailureKind, [String], YAMLNode)] = []
    }

    func parse(_ text: String) throws(RuleCatalogError) -> Contents {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(allowedKeys: ["family", "layer", "when", "rules", "remediations", "kind_defaults"])
        var contents = Contents()
        let family = try top["family"]?.string() ?? ""
        let layer = try top["layer"].map { node throws(RuleCatalogError) in try parseLayer(node) }
        let fileWhen = try top["when"].map { node throws(RuleCatalogError) in try parseWhen(node) }
        if let rules = top["rules"] {
            guard let layer else { throw root.error("a file with rules needs a top-level 'layer'") }
            for node in try rules.sequence() {
                contents.rules.append(try parseRule(node, family: family, layer: layer, fileWhen: fileWhen))
            }
        }
        if let templates = top["remediations"] {
            for node in try templates.sequence() { contents.templates.append(try parseTemplate(node)) }
        }
        if let defaults = top["kind_defaults"] {
            for (kindName, ids) in try defaults.mapping() {
                guard let kind = FailureKind(rawValue: kindName), kind.rawValue == kindName else {
                    throw ids.error("unknown failure kind '\(kindName)'")
                }
                contents.kindDefaults.append((kind, try ids.strings(), ids))
            }
        }
        return contents
    }

    private func location(_ node: YAMLNode) -> String { "\(file):\(node.line ?? 0)" }

    private func parseLayer(_ node: YAMLNode) throws(RuleCatalogError) -> RuleLayer {
        let name = try node.string()
        guard let layer = RuleLayer(rawValue: name) else {
            throw node.error("unknown layer '\(name)' (expected tool, method_family, infrastructure or bootstrap)")
        }
        return layer
    }

    private func parseWhen(_ node: YAMLNode) throws(RuleCatalogError) -> RuleApplicability {
        if node.node.scalar != nil, try node.string() == "any" { return RuleApplicability() }
        let fields = try node.mapping(allowedKeys: ["managers", "commands", "step_kinds"])
        var applicability = RuleApplicability()
        for name in try fields["managers"]?.strings() ?? [] {
            guard let manager = PackageManager(rawValue: name) else {
                throw node.error("unknown package manager '\(name)'")
            }
            applicability.managers.insert(manager)
        }
        applicability.commands = Set(try fields["commands"]?.strings() ?? [])
        for name in try fields["step_kinds"]?.strings() ?? [] {
            guard let kind = StepKind(rawValue: name) else { throw node.error("unknown step kind '\(name)'") }
            applicability.stepKinds.insert(kind)
        }
        return applicability
    }

    private func parseRule(
        _ node: YAMLNode, family: String, layer fileLayer: RuleLayer, fileWhen: RuleApplicability?
    ) throws(RuleCatalogError) -> DiagnosisRule {
        let fields = try node.mapping(allowedKeys: [
            "id", "kind", "layer", "when", "patterns", "needles", "case_sensitive", "exit_codes", "confidence",
            "remediations", "match_warnings", "example", "caused_by", "messages",
        ])
        let id = try fields.required("id", in: node).string()
        let kindNode = try fields.required("kind", in: node)
        let kindName = try kindNode.string()
        guard let kind = FailureKind(rawValue: kindName) else {
            throw kindNode.error("rule '\(id)': unknown failure kind '\(kindName)'")
        }
        let layer = try fields["layer"].map { n throws(RuleCatalogError) in try parseLayer(n) } ?? fileLayer
        let when = try fields["when"].map { n throws(RuleCatalogError) in try parseWhen(n) } ?? fileWhen ?? RuleApplicability()
        let caseSensitive = try fields["case_sensitive"]?.bool() ?? false
        let needles = try fields["needles"]?.strings()
        var patterns: [RulePattern] = []
        if let patternsNode = fields["patterns"] {
            for patternNode in try patternsNode.sequence() {
                patterns.append(
                    try RulePattern(
                        source: try patternNode.string(), caseSensitive: caseSensitive, explicitNeedles: needles,
                        at: patternNode))
            }
        }
        for messageNode in try fields["messages"]?.sequence() ?? [] {
            for compiled in try RuleMessage.parse(messageNode).patternSources(translations) {
                patterns.append(
                    try RulePattern(
                        source: compiled.source, caseSensitive: caseSensitive, explicitNeedles: [compiled.needle],
                        at: messageNode))
            }
        }
        var exitCodes: [Int32] = []
        if let codes = fields["exit_codes"] {
            for codeNode in try codes.sequence() {
                let code = try codeNode.int()
                guard let narrow = Int32(exactly: code) else { throw codeNode.error("exit code \(code) is out of range") }
                exitCodes.append(narrow)
            }
        }
        guard !patterns.isEmpty || !exitCodes.isEmpty else {
            throw node.error("rule '\(id)' has neither patterns nor exit_codes")
        }
        var causedBy: Set<FailureKind> = []
        for causeNode in try fields["caused_by"]?.sequence() ?? [] {
            let name = try causeNode.string()
            guard let cause = FailureKind(rawValue: name) else {
                throw causeNode.error("rule '\(id)': unknown failure kind '\(name)' in caused_by")
            }
            causedBy.insert(cause)
        }
        let confidenceNode = try fields.required("confidence", in: node)
        let confidence = try confidenceNode.double()
        guard (0.0...1.0).contains(confidence) else {
            throw confidenceNode.error("rule '\(id)': confidence must be between 0 and 1")
        }
        return DiagnosisRule(
            id: id, family: family, kind: kind, layer: layer, applicability: when, patterns: patterns,
            exitCodes: exitCodes, confidence: confidence, remediationIDs: try fields["remediations"]?.strings() ?? [],
            matchesWarnings: try fields["match_warnings"]?.bool() ?? false, causedBy: causedBy, location: location(node))
    }

    private func parseTemplate(_ node: YAMLNode) throws(RuleCatalogError) -> RemediationTemplate {
        let fields = try node.mapping(allowedKeys: [
            "id", "strategy", "summary", "risk", "automatic", "requires", "steps", "modifier",
        ])
        let id = try fields.required("id", in: node).string()
        let strategyNode = try fields.required("strategy", in: node)
        guard let strategy = RemediationStrategy(rawValue: try strategyNode.string()) else {
            throw strategyNode.error("remediation '\(id)': unknown strategy '\(try strategyNode.string())'")
        }
        // Risk reflects what the remediation changes: upgrading installed software (system libraries, a
        // runtime) can break other programs, so it is never below `RemediationTemplate.upgradeRiskMin`.
        let riskMin = strategy == .upgradeDep ? RemediationTemplate.upgradeRiskMin : Risk.low
        var risk = riskMin
        if let riskNode = fields["risk"] {
            guard let parsed = Risk(rawValue: try riskNode.string()) else {
                throw riskNode.error("remediation '\(id)': unknown risk '\(try riskNode.string())'")
            }
            guard parsed >= riskMin else {
                throw riskNode.error("remediation '\(id)': an upgrade is at least \(riskMin.rawValue) risk")
            }
            risk = parsed
        }
        var requirements: [RemediationRequirement] = []
        if let requiresNode = fields["requires"] {
            for item in try requiresNode.sequence() {
                guard let requirement = RemediationRequirement(spelling: try item.string()) else {
                    throw item.error("remediation '\(id)': unknown requirement '\(try item.string())'")
                }
                requirements.append(requirement)
            }
        }
        var steps: [StepTemplate] = []
        if let stepsNode = fields["steps"] {
            for stepNode in try stepsNode.sequence() { steps.append(try parseStep(stepNode, remediation: id)) }
        }
        var modifier: [String: String] = [:]
        if let modifierNode = fields["modifier"] {
            for (key, value) in try modifierNode.mapping() {
                guard RemediationModifiers.knownKeys.contains(key) else {
                    throw modifierNode.error("remediation '\(id)': unknown modifier '\(key)' (known: \(RemediationModifiers.knownKeys.sorted().joined(separator: ", ")))")
                }
                modifier[key] = try value.string()
            }
        }
        return RemediationTemplate(
            id: id, strategy: strategy, summary: try fields.required("summary", in: node).string(), risk: risk,
            automatic: try fields["automatic"]?.bool() ?? false, requirements: requirements, steps: steps,
            modifier: modifier, location: location(node))
    }

    private func parseStep(_ node: YAMLNode, remediation id: String) throws(RuleCatalogError) -> StepTemplate {
        let fields = try node.mapping(allowedKeys: [
            "label", "run", "packages", "tool", "cleanup", "notify", "needs_root", "lock", "timeout_seconds",
        ])
        let actions = ["run", "packages", "tool", "cleanup", "notify"].filter { fields[$0] != nil }
        guard actions.count == 1, let actionKey = actions.first, let actionNode = fields[actionKey] else {
            throw node.error("remediation '\(id)': a step needs exactly one of run, packages, tool, cleanup, notify")
        }
        let action: StepTemplateAction
        switch actionKey {
        case "run": action = .run(try actionNode.strings())
        case "packages":
            let p = try actionNode.mapping(allowedKeys: ["manager", "names", "refresh"])
            action = .packages(
                manager: try p.required("manager", in: actionNode).string(),
                packages: try p.required("names", in: actionNode).strings(),
                refreshIndex: try p["refresh"]?.bool() ?? false)
        case "tool":
            let t = try actionNode.mapping(allowedKeys: ["installer", "package"])
            action = .tool(
                installer: try t.required("installer", in: actionNode).string(),
                package: try t.required("package", in: actionNode).string())
        case "cleanup": action = .cleanup(try actionNode.strings())
        default: action = .notify(try actionNode.string())
        }
        return StepTemplate(
            label: try fields.required("label", in: node).string(), action: action,
            needsRoot: try fields["needs_root"]?.bool() ?? false, lock: try fields["lock"]?.string(),
            timeoutSeconds: try fields["timeout_seconds"]?.int())
    }
}
