import InstallModel

/// Builds one InstallModel `Step` from a step template, filling its holes.
///
/// A hole may be filled from a failed step's output (a rule's capture), which any installer — or the author of a log
/// from elsewhere — wrote. So every value a hole puts into what runs (a package name, an argv word) must be a plain
/// name (`FilledName`): a word that starts with a letter or digit cannot be read as an option (`--host=…`), and one
/// that does not end in `-` or `+` cannot turn `apt-get install NAME-` into a removal. Otherwise the step is not
/// built and the remediation is impossible, saying which value was refused.
enum StepBuilder {
    /// Remediation steps get this timeout unless the template names one.
    static let defaultTimeoutSeconds = 900

    static func build(
        _ template: StepTemplate, id: StepID, dependsOn: [StepID], variables: TemplateVariables, tool: String?
    ) -> (step: Step?, missing: [String], refused: [String]) {
        var missing: [String] = [], refused: [String] = []
        func fill(_ text: String) -> String {
            let filled = variables.fill(text)
            missing += filled.missing
            return filled.text
        }
        /// A word that runs: a part filled from a hole must be a plain name.
        func fillName(_ text: String) -> String {
            let filled = fill(text)
            if text.contains("{"), filled != text, let problem = FilledName.problem(with: filled) { refused.append(problem) }
            return filled
        }
        func prose(_ text: String) -> String {
            let filled = variables.fillProse(text)
            missing += filled.missing
            return filled.text
        }
        let label = prose(template.label)
        var lock = template.lock.map(fill).flatMap { PackageManager(rawValue: $0) }
        var needsRoot = template.needsRoot
        let action: StepAction
        switch template.action {
        case .run(let argv):
            action = .postInstall(CommandParameters(argv: argv.map(fillName)))
        case .packages(let managerText, let packages, let refresh):
            let name = fill(managerText)
            // A bundle may name several packages, space-separated (`dev:python-build`).
            let filled = packages.map(fill)
            let names = filled.flatMap { $0.split(separator: " ").map(String.init) }
            for (template, value) in zip(packages, filled) where template.contains("{") {
                refused += value.split(separator: " ").compactMap { FilledName.problem(with: String($0)) }
            }
            guard let manager = PackageManager(rawValue: name) else {
                if !name.contains("{") { missing.append("package manager '\(name)'") }
                return (nil, missing, refused)
            }
            action = .packages(PackagesParameters(manager: manager, packages: names, refreshIndex: refresh))
            if manager.isSystem, manager != .brew { needsRoot = true }
            if lock == nil, manager.isSystem { lock = manager.lockDomain }
        case .tool(let installerText, let package):
            let name = fill(installerText)
            guard let installer = PackageManager(rawValue: name) else {
                if !name.contains("{") { missing.append("installer '\(name)'") }
                return (nil, missing, refused)
            }
            action = .tool(ToolParameters(installer: installer, package: fillName(package)))
        case .cleanup(let paths):
            action = .cleanup(CleanupParameters(paths: paths.map(fill)))
        case .notify(let message):
            action = .notification(NotificationParameters(message: prose(message), requiresAcknowledgement: true))
        }
        guard missing.isEmpty, refused.isEmpty else { return (nil, missing, refused) }
        let step = Step(
            id: id, label: label, action: action, dependsOn: dependsOn, needsRoot: needsRoot, lock: lock,
            timeoutSeconds: template.timeoutSeconds ?? defaultTimeoutSeconds, tool: tool)
        return (step, [], [])
    }
}
