import InstallModel

/// What is known about a failure besides its output: the step, its command, its package manager, the system.
public struct AnalysisContext: Sendable {
    /// The failed step when it is known (a log, the orchestrator); remediation steps are built against it.
    public var step: Step?
    public var stepKind: StepKind?
    /// The argv that ran (`["apt-get", "install", "-y", "ripgrep"]`); a pasted shell line may be one element.
    public var command: [String]
    public var packageManager: PackageManager?
    public var profile: SystemProfile?
    /// Basenames of the command's words (`apt-get`, `pip`), used by rule applicability.
    public let commandNames: Set<String>
    /// The program the command runs, version suffix stripped (`pip3.11` → `pip`); `nil` when unknown.
    public let firstProgram: String?

    /// How many words of the command are looked at for names; argv after that is arguments.
    public static let commandWordsMax = 16

    public init(
        step: Step? = nil, stepKind: StepKind? = nil, command: [String] = [], packageManager: PackageManager? = nil,
        profile: SystemProfile? = nil
    ) {
        self.step = step
        self.stepKind = stepKind ?? step?.kind
        self.command = command
        self.profile = profile
        commandNames = AnalysisContext.commandNames(of: command)
        firstProgram = command.lazy.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }.first
            .map(AnalysisContext.programName)
        self.packageManager =
            packageManager ?? step.flatMap(AnalysisContext.manager(of:)) ?? AnalysisContext.inferManager(from: command)
    }

    /// The manager named by the step's own data.
    static func manager(of step: Step) -> PackageManager? {
        switch step.action {
        case .packages(let p): p.manager
        case .repoSetup(let p): p.manager
        case .tool(let p): p.installer
        default: step.lock
        }
    }

    /// Words of the command that look like program names, as basenames, with version suffixes also stripped
    /// (`pip3.11` gives `pip3.11` and `pip`).
    static func commandNames(of command: [String]) -> Set<String> {
        var names = Set<String>()
        let words = command.lazy.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }.prefix(commandWordsMax)
        for word in words {
            guard let first = word.first, first != "-", !word.contains("=") else { continue }
            names.insert(word.split(separator: "/").last.map(String.init) ?? String(word))
            let stripped = programName(word)
            if !stripped.isEmpty { names.insert(stripped) }
        }
        return names
    }

    /// A word's basename without a version suffix: `/usr/bin/pip3.11` → `pip`.
    static func programName(_ word: Substring) -> String {
        let base = word.split(separator: "/").last.map(String.init) ?? String(word)
        return String(base.reversed().drop(while: { $0.isNumber || $0 == "." }).reversed())
    }

    /// The package manager the command's first recognisable program belongs to.
    public static func inferManager(from command: [String]) -> PackageManager? {
        let words = command.lazy.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }.prefix(commandWordsMax)
        for word in words {
            if let manager = managerByProgram[programName(word)] { return manager }
        }
        return nil
    }

    static let managerByProgram: [String: PackageManager] = [
        "apt": .apt, "apt-get": .apt, "aptitude": .apt, "dpkg": .apt, "dnf": .dnf, "microdnf": .dnf, "yum": .yum,
        "rpm": .dnf, "zypper": .zypper, "apk": .apk, "pacman": .pacman, "brew": .brew, "snap": .snap, "pip": .pip,
        "pipx": .pipx, "cargo": .cargo, "npm": .npm, "npx": .npm, "go": .go, "gem": .gem,
    ]
}
