import InstallModel

/// The values a plan names besides its steps' actions — its tools, its steps' ids and the directories its environment
/// records — against the grammars evlog makes them with, so a log from elsewhere (`import`, `resume FILE --key`) holds
/// only what a plan of evlog's could (trust20 #7): a tool name as a recipe's, a step id as the planner's
/// (`release-jq`, `service-nginx.service-restart`), a directory as an absolute path of plain elements.
public enum RecordedPlanGrammar {
    /// The longest step id a plan of evlog's makes is well under this.
    static let stepIDLengthMax = 200

    /// Why `name` is not a tool name (lowercase letters a-z, digits and `-`), or nil.
    static func toolNameProblem(_ name: String) -> String? {
        guard name.isEmpty || !name.allSatisfy({ GrammarText.isLowercaseAlphanumeric($0) || $0 == "-" }) else { return nil }
        return "tool names use lowercase letters a-z, digits and '-'"
    }

    /// Why `id` is not a step id (letters, digits and `-._@+:`, as tool, repository and service names make them), or nil.
    static func stepIDProblem(_ id: String) -> String? {
        let allowed = !id.isEmpty && id.count <= stepIDLengthMax && id.allSatisfy { GrammarText.isASCIIAlphanumeric($0) || "-._@+:".contains($0) }
        return allowed ? nil : "step ids use letters, digits and '-._@+:' (at most \(stepIDLengthMax))"
    }

    /// Why `path` is not an absolute path of plain elements (no `.` or `..`, nothing a terminal acts on), or nil.
    static func plainAbsolutePathProblem(_ path: String) -> String? {
        let elements = path.split(separator: "/", omittingEmptySubsequences: false)
        guard path.hasPrefix("/"), !elements.contains(".."), !elements.contains("."), DisplayTextGrammar.problem(with: path) == nil else {
            return "\(GrammarText.shown(path)) is not an absolute path of plain elements"
        }
        return nil
    }

    /// What is wrong with `plan`'s tools or recorded directories, naming the field; nil when all pass. Step ids are
    /// judged with each step (`ForeignPlanPolicy.stepProblem`), rollbacks and remediations too.
    public static func problem(with plan: Plan) -> String? {
        for tool in plan.tools {
            if let problem = toolNameProblem(tool) { return "tools: \(GrammarText.shown(tool)): \(problem)" }
        }
        guard let environment = plan.environment else { return nil }
        let directories = [
            ("userHome", environment.userHome), ("evlogHome", environment.evlogHome), ("workDirectory", environment.workDirectory),
            ("backupDirectory", environment.backupDirectory),
        ]
        for (field, directory) in directories {
            if let problem = plainAbsolutePathProblem(directory) { return "environment.\(field): \(problem)" }
        }
        return nil
    }
}
