/// What `ProfileDetector` reads from a machine; the only way detection touches the world.
///
/// Contract: every method answers without side effects and never throws; something unreadable is
/// `nil` / `false` / empty. `LiveSystemProbe` reads this machine; `FixtureSystemProbe` answers from
/// fixed data so a test can describe a Debian 12 container or a Mac.
public protocol SystemProbe: Sendable {
    /// The whole text of a small file (`/etc/os-release`), or nil.
    func readFile(_ path: String) -> String?
    func fileExists(_ path: String) -> Bool
    /// Names inside a directory, or empty.
    func directoryEntries(_ path: String) -> [String]
    /// Where `name` is found on PATH, or nil.
    func executablePath(_ name: String) -> String?
    /// The trimmed standard output of a short command (`sw_vers -productVersion`), or nil on failure.
    func commandOutput(_ argv: [String]) -> String?
    /// The exit status and combined output of a short command, or nil when it cannot run.
    func commandResult(_ argv: [String]) -> (status: Int32, output: String)?
    /// `Linux` or `Darwin` (uname -s).
    var kernelName: String { get }
    /// The hardware name (uname -m): `x86_64`, `aarch64`, `arm64`.
    var machine: String { get }
    var effectiveUserID: UInt32 { get }
    /// The root filesystem is mounted read-only.
    var rootIsReadOnly: Bool { get }
}
