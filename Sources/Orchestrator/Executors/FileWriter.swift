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
        let temporary = path + ".evlog-tmp"
        var install = ["install", "-m", mode ?? "0644"]
        if let owner { install += ["-o", owner] }
        return await context.runAll([install + [staged, temporary], ["mv", "-f", temporary, path]], asRoot: true)
    }
}
