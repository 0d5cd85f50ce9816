extension FixtureSet {
    /// For a command naming several packages (`apt-get install -y … ripgrep fd-find bat`) that has no
    /// recording of its own: the recordings of the same command for each package alone, in the order
    /// the command names them; nil unless every package has one. The shortest list of packages wins,
    /// so options before the packages stay part of the shared command.
    public func composition(for commandLine: String) -> [Fixture]? {
        let words = commandLine.split(separator: " ").map(String.init)
        guard words.count >= 3 else { return nil }
        for sharedCount in stride(from: words.count - 2, through: 1, by: -1) {
            let shared = words[..<sharedCount].joined(separator: " ")
            let parts = words[sharedCount...].map { fixture(for: shared + " " + $0) }
            if parts.allSatisfy({ $0 != nil }) { return parts.compactMap { $0 } }
        }
        return nil
    }
}
