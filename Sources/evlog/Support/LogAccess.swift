import InstallModel

// Placeholder until the log reader lands; the lead replaces this file at merge.

/// The events of one plan, by plan id (looked up under `home`) or by the path of a `.evlog` file.
func loadPlanEvents(planOrPath: String, home: String) throws -> [Event] {
    throw UserFacingError("reading logs is not built yet", code: .usage)
}

/// The `.evlog` files in `directory`, sorted by name.
func listPlanLogs(directory: String) throws -> [String] {
    throw UserFacingError("reading logs is not built yet", code: .usage)
}
