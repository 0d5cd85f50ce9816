import InstallModel
import Simulator
import Synchronization
import Testing

@testable import Orchestrator

/// An install step counts as its own only what its own apt transaction installed: packages another apt run
/// installed while the step waited for the lock are named as someone else's, and packages its transaction
/// upgraded are recorded as upgraded (the machine had them).
struct AptTransactionAttributionTests {
    /// A dpkg status file of `versions` (all installed).
    static func status(_ versions: [String: String]) -> String {
        versions.sorted { $0.key < $1.key }.map { "Package: \($0.key)\nStatus: install ok installed\nVersion: \($0.value)\n" }
            .joined(separator: "\n")
    }

    /// One history entry as apt writes it.
    static func entry(_ commandLine: String, installed: [String: String], upgraded: [PackageUpgrade]) -> String {
        var lines = ["Start-Date: 2026-12-06  22:47:30", "Commandline: " + commandLine]
        if !installed.isEmpty {
            lines.append("Install: " + installed.sorted { $0.key < $1.key }.map { "\($0.key):amd64 (\($0.value), automatic)" }.joined(separator: ", "))
        }
        if !upgraded.isEmpty {
            lines.append("Upgrade: " + upgraded.map { "\($0.package):amd64 (\($0.from), \($0.to))" }.joined(separator: ", "))
        }
        lines.append("End-Date: 2026-12-06  22:47:46")
        return "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// A generated case: packages before, what the step's transaction installs and upgrades, and what another
    /// apt run installs and upgrades meanwhile (its entry before or after the step's).
    struct Case {
        var before: [String: String] = [:]
        var ours: [String: String] = [:]
        var ourUpgrades: [PackageUpgrade] = []
        var theirs: [String: String] = [:]
        var theirUpgrades: [PackageUpgrade] = []
        var theirsFirst = false

        init(seed: UInt64) {
            var random = SplitMix64(seed: seed)
            for index in 0..<30 {
                let name = "lib\(index)-\(random.next() % 100)"
                let version = "1.\(random.next() % 9)-\(random.next() % 3 + 1)"
                switch random.next() % 5 {
                case 0: ours[name] = version
                case 1: theirs[name] = version
                case 2:
                    before[name] = version
                    ourUpgrades.append(PackageUpgrade(package: name, from: version, to: version + "+deb12u1"))
                case 3:
                    before[name] = version
                    theirUpgrades.append(PackageUpgrade(package: name, from: version, to: "2:" + version))
                default: before[name] = version
                }
            }
            theirsFirst = random.next() % 2 == 0
        }

        var after: [String: String] {
            var after = before.merging(ours) { $1 }.merging(theirs) { $1 }
            for upgrade in ourUpgrades + theirUpgrades { after[upgrade.package] = upgrade.to }
            return after
        }
    }

    static let ourCommand = PackageManagerCommands.install(.apt, ["tool"])

    @Test(arguments: [1, 2, 3, 4, 5, 77, 1234] as [UInt64])
    func onlyTheStepsOwnTransactionIsCounted(seed: UInt64) {
        let generated = Case(seed: seed)
        let mine = Self.entry(Self.ourCommand.joined(separator: " "), installed: generated.ours, upgraded: generated.ourUpgrades)
        let other = Self.entry("apt-get install -y something", installed: generated.theirs, upgraded: generated.theirUpgrades)
        let history = generated.theirsFirst ? other + mine : mine + other
        let own = AptHistory.parse(history).filter { AptHistory.commandLine($0.commandLine, is: Self.ourCommand) }
        let before = PackageSetSnapshot.parseDpkgStatus(Self.status(generated.before))
        let after = PackageSetSnapshot.parseDpkgStatus(Self.status(generated.after))
        let change = before.change(to: after, manager: .apt, own: own)
        #expect(change.added == generated.ours.keys.sorted(), "seed \(seed)")
        #expect(change.installedByOthers == generated.theirs.keys.sorted(), "seed \(seed)")
        #expect(change.upgraded == generated.ourUpgrades.sorted { $0.package < $1.package }, "seed \(seed)")
        #expect(!change.byDifference)
        // Without apt's history every difference is the step's, and the change says that is its basis.
        let unattributed = before.change(to: after, manager: .apt)
        #expect(unattributed.byDifference, "seed \(seed)")
        #expect(Set(unattributed.added) == Set(generated.ours.keys).union(generated.theirs.keys), "seed \(seed)")
        #expect(unattributed.installedByOthers.isEmpty && unattributed.upgraded.count == generated.ourUpgrades.count + generated.theirUpgrades.count)
    }

    @Test func aCommandLineMatchesByWordsAndProgramName() {
        #expect(AptHistory.commandLine("/usr/bin/apt-get install -y jq", is: ["apt-get", "install", "-y", "jq"]))
        #expect(!AptHistory.commandLine("apt-get install -y jq gron", is: ["apt-get", "install", "-y", "jq"]))
        #expect(!AptHistory.commandLine("apt install -y jq", is: ["apt-get", "install", "-y", "jq"]))
        #expect(!AptHistory.commandLine("", is: ["apt-get"]))
    }

    /// The executor end to end: another apt run installs `intruder` and upgrades `libshared` while the step waits
    /// for the lock; the step's own transaction installs `tool` and `libtool` and upgrades `libc`.
    @Test func theExecutorRecordsOnlyItsOwnTransaction() async {
        let files = SimulatedFileSystem(files: [
            PackageSetSnapshot.dpkgStatusPath: Array(Self.status(["libc": "2.36-1", "libshared": "1.0-1"]).utf8),
            AptHistory.path: Array(Self.entry("apt-get install -y old", installed: ["old": "1"], upgraded: []).utf8),
        ])
        let runner = AptStandIn(files: files)
        let io = ChangeRecordingIO()
        let context = ExecutionContext(
            runner: runner, fileSystem: files, profile: .debianRoot, io: io, environment: [:], userHome: "/root",
            workDirectory: "/w", backupDirectory: "/b", sudoPassword: nil, timeoutSeconds: 60)
        _ = await PackagesExecutor.execute(PackagesParameters(manager: .apt, packages: ["tool"]), context: context)
        let change = io.changes.withLock { $0 }.first
        #expect(change?.added == ["libtool", "tool"])
        #expect(change?.installedByOthers == ["intruder"])
        #expect(change?.upgraded == [PackageUpgrade(package: "libc", from: "2.36-1", to: "2.36-2")])
        #expect(io.text.contains("upgraded by this install: libc 2.36-1→2.36-2"))
        #expect(io.text.contains("another apt or dpkg run installed them meanwhile") && io.text.contains("intruder"))
        #expect(change?.byDifference == false && !io.text.contains("could not be read"))
    }

    /// Where apt's history cannot be read, the step falls back to the before/after difference and says so: once
    /// in its output, and in the recorded change (`byDifference`), so neither the user nor the log takes the
    /// difference for the step's own transaction.
    @Test func withoutAptsHistoryTheFallbackIsSaidOnceAndRecorded() async {
        let files = SimulatedFileSystem(files: [
            PackageSetSnapshot.dpkgStatusPath: Array(Self.status(["libc": "2.36-1", "libshared": "1.0-1"]).utf8)
        ])
        let io = ChangeRecordingIO()
        let context = ExecutionContext(
            runner: AptStandIn(files: files, writesHistory: false), fileSystem: files, profile: .debianRoot, io: io, environment: [:],
            userHome: "/root", workDirectory: "/w", backupDirectory: "/b", sudoPassword: nil, timeoutSeconds: 60)
        _ = await PackagesExecutor.execute(PackagesParameters(manager: .apt, packages: ["tool"]), context: context)
        let change = io.changes.withLock { $0 }.first
        #expect(change?.byDifference == true)
        #expect(change?.added == ["intruder", "libtool", "tool"])
        #expect(io.text.components(separatedBy: "apt's history (\(AptHistory.path)) could not be read").count == 2, "\(io.text)")
    }
}

/// A stand-in for apt: `dpkg-query` finds nothing installed; `apt-get install` first lets "another apt run"
/// change the package set and write its history entry, then does its own transaction.
private struct AptStandIn: CommandRunner {
    let files: SimulatedFileSystem
    /// false: this apt keeps no history file (or evlog cannot read it).
    var writesHistory = true

