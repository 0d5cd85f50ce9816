import Orchestrator

/// Plan lookups for commands, with archive errors turned into one-line usage errors (exit 2).
enum ArchiveAccess {
    static func resolve(_ planOrPath: String, archive: PlanArchive) throws -> String {
        do {
            return try archive.resolve(planOrPath)
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// Every event of a plan's log; a log that cannot be read at all is a usage error.
    static func contents(_ planOrPath: String, home: String) throws -> LogContents {
        let path = try resolve(planOrPath, archive: PlanArchive(home: home))
        do {
            return try PlanArchive.readEvents(path)
        } catch {
            throw UserFacingError("\(path): \(error)")
        }
    }
}
