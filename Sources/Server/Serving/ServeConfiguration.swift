/// What `evlog serve` was started with: where plans and bundles are, how plans started from the page
/// run, and the evlog binary that runs them (the very commands the CLI has, detached from the server).
public struct ServeConfiguration: Sendable {
    /// The evlog home whose plans are shown and where plans started from the page are recorded.
    public var home: String
    /// A directory of bundles and logs from other hosts (`/fleet`), when given.
    public var bundles: String?
    /// Plans started from the page are simulated with this fixture set (`--simulate[=SET]`).
    public var simulationFixtureSet: String?
    /// The evlog executable that runs `install` and `resume` for the page.
    public var executable: String

    public init(home: String, bundles: String?, simulationFixtureSet: String?, executable: String) {
        self.home = home
        self.bundles = bundles
        self.simulationFixtureSet = simulationFixtureSet
        self.executable = executable
    }
}
