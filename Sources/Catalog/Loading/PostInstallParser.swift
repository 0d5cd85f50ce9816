import InstallModel
import Yams

/// Reads a method's `post_install:` list; each item has exactly one kind key.
struct PostInstallParser {
    let reader: YAMLReader
    static let kinds: Set<String> = ["service", "group", "shell_env", "command", "notify"]

    /// The items of the post-install list at `node` of the method of tool `tool`, whose package sets are `packages`
    /// (nil: the method installs no system packages). Its services and groups are the method's own (`OwnSystemNames`).
    func items(_ node: Node, _ what: String, tool: String, packages: OwnSystemNames.PackageSets) throws(CatalogError) -> [PostInstallSpec] {
        var result: [PostInstallSpec] = []
        for item in try reader.sequence(node, what) {
            let entries = try reader.mapping(item, what, allowed: Self.kinds)
            guard entries.items.count == 1, let only = entries.items.first else {
                throw reader.fail(item, "\(what): each item needs exactly one of: \(Self.kinds.sorted().joined(separator: ", "))")
            }
            let parsed = try self.item(only.key, only.value, "\(what).\(only.key)")
            switch parsed {
            case .group(let name):
                try reader.check(name, at: only.value, "\(what).group", SystemNameGrammar.problem(withGroup: name, tool: tool, packages: packages))
            case .service(let name, let actions):
                let problem = OwnSystemNames.problem(withUnitType: name) ?? OwnSystemNames.problem(withActions: actions)
                    ?? OwnSystemNames.problem(with: name, kind: "service", tool: tool, packages: packages)
                try reader.check(name, at: only.value, "\(what).service", problem)
            default: break
            }
            result.append(parsed)
        }
        return result
    }

    private func item(_ kind: String, _ node: Node, _ what: String) throws(CatalogError) -> PostInstallSpec {
        switch kind {
        case "service":
            let fields = try reader.mapping(node, what, allowed: ["name", "actions"], required: ["name"])
            var actions: [ServiceAction] = []
            for name in try fields.strings("actions", what) ?? ["enable", "start"] {
                guard let action = ServiceAction(rawValue: name) else {
                    throw reader.fail(fields["actions"], "\(what): unknown service action '\(name)'")
                }
                actions.append(action)
            }
            return .service(name: try fields.string("name", what, grammar: SystemNameGrammar.problem(withService:)) ?? "", actions: actions)
        case "group":
            return .group(try reader.string(node, what))
        case "shell_env":
            let fields = try reader.mapping(node, what, allowed: ["path", "env"])
            var environment: [String: String] = [:]
            if let envNode = fields["env"] {
                for entry in try reader.mapping(envNode, "\(what).env").items {
                    try reader.check(entry.key, at: entry.keyNode, "\(what).env", ShellProfileGrammar.problem(withName: entry.key))
                    let value = try reader.string(entry.value, "\(what).env.\(entry.key)")
                    try reader.check(value, at: entry.value, "\(what).env.\(entry.key)", ShellProfileGrammar.problem(withValue: value, of: entry.key))
                    environment[entry.key] = value
                }
            }
            return .shellEnvironment(
                path: try fields.strings("path", what, grammar: ShellProfileGrammar.problem(withPathEntry:)) ?? [], environment: environment)
        case "command":
            let fields = try reader.mapping(node, what, allowed: ["argv", "root", "lock", "risk", "when", "undo"], required: ["argv"])
            var lock: PackageManager?
            if let name = try fields.string("lock", what) {
                guard let manager = PackageManager(rawValue: name) else {
                    throw reader.fail(fields["lock"], "\(what): '\(name)' is not a package manager")
                }
                lock = manager
            }
            var risk: Risk?
            if let name = try fields.string("risk", what) {
                guard let value = Risk(rawValue: name) else {
                    throw reader.fail(fields["risk"], "\(what): risk must be low, medium, high or critical")
                }
                risk = value
            }
            return .command(
                CommandSpec(
                    argv: try fields.strings("argv", what) ?? [], needsRoot: try fields.bool("root", what) ?? false,
                    lock: lock, risk: risk, conditions: try conditions(fields["when"], what), undo: try fields.strings("undo", what)))
        default:
            if case .mapping = node {
                let fields = try reader.mapping(node, what, allowed: ["message", "when"], required: ["message"])
                let message = try fields.string("message", what, grammar: DisplayTextGrammar.problem(with:)) ?? ""
                return .notify(message: message, conditions: try conditions(fields["when"], what))
            }
            let message = try reader.string(node, what)
            try reader.check(message, at: node, what, DisplayTextGrammar.problem(with: message))
            return .notify(message: message, conditions: [])
        }
    }

    private func conditions(_ node: Node?, _ what: String) throws(CatalogError) -> [Condition] {
        guard let node else { return [] }
        var result: [Condition] = []
        for name in try reader.strings(node, "\(what).when") {
            guard let condition = Condition(rawValue: name) else {
                let known = Condition.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.fail(node, "\(what): unknown condition '\(name)' (expected one of: \(known))")
            }
            result.append(condition)
        }
        return result
    }
}