    func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        guard command.argv.first == "apt-get" else { return CommandResult(termination: .exited(1)) }
        let history = String(decoding: (try? files.read(AptHistory.path)) ?? [], as: UTF8.self)
            + AptTransactionAttributionTests.entry("apt-get install -y intruder", installed: ["intruder": "3"], upgraded: [
                PackageUpgrade(package: "libshared", from: "1.0-1", to: "1.0-2")
            ])
            + AptTransactionAttributionTests.entry(command.argv.joined(separator: " "), installed: ["tool": "1", "libtool": "1"], upgraded: [
                PackageUpgrade(package: "libc", from: "2.36-1", to: "2.36-2")
            ])
        let status = AptTransactionAttributionTests.status([
            "libc": "2.36-2", "libshared": "1.0-2", "intruder": "3", "tool": "1", "libtool": "1",
        ])
        if writesHistory { try? files.writeAtomically(AptHistory.path, contents: Array(history.utf8), mode: nil) }
        try? files.writeAtomically(PackageSetSnapshot.dpkgStatusPath, contents: Array(status.utf8), mode: nil)
        return CommandResult(termination: .exited(0))
    }
}

/// Keeps the package-set changes a step reports, and its output.
final class ChangeRecordingIO: StepIO {
    let changes = Mutex<[PackageSetChange]>([])
    let output = Mutex<[UInt8]>([])
    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) { output.withLock { $0 += bytes } }
    func elapse(microseconds: Int64) {}
    func commandStarted(_ argv: [String], process: ProcessIdentity?) {}
    func commandFinished(_ result: CommandResult) {}
    func pause(microseconds: Int64) async {}
    func packageSetChanged(_ change: PackageSetChange) { changes.withLock { $0.append(change) } }
    var text: String { String(decoding: output.withLock { $0 }, as: UTF8.self) }
}

extension SystemProfile {
    /// Debian 12 as root, apt only.
    static var debianRoot: SystemProfile {
        SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", codename: "bookworm", arch: "x86_64",
            initSystem: .sysv, packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true,
            externallyManagedPython: true)
    }
}
