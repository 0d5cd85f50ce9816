import InstallModel

/// The values `{holes}` in remediation templates are filled with: the rule's captures plus facts about
/// the failed step and the system (`pm`, `system_pm`, `step_id`, `tool`, `dev_package`).
struct TemplateVariables {
    private(set) var values: [String: String]
    /// Why a derived value is missing, e.g. no known package for a header; used as the impossible reason.
    private(set) var missingReasons: [String: String] = [:]
    private let devPackages: DevPackageMap

    init(captures: [String: String], failedStep: Step, profile: SystemProfile?, devPackages: DevPackageMap) {
        var values = captures
        self.devPackages = devPackages
        if let codename = profile?.codename { values["codename"] = codename }
        let context = AnalysisContext(step: failedStep, command: TemplateVariables.argv(of: failedStep))
        let manager = context.packageManager ?? profile?.primaryPackageManager
        let systemManager = profile?.primaryPackageManager ?? (manager?.isSystem == true ? manager : nil)
        if let manager { values["pm"] = manager.rawValue }
        if let systemManager { values["system_pm"] = systemManager.rawValue }
        values["step_id"] = failedStep.id.rawValue
        if let tool = failedStep.tool { values["tool"] = tool }
        if values["package"] == nil,
            let package = TemplateVariables.soloPackage(of: failedStep) ?? TemplateVariables.installedName(in: context.command)
        {
            values["package"] = package
        }
        self.values = values
        guard let systemManager else {
            if captures["header"] != nil || captures["pkgconfig"] != nil || captures["library"] != nil {
                missingReasons["dev_package"] = "the system package manager is not known"
            }
            return
        }
        if let header = captures["header"] {
            if let package = devPackages.package(forHeader: header, manager: systemManager) {
                self.values["dev_package"] = package
            } else {
                missingReasons["dev_package"] = "no known \(systemManager.rawValue) package provides \(header)"
            }
        } else if let module = captures["pkgconfig"] {
            if let package = devPackages.package(forPkgConfig: module, manager: systemManager) {
                self.values["dev_package"] = package
            } else {
                missingReasons["dev_package"] = "no known \(systemManager.rawValue) package provides the pkg-config module \(module)"
            }
        } else if let library = captures["library"] {
            if let package = devPackages.package(forLibrary: library, manager: systemManager) {
                self.values["dev_package"] = package
            } else {
                missingReasons["dev_package"] = "no known \(systemManager.rawValue) package provides -l\(library)"
            }
        }
    }

    /// Fills `{name}` holes; returns the names it could not fill.
    func fill(_ text: String) -> (text: String, missing: [String]) {
        var output = ""
        var missing: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                output += rest[open...]
                rest = ""
                break
            }
            let hole = rest[rest.index(after: open)..<close]
            // `{name|fallback}`: the fallback text stands in when the value is unknown (summaries only).
            let parts = hole.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            if let value = value(of: name) {
                output += value
            } else if parts.count == 2 {
                output += parts[1]
            } else {
                missing.append(name)
                output += "{\(name)}"
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return (output, missing)
    }

    /// A plain value, or `dev:NAME`: the system package manager's package for the bundle NAME
    /// (`dev:build-essential` is `build-essential` on apt, `build-base` on apk).
    private func value(of name: String) -> String? {
        if let value = values[name] { return value }
        guard name.hasPrefix("dev:"), let manager = values["system_pm"].flatMap(PackageManager.init(rawValue:)) else {
            return nil
        }
        return devPackages.package(forBundle: String(name.dropFirst(4)), manager: manager)
    }

    func reason(forMissing name: String) -> String {
        if name.hasPrefix("dev:") {
            return "no known \(values["system_pm"] ?? "system") package for \(name.dropFirst(4))"
        }
        return missingReasons[name] ?? "the output does not say which \(name.replacingOccurrences(of: "_", with: " ")) it is"
    }

    static func argv(of step: Step) -> [String] {
        switch step.action {
        case .postInstall(let p): p.argv
        case .packages(let p): [p.manager.rawValue] + p.packages
        case .tool(let p): [p.installer?.rawValue ?? "script"] + (p.package.map { [$0] } ?? [])
        case .verify(let p): [p.binary] + p.arguments
        default: []
        }
    }

    /// The single package an `… install NAME` command line names (`pip3 install httpie`), if exactly one.
    static func installedName(in command: [String]) -> String? {
        let words = command.flatMap { $0.split(separator: " ").map(String.init) }
        guard let install = words.firstIndex(of: "install") else { return nil }
        let names = words[(install + 1)...].prefix { !["&&", "||", ";", "|"].contains($0) }.filter { !$0.hasPrefix("-") }
        return names.count == 1 ? names.first : nil
    }

    private static func soloPackage(of step: Step) -> String? {
        switch step.action {
        case .packages(let p): p.packages.count == 1 ? p.packages.first : nil
        case .tool(let p): p.package
        default: nil
        }
    }
}
