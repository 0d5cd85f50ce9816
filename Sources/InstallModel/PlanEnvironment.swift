/// Where a real plan ran: the user, their `$HOME`, the evlog home, the directories its commands name
/// (`<work>/<plan-id>/…`, `<backups>/<plan-id>/…`), and what its steps found in the files they change.
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
    /// The files the plan's steps read before changing them that existed when it was created, each with
    /// the lines of it that a step of the plan looks for (the plan's own lines, nothing else of the
    /// file): a reproduction's filesystem holds them, so the same backups happen and the same lines are
    /// found already there.
    public var files: [RecordedFile]

    /// A file as far as a plan's decisions go: where it is, and which of the plan's lines it held.
    public struct RecordedFile: Hashable, Codable, Sendable {
        public var path: String
        public var lines: [String]

        public init(path: String, lines: [String]) {
            self.path = path
            self.lines = lines
        }

        /// The file as a reproduction sees it: those lines, in their order.
        public var contents: [UInt8] { lines.isEmpty ? [] : Array((lines.joined(separator: "\n") + "\n").utf8) }
    }

    public init(user: String, userHome: String, evlogHome: String, workDirectory: String, backupDirectory: String, files: [RecordedFile] = []) {
        self.user = user
        self.userHome = userHome
        self.evlogHome = evlogHome
        self.workDirectory = workDirectory
        self.backupDirectory = backupDirectory
        self.files = files
    }

    /// `~` and `~/…` as `userHome` (recipes write `~/.local/bin`); nothing else is expanded.
    public static func expandingHome(_ word: String, userHome: String) -> String {
        if word == "~" { return userHome }
        if word.hasPrefix("~/") { return userHome + word.dropFirst() }
        return word
    }
}
