import InstallModel

/// Writes a file atomically, through sudo when the path needs root and we are not root.
enum FileWriter {
    static func write(
        _ rawPath: String, contents: [UInt8], mode: String?, owner: String?, asRoot: Bool, context: ExecutionContext
    ) async -> StepOutcome {
        let path = context.expandingHome(rawPath)
        let modeBits = mode.flatMap { UInt16($0, radix: 8) }
        if !asRoot || context.profile.isRoot {
            do {
                try context.fileSystem.writeAtomically(path, contents: contents, mode: modeBits)
            } catch {
                return .failed(.unexplained("could not write \(path): \(error)"))
            }
            if let owner, asRoot {
                return await context.runAll([["chown", owner, path]], asRoot: true)
            }
            return .done(exitCode: 0, note: nil)
        }
        // Not root: stage the file where we may write, then move it into place as root
        // (install into a temp name in the target directory, then rename: readers never see half a file).
        let staged = context.workDirectory + "/staged" + path.replacingOccurrences(of: "/", with: "_")
        do {
            try context.fileSystem.writeAtomically(staged, contents: contents, mode: modeBits)
        } catch {
            return .failed(.unexplained("could not stage \(path): \(error)"))
        }
        // Never a fixed name beside the file (a local user who can write the directory could plant a link there): a
        // directory only root can enter, made by `mkdir`, which fails on any name already there (a planted link too),
        // as writeAtomically's O_EXCL does; named for the plan and the file, so a reproduction runs the same commands. What
        // an attempt killed on the way left there goes first (`rm` follows no link).
        let holding = parentDirectory(of: path) + "/.evlog-tmp-" + (context.planID?.rawValue ?? "plan") + "-"
            + String(StableHash.fnv1a(path), radix: 16)
        let temporary = holding + "/" + (path.split(separator: "/").last.map(String.init) ?? "file")
        var install = ["install", "-m", mode ?? "0644"]
        if let owner { install += ["-o", owner] }
        return await context.runAll(
            [["rm", "-rf", "--", holding], ["mkdir", "-m", "0700", holding], install + [staged, temporary], ["mv", "-f", temporary, path], ["rmdir", holding]], asRoot: true)
    }
}
