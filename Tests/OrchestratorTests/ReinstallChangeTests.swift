import InstallModel
@testable import Orchestrator
import Simulator
import Synchronization
import Testing

/// truth12 F15: a `--reinstall` of packages the machine has records that it added nothing (an empty change), so the
/// history does not read the step's packages as its own.
struct ReinstallChangeTests {
    @Test func aReinstallOfWhatIsInstalledRecordsThatItAddedNothing() async {
        let files = SimulatedFileSystem(files: [
            PackageSetSnapshot.dpkgStatusPath: Array(AptTransactionAttributionTests.status(["psmisc": "23.6-1", "libc6": "2.36"]).utf8),
            AptHistory.path: [],
        ])
        let io = ChangeRecordingIO()
        let context = ExecutionContext(
            runner: InstalledStandIn(), fileSystem: files, profile: .debianRoot, io: io, environment: [:], userHome: "/root",
            workDirectory: "/w", backupDirectory: "/b", sudoPassword: nil, timeoutSeconds: 60)
        let outcome = await PackagesExecutor.execute(PackagesParameters(manager: .apt, packages: ["psmisc"], reinstall: true), context: context)
        #expect(outcome == .done(exitCode: 0, note: nil))
        #expect(io.changes.withLock { $0 } == [PackageSetChange(manager: .apt, added: [])])
        #expect(io.text.contains("reinstalling with apt: psmisc"), "\(io.text)")
    }
}
