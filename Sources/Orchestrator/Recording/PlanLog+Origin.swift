extension PlanLog {
    /// Where a plan in this home's list ran, when not (only) here: `list`/`status` say it in words and `--json` as
    /// `origin` (trust16 #2).
    public enum Origin: String, Sendable {
        /// Imported (`evlog import`): it ran elsewhere, not on this machine.
        case imported
        /// Created in another home and continued here (`resume FILE --key`): its earlier steps ran there.
        case anotherHome = "another-home"

        /// What a reader of `list` or `status` must know about it.
        public var note: String {
            switch self {
            case .imported: "imported: it ran elsewhere, not on this machine"
            case .anotherHome: "created in another home: its earlier steps ran there"
            }
        }
    }

    /// Where the plan ran when it did not run in this home alone (`ownHome`: the home's id, `HomeIdentity.existing`),
    /// or nil. Neither an imported log nor another home's is this machine's install history (trust13 #12).
    public func origin(ownHome: String?) -> Origin? {
        // The header is read once for both questions.
        let creator = headerCreator
        if creator == PlanArchive.importCreator { return .imported }
        guard let creator = Self.home(creator: creator), let ownHome, creator != ownHome else { return nil }
        return .anotherHome
    }
}
