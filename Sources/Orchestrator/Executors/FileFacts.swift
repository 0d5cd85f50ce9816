import InstallModel

/// What a plan's decisions depend on in the files its steps change: whether each exists, and which of
/// the lines the plan itself would write it already holds (a shell profile's PATH line and block markers,
/// a config step's `ensure_line`). `PlanEnvironment` records it so a reproduction decides the same way;
/// nothing else of a file (which may hold the user's secrets) is read into the log.
public enum FileFacts {
    /// The files `plan`'s steps (and their rollbacks) read before changing them, with `~` as `userHome`,
    /// each with the lines a step of the plan looks for in it.
    public static func linesOfInterest(in plan: Plan, userHome: String) -> [String: Set<String>] {
        var files: [String: Set<String>] = [:]
        for step in plan.steps + plan.steps.flatMap(\.rollback) {
            for path in step.backupBefore.map({ PlanEnvironment.expandingHome($0, userHome: userHome) }) { files[path] = files[path] ?? [] }
            switch step.action {
            case .shellConfig(let p):
                let block = ShellBlock(planID: p.blockPlan ?? plan.id)
                files[ShellConfigExecutor.profileFile(p.shell, home: userHome), default: []]
                    .formUnion(ShellConfigExecutor.lines(p) + [block.begin, block.end])
            case .githubRelease(let p):
                // Whether the binary's place was taken before: an uninstall removes only a file evlog put there.
                let path = PlanEnvironment.expandingHome(p.installedPath, userHome: userHome)
                files[path] = files[path] ?? []
            case .config(let p):
                let lines: [String] = p.action == .ensureLine ? [p.content] : []
                files[PlanEnvironment.expandingHome(p.path, userHome: userHome), default: []].formUnion(lines)
            default:
                continue
            }
        }
        return files
    }

    /// Those of `interest` that exist in `fileSystem`, each with the lines of interest it holds, in its order.
    public static func record(_ interest: [String: Set<String>], in fileSystem: any FileSystem) -> [PlanEnvironment.RecordedFile] {
        interest.keys.sorted().compactMap { path in
            guard fileSystem.exists(path) else { return nil }
            let wanted = interest[path] ?? []
            // A file only known to exist (a release's binary) is not read at all.
            guard !wanted.isEmpty else { return PlanEnvironment.RecordedFile(path: path, lines: []) }
            let text = String(decoding: ((try? fileSystem.read(path)) ?? nil) ?? [], as: UTF8.self)
            return PlanEnvironment.RecordedFile(path: path, lines: text.split(separator: "\n").map(String.init).filter(wanted.contains))
        }
    }
}
