import InstallModel

/// `backup_before`: copies of what a high-risk step is about to change, kept under the evlog home.
enum Backups {
    /// Returns a failure outcome when a backup could not be made (the step must not run then).
    static func save(_ paths: [String], step: StepID, context: ExecutionContext) -> StepOutcome? {
        for path in paths where context.fileSystem.exists(path) {
            let target = context.backupDirectory + "/" + step.rawValue + "/" + path.replacingOccurrences(of: "/", with: "_")
            do {
                try context.fileSystem.copy(path, to: target)
                context.io.say("backed up \(path) to \(target)")
            } catch {
                return .failed(.unexplained("could not back up \(path) before changing it: \(error)"))
            }
        }
        return nil
    }
}
