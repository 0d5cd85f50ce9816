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
    /// what of it a step of the plan looks for (the plan's own lines and texts, nothing else of the
    /// file): a reproduction's filesystem holds them, so the same backups happen and the same lines and
    /// texts are found already there.
    public var files: [RecordedFile]
    /// Which files `files` looked for (`FileFacts.revision` when the plan was created; nil: a log from before
    /// revision 2), so that a file missing from `files` is known to have been absent only when it was looked for:
    /// since revision 2 the metadata file of each pipx venv a step installs.
    public var factsRevision: Int?

    /// A file as far as a plan's decisions go: where it is, which of the plan's lines it held, and
    /// whether it was (or ended with) a text a config step of the plan writes.
    public struct RecordedFile: Hashable, Codable, Sendable {
        public var path: String
        public var lines: [String]
        /// The file's whole text, when it was exactly what a config step writes (`write`, `template`).
        public var text: String?
        /// The text a config step appends, when the file ended with it.
        public var ending: String?

        public init(path: String, lines: [String], text: String? = nil, ending: String? = nil) {
            self.path = path
            self.lines = lines
            self.text = text
            self.ending = ending
        }

        /// The file as a reproduction sees it: that whole text, else those lines in their order, then that ending.
        public var contents: [UInt8] {
            if let text { return Array(text.utf8) }
            return Array(((lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n") + (ending ?? "")).utf8)
        }
    }

    public init(
        user: String, userHome: String, evlogHome: String, workDirectory: String, backupDirectory: String, files: [RecordedFile] = [],
        factsRevision: Int? = nil
    ) {
        self.factsRevision = factsRevision
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

extension PlanEnvironment {
    /// The machine every simulation runs on (and a reproduction of a log that recorded none).
    public static let simulated = PlanEnvironment(
        user: "dev", userHome: "/home/dev", evlogHome: "/home/dev/.local/state/evlog", workDirectory: "/tmp/evlog-work",
        backupDirectory: "/tmp/evlog-backups")
}
