import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// `bundle` makes a final bundle only of a log no writer extends any more, and only of one holding a plan
/// (integrity11 #8): a running plan's bundle would call its live writer crashed, and one taken before its
/// first record would be a sealed file of nothing.
@Suite struct BundleLiveLogTests {
    let trust: SealTrustTests

    init() throws { trust = try SealTrustTests() }

    /// A plan of one step, its log open: `plan_created` and `plan_started` recorded and synced, the writer alive.
    func runningLog(in directory: String? = nil) throws -> (path: String, recorder: EventRecorder) {
        let path = (directory ?? trust.directory) + "/p-live00000001.evlog"
        let step = Step(id: "install-ripgrep", label: "install ripgrep", action: .postInstall(CommandParameters(argv: ["true"])))
        let plan = Plan(id: PlanID("p-live00000001"), tools: ["ripgrep"], profile: SealTrustTests.profile, steps: [step])
        let writer = try LogWriter.open(path: path, label: plan.id.rawValue, creator: PlanArchive.creator, createdAtMicros: 1)
        let recorder = EventRecorder(store: try SealingEventStore.forLog(writer, key: trust.key), clock: SealTrustTests.Clock())
        try recorder.record(.planCreated(plan))
        try recorder.record(.planStarted)
        try recorder.sync()
        return (path, recorder)
    }

    func bundle(_ log: String, to output: String, homes: [String] = []) throws {
        try PlanBundle.write(log: log, to: output, profile: SealTrustTests.profile, bundledAt: SealTrustTests.Clock().now(), key: trust.key,
                             homes: homes)
    }

    @Test func aRunningPlanIsNotBundledAndItsWriterIsNamedThenItsEndedLogIs() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        let (log, recorder) = try runningLog()
        let output = trust.directory + "/live.evb"
        let refusal = #expect(throws: PlanBundleRefusal.self) { try bundle(log, to: output) }
        #expect(refusal == .running(plan: "p-live00000001", pid: getpid()), "\(String(describing: refusal))")
        #expect(refusal?.description == "plan p-live00000001 is still running in process \(getpid()); bundle it when it ends")
        #expect(!FileManager.default.fileExists(atPath: output))

        try recorder.record(.planDone)
        try recorder.close()
        try bundle(log, to: output)
        #expect(try SealVerifier.verify(path: output, expected: trust.key.publicKey).coverage == .whole)
    }

    /// Integrity attack round 16, finding 12: a copy of a running plan's log has no writer lock of its own; bundled, its
    /// tail would read as a crash's. It is refused while the plan's own log in its home is held, naming that log; once
    /// the writer is gone the copy bundles (and says its tail is not sealed).
    @Test func aCopyOfARunningPlansLogIsNotBundledWhileItsPlanRuns() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        let home = trust.directory + "/home"
        let archive = PlanArchive(home: home)
        try FileManager.default.createDirectory(atPath: archive.plansDirectory, withIntermediateDirectories: true)
        let (log, recorder) = try runningLog(in: archive.plansDirectory)
        let copy = trust.directory + "/copy.evlog"
        try FileManager.default.copyItem(atPath: log, toPath: copy)
        let output = trust.directory + "/copy.evb"
        let refusal = #expect(throws: PlanBundleRefusal.self) { try bundle(copy, to: output, homes: [home]) }
        #expect(refusal == .copyOfRunning(plan: "p-live00000001", original: log, pid: getpid())
                    || refusal == .copyOfRunning(plan: "p-live00000001", original: log, pid: nil), "\(String(describing: refusal))")
        #expect(refusal?.description.contains("is a copy of plan p-live00000001, which is still running") == true)
        #expect(!FileManager.default.fileExists(atPath: output))
        // Without the home, evlog cannot see the lock: the copy bundles, as a crash's would (resumed nowhere else).
        try bundle(copy, to: output)
        try FileManager.default.removeItem(atPath: output)

        try recorder.record(.planDone)
        try recorder.close()
        try bundle(copy, to: output, homes: [home])
        #expect(try SealVerifier.verify(path: output, expected: trust.key.publicKey).coverage == .whole)
    }

    /// A log whose first record is not a `plan_created`: a header alone (a writer killed as it created the log),
    /// and a log starting with another event.
    @Test func aLogHoldingNoPlanIsNotBundledAndTheRefusalSaysWhy() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        let headerOnly = trust.directory + "/p-empty0000001.evlog"
        try LogWriter.open(path: headerOnly, label: "p-empty0000001", creator: PlanArchive.creator, createdAtMicros: 1).close()
        let noPlan = trust.directory + "/p-noplan000001.evlog"
        let writer = try LogWriter.open(path: noPlan, label: "p-noplan000001", creator: PlanArchive.creator, createdAtMicros: 1)
        try LogEventStore(writer: writer).append(try EventPayload.encode(Event(sequence: 1, time: SealTrustTests.Clock().now(), body: .planStarted)), checkpoint: false)
        try writer.close()
        for (log, why) in [(headerOnly, "the file ends before its first record"), (noPlan, "its first record is a plan_started event")] {
            let output = trust.directory + "/none.evb"
            let refusal = #expect(throws: PlanBundleRefusal.self) { try bundle(log, to: output) }
            #expect(refusal?.description.hasPrefix("\(log) holds no plan (\(why)") == true, "\(String(describing: refusal))")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }
}
