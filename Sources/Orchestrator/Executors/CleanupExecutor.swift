import InstallModel

/// `cleanup`: removes build directories and temporary downloads — never a path that is too broad.
enum CleanupExecutor {
    static func execute(_ p: CleanupParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        let paths = p.paths.map(context.expandingHome)
        let refused = paths.filter { isTooBroad($0, home: context.userHome) }
        guard refused.isEmpty else {
            return .failed(.unexplained("refusing to remove \(refused.joined(separator: ", ")): too broad"))
        }
        let present = paths.filter { context.fileSystem.exists($0) }
        guard !present.isEmpty else { return .skipped(detail: "nothing to remove") }
        return await context.runAll([["rm", "-rf", "--"] + present], asRoot: needsRoot)
    }

    static func isTooBroad(_ path: String, home: String) -> Bool {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        let depth = trimmed.split(separator: "/").count
        return trimmed.isEmpty || trimmed == "/" || trimmed == home || trimmed.contains("..") || depth < 2
            || trimmed.contains("*")
    }
}
