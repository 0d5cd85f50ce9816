import InstallModel

/// Builds one InstallModel `Step` from a step template, filling its holes.
enum StepBuilder {
    /// Remediation steps get this timeout unless the template names one.
    static let defaultTimeoutSeconds = 900

    static func build(
        _ template: StepTemplate, id: StepID, dependsOn: [StepID], variables: TemplateVariables, tool: String?
    ) -> (step: Step?, missing: [String]) {
        var missing: [String] = []
        func fill(_ text: String) -> String {
            let filled = variables.fill(text)
            missing += filled.missing
            return filled.text
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
            action = .postInstall(CommandParameters(argv: argv.map(fill)))
        case .packages(let managerText, let packages, let refresh):
            let name = fill(managerText)
            // A bundle may name several packages, space-separated (`dev:python-build`).
            let names = packages.map(fill).flatMap { $0.split(separator: " ").map(String.init) }
            guard let manager = PackageManager(rawValue: name) else {
                if !name.contains("{") { missing.append("package manager '\(name)'") }
                return (nil, missing)
            }
            action = .packages(PackagesParameters(manager: manager, packages: names, refreshIndex: refresh))
            if manager.isSystem, manager != .brew { needsRoot = true }
            if lock == nil, manager.isSystem { lock = manager.lockDomain }
        case .tool(let installerText, let package):
            let name = fill(installerText)
            guard let installer = PackageManager(rawValue: name) else {
                if !name.contains("{") { missing.append("installer '\(name)'") }
                return (nil, missing)
            }
            action = .tool(ToolParameters(installer: installer, package: fill(package)))
        case .cleanup(let paths):
            action = .cleanup(CleanupParameters(paths: paths.map(fill)))
        case .notify(let message):
            action = .notification(NotificationParameters(message: prose(message), requiresAcknowledgement: true))
        }
        guard missing.isEmpty else { return (nil, missing) }
        let step = Step(
            id: id, label: label, action: action, dependsOn: dependsOn, needsRoot: needsRoot, lock: lock,
            timeoutSeconds: template.timeoutSeconds ?? defaultTimeoutSeconds, tool: tool)
        return (step, [])
    }
}
