/// Where a real plan ran: the user, their `$HOME`, the evlog home, and the directories its commands name
/// (`<work>/<plan-id>/…`, `<backups>/<plan-id>/…`), and which of the files its steps back up existed.
///
/// Recorded in `plan_created` so that `evlog reproduce` runs the plan in the same environment on another
/// machine: the paths in its commands then match the log byte for byte. Absent from simulated plans
/// and from logs written before it existed.
public struct PlanEnvironment: Hashable, Codable, Sendable {
    /// The user the plan ran as (`$USER`, else the login name).
    public var user: String
    /// `$HOME` of that user (shell profiles, `~/.local/bin`).
    public var userHome: String
    /// The evlog home the log was written under.
    public var evlogHome: String
    /// Scratch space for downloads and builds; a plan's own directory is `<workDirectory>/<plan-id>`.
    public var workDirectory: String
    /// Where `backup_before` copies go; a plan's own directory is `<backupDirectory>/<plan-id>`.
    public var backupDirectory: String
    /// The files the plan's steps back up before changing them (`~` expanded) that existed when it was
    /// created: a reproduction's filesystem has them, so the same backups happen.
    public var existingFiles: [String]

    public init(user: String, userHome: String, evlogHome: String, workDirectory: String, backupDirectory: String, existingFiles: [String] = []) {
        self.user = user
        self.userHome = userHome
        self.evlogHome = evlogHome
        self.workDirectory = workDirectory
        self.backupDirectory = backupDirectory
        self.existingFiles = existingFiles
    }

    /// The files `plan`'s steps name in `backup_before`, with `~` as `userHome`.
    public static func backedUpFiles(of plan: Plan, userHome: String) -> [String] {
        Array(Set(plan.steps.flatMap(\.backupBefore).map { expandingHome($0, userHome: userHome) })).sorted()
    }

    /// `~` and `~/…` as `userHome` (recipes write `~/.local/bin`); nothing else is expanded.
    public static func expandingHome(_ word: String, userHome: String) -> String {
        if word == "~" { return userHome }
        if word.hasPrefix("~/") { return userHome + word.dropFirst() }
        return word
    }
}
