/// A `SystemProbe` that answers from fixed data: files, directories, commands on PATH.
public struct FixtureSystemProbe: SystemProbe {
    public var files: [String: String]
    /// Directories and their entries; a listed directory also "exists".
    public var directories: [String: [String]]
    /// Commands found on PATH, by name.
    public var executables: Set<String>
    /// Outputs by argv joined with spaces.
    public var commandOutputs: [String: String]
    public var kernelName: String
    public var machine: String
    public var effectiveUserID: UInt32
    public var rootIsReadOnly: Bool

    public init(
        files: [String: String] = [:], directories: [String: [String]] = [:], executables: Set<String> = [],
        commandOutputs: [String: String] = [:], kernelName: String = "Linux", machine: String = "x86_64",
        effectiveUserID: UInt32 = 1000, rootIsReadOnly: Bool = false
    ) {
        self.files = files
        self.directories = directories
        self.executables = executables
        self.commandOutputs = commandOutputs
        self.kernelName = kernelName
        self.machine = machine
        self.effectiveUserID = effectiveUserID
        self.rootIsReadOnly = rootIsReadOnly
    }

    public func readFile(_ path: String) -> String? { files[path] }
    public func fileExists(_ path: String) -> Bool { files[path] != nil || directories[path] != nil }
    public func directoryEntries(_ path: String) -> [String] { directories[path] ?? [] }
    public func executablePath(_ name: String) -> String? { executables.contains(name) ? "/usr/bin/" + name : nil }
    public func commandOutput(_ argv: [String]) -> String? { commandOutputs[argv.joined(separator: " ")] }
    /// A command listed in `commandOutputs` succeeds with that output; any other fails.
    public func commandResult(_ argv: [String]) -> (status: Int32, output: String)? {
        commandOutputs[argv.joined(separator: " ")].map { (0, $0) } ?? (1, "")
    }
}
