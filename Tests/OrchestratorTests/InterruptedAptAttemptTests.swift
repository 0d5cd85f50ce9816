import CivilTime
import InstallModel
import Simulator
import Synchronization
import Testing

@testable import Orchestrator

/// A packages step run again after an attempt that was killed while dpkg worked (or failed after apt began) owns
/// what that attempt's transaction installed, although this attempt finds it on the machine: apt's entry of the
/// killed transaction names it (truth12 F1, F2; repro13 F9). Entries of older plans and of other commands do not.
struct InterruptedAptAttemptTests {
    /// When the generated plans were created: 2026-11-30 (UTC).
    static let created = Timestamp(microseconds: 1_796_000_000 * 1_000_000)

    /// An entry as apt writes it, started `offsetHours` after the plan's creation in the machine's local time;
    /// without `End-Date` when the transaction was killed.
    static func entry(_ command: [String], offsetHours: Int64, installed: [String], upgraded: [PackageUpgrade] = [], killed: Bool = false) -> String {
        let time = UTCTime(microseconds: created.adding(microseconds: offsetHours * 3_600_000_000).microseconds).text.dropLast(" UTC".count)
        var lines = ["Start-Date: " + time.replacing(" ", with: "  "), "Commandline: " + command.joined(separator: " ")]
        if !installed.isEmpty { lines.append("Install: " + installed.map { "\($0):amd64 (1.0-1, automatic)" }.joined(separator: ", ")) }
        if !upgraded.isEmpty { lines.append("Upgrade: " + upgraded.map { "\($0.package):amd64 (\($0.from), \($0.to))" }.joined(separator: ", ")) }
        if !killed { lines.append("End-Date: " + time) }
        return "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// A generated machine: what the user had before the plan (some of it installed by an older plan's run of the
    /// very same command, or by another apt run), what the killed attempt installed whole or left half-installed,
    /// and what the resumed attempt installs.
    struct Case {
        var users: [String] = []
        var olderPlans: [String] = []
        var others: [String] = []
        var killedWhole: [String] = []
        var killedHalf: [String] = []
        var resumed: [String] = []
        /// Hours after the plan's creation (local time, any zone) that the killed transaction started.
        var killedOffset: Int64

        init(seed: UInt64) {
            var random = SplitMix64(seed: seed)
            for index in 0..<30 {
                let name = "lib\(index)-\(random.next() % 100)"
                switch random.next() % 6 {
                case 0: users.append(name)
                case 1: olderPlans.append(name)
                case 2: others.append(name)
                case 3: killedWhole.append(name)
                case 4: killedHalf.append(name)
                default: resumed.append(name)
                }
            }
            if killedWhole.isEmpty { killedWhole.append("tool") }
            killedOffset = Int64(random.next() % 27) - 12
        }

        var command: [String] { PackageManagerCommands.install(.apt, ["tool"]) }

        /// apt's history as the resumed attempt finds it: an older plan's run of the same command two days before,
        /// another command's run, then the killed transaction.
        var history: String {
            InterruptedAptAttemptTests.entry(command, offsetHours: -48, installed: olderPlans)
                + InterruptedAptAttemptTests.entry(["apt-get", "install", "-y", "other"], offsetHours: killedOffset, installed: others)
                + InterruptedAptAttemptTests.entry(command, offsetHours: killedOffset, installed: killedWhole + killedHalf, killed: true)
        }

        var foundByResume: Set<String> { Set(users + olderPlans + others + killedWhole + killedHalf) }
    }

    static func snapshot(_ packages: Set<String>) -> PackageSetSnapshot {
        var snapshot = PackageSetSnapshot(installed: packages, configOnly: [])
        for package in packages { snapshot.versions[package] = "1.0-1" }
        return snapshot
    }

    @Test(arguments: [1, 2, 3, 4, 5, 77, 1234] as [UInt64])
    func aResumedStepOwnsWhatItsKilledAttemptInstalled(seed: UInt64) {
        let generated = Case(seed: seed)
        let before = Self.snapshot(generated.foundByResume)
        let after = Self.snapshot(generated.foundByResume.union(generated.resumed))
        // apt finishes the half-installed packages as an "upgrade" to the same version.
        let own = [AptHistory.Transaction(
            commandLine: generated.command.joined(separator: " "), installed: Set(generated.resumed),
            upgraded: generated.killedHalf.map { PackageUpgrade(package: $0, from: "1.0-1", to: "1.0-1") })]
        let history = Array(generated.history.utf8)
        // The third attempt: two earlier ones, so only the plan's creation keeps the older plan's entry out.
        let earlier = AptEarlierAttempts.transactions(in: history, attempt: 3, packages: ["tool"], planCreatedAt: Self.created)
        let change = before.change(to: after, manager: .apt, own: own, earlier: earlier)
        #expect(change.added == Set(generated.killedWhole + generated.killedHalf + generated.resumed).sorted(), "seed \(seed)")
        #expect(change.upgraded.isEmpty && change.removed.isEmpty && change.installedByOthers.isEmpty, "seed \(seed)")
        // A first attempt has no earlier transactions: what it found is not its.
        #expect(AptEarlierAttempts.transactions(in: history, attempt: 1, packages: ["tool"], planCreatedAt: Self.created).isEmpty)
        let first = before.change(to: after, manager: .apt, own: own)
        #expect(first.added == generated.resumed.sorted(), "seed \(seed)")
    }

    @Test func onlyInstallsOfTheStepsPackagesAreItsTransactions() {
        let names: Set<String> = ["bat", "jq"]
        #expect(AptEarlierAttempts.installs("apt-get install -y -o DPkg::Lock::Timeout=300 bat jq", within: names))
        #expect(AptEarlierAttempts.installs("/usr/bin/apt-get install -y --reinstall -o DPkg::Lock::Timeout=300 jq", within: names))
        #expect(!AptEarlierAttempts.installs("apt-get install -y bat gron", within: names))
        #expect(!AptEarlierAttempts.installs("apt-get purge -y bat", within: names))
        #expect(!AptEarlierAttempts.installs("apt-get install -y", within: names))
        #expect(!AptEarlierAttempts.installs("apt install -y bat", within: names))
    }

    /// The executor end to end: the killed attempt's transaction installed `tool` and `libtool`; the resumed attempt
    /// finds both installed. It asks apt for them again (which changes nothing) and records both as added, where a
    /// first attempt finding them skips as "already installed".
    @Test func theResumedExecutorRecordsWhatTheKilledAttemptAdded() async {
        let command = PackageManagerCommands.install(.apt, ["tool"])
        let files = SimulatedFileSystem(files: [
            PackageSetSnapshot.dpkgStatusPath: Array(AptTransactionAttributionTests.status(["tool": "1", "libtool": "1", "libc": "2"]).utf8),
            AptHistory.path: Array(Self.entry(command, offsetHours: 0, installed: ["tool", "libtool"], killed: true).utf8),
        ])
        for attempt in [1, 2] {
            let io = ChangeRecordingIO()
            var context = ExecutionContext(
                runner: InstalledStandIn(), fileSystem: files, profile: .debianRoot, io: io, environment: [:], userHome: "/root",
                workDirectory: "/w", backupDirectory: "/b", sudoPassword: nil, timeoutSeconds: 60)
            context.attempt = attempt
            context.planCreatedAt = Self.created
            let outcome = await PackagesExecutor.execute(PackagesParameters(manager: .apt, packages: ["tool"]), context: context)
            let changes = io.changes.withLock { $0 }
            if attempt == 1 {
                #expect(outcome == .skipped(detail: "already installed: tool"))
                #expect(changes.isEmpty)
            } else {
                #expect(outcome == .done(exitCode: 0, note: nil))
                #expect(changes.map(\.added) == [["libtool", "tool"]])
                #expect(io.text.contains("an earlier attempt of this step may have installed tool"))
            }
        }
    }
}

/// dpkg-query finds every package installed; `apt-get install` has nothing left to do.
struct InstalledStandIn: CommandRunner {
    func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        if command.argv.first == "dpkg-query" { io.emit(.stdout, Array("install ok installed".utf8)) }
        return CommandResult(termination: .exited(0))
    }
}
