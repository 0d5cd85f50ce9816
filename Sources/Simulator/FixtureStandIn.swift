extension FixtureSet {
    /// For a command with no recording of its own, not even in parts: the first documented output whose
    /// `standsInFor` pattern fits it (the same install, documented for other packages); nil if none does.
    public func standIn(for commandLine: String) -> Fixture? {
        fixtures.first { fixture in fixture.standsInFor.map { Fixture.pattern($0, matches: commandLine) } ?? false }
    }
}
