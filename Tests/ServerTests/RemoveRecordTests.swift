import Catalog
import EventLog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// The plan page's remove (`POST /api/plans/<id>/prune`) refuses exactly the logs `evlog prune` keeps as the record of
/// what is installed (`InstallRecords`, one rule for both), with prune's reason, and removes the others (serve20b #4:
/// it removed the install record of a tool still installed, and uninstall then called the tool not evlog's).
@Suite struct RemoveRecordTests {
    /// A home holding, for each tool drawn, the log of a plan that installed it (each the record of a tool still
    /// there): every remove of one is refused with prune's reason and leaves it; a plan that failed, installing nothing, goes.
    @Test(arguments: [UInt64(3), 4])
    func removeRefusesWhatPruneKeeps(seed: UInt64) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-remove-record-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        var generator = SplitMix64(seed: seed)
        let tools = ["jq", "ripgrep", "tree", "fd"].filter { _ in generator.next() % 4 != 0 }
        for (index, tool) in tools.enumerated() {
            try Self.write(try Self.install(tool, id: String(format: "p-%012d", index + 1)), home: home, at: Int64(index + 1))
        }
        let records = InstallRecords(home: home)
        #expect(records.tools.count == tools.count)
        let router = ReviewTests.router(home: home)
        for log in PlanLog.all(home: home) {
            let kept = try #require(records.keeping(log.id), "\(log.id) installed a tool still there")
            let response = await router.respond(
                AccessTests.request("/api/plans/\(log.id.rawValue)/prune", method: "POST", headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")]))
            let body = try await SplitSecretTests.body(response)
            #expect(response.status == 409, "\(log.id): \(body)")
            #expect(body.contains(kept), "\(log.id): \(body)")
            #expect(FileManager.default.fileExists(atPath: log.path))
        }
        // A plan whose step failed installed nothing: no record, and it goes.
        let failed = try RecordedPlan(seed: seed)
        try failed.fail()
        #expect(InstallRecords(home: failed.home).keeping(failed.id) == nil)
        let removed = await ReviewTests.router(home: failed.home).respond(
            AccessTests.request("/api/plans/\(failed.id.rawValue)/prune", method: "POST", headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")]))
        #expect(removed.status == 200)
        #expect(!FileManager.default.fileExists(atPath: failed.log.path))
    }

    /// The events of a real (not simulated) install of `tool` that ran to its end, its packages step recording what it added.
    static func install(_ tool: String, id: String) throws -> [EventBody] {
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        let plan = try Resolver(catalog: try Catalog.bundled()).resolve(
            tools: [tool], profile: NamedProfiles.named("debian-container")!, planID: PlanID(id), options: options)
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        for step in plan.steps {
            bodies.append(.stepStarted(step: step.id, attempt: 1, command: []))
            if case .packages(let parameters) = step.action {
                bodies.append(.packageSetChanged(step: step.id, change: PackageSetChange(manager: .apt, added: parameters.packages)))
            }
            bodies.append(.stepDone(step: step.id, exitCode: 0, durationMicros: 1, note: nil))
        }
        return bodies + [.planDone]
    }

    /// `bodies` recorded as a plan's log in `home`, as a run records them.
    static func write(_ bodies: [EventBody], home: String, at second: Int64) throws {
        guard case .planCreated(let plan)? = bodies.first else { return }
        try FileManager.default.createDirectory(atPath: home + "/plans", withIntermediateDirectories: true)
        let writer = try LogWriter.open(
            path: PlanArchive(home: home).logPath(for: plan.id), label: plan.id.rawValue, creator: PlanArchive.creator, createdAtMicros: second * 1_000_000)
        let recorder = EventRecorder(store: LogEventStore(writer: writer), clock: RecordedPlan.Clock())
        for body in bodies { try recorder.record(body) }
        try recorder.close()
    }
}
