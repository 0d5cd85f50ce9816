extension PlanLog {
    /// What a reader of `list` or `status` must know when the plan did not run in this home (`ownHome`: the home's
    /// id, `HomeIdentity.existing`), or nil: an imported log ran elsewhere, and a log another home created was
    /// continued here (`resume FILE --key`) after its earlier steps ran there. Neither is this machine's install
    /// history (trust13 #12), and neither may read as if it were.
    public func originNote(ownHome: String?) -> String? {
        // The header is read once for both questions.
        let creator = headerCreator
        if creator == PlanArchive.importCreator { return "imported: it ran elsewhere, not on this machine" }
        guard let creator = Self.home(creator: creator), let ownHome, creator != ownHome else { return nil }
        return "created in another home: its earlier steps ran there"
    }
}
