import Foundation
import InstallModel
import Orchestrator
import Rendering
import Simulator
import Testing

/// A simulated install rendered live (as `LiveConsole` does: one `render` per recorded event) and
/// rendered again from its stored records gives the same bytes.
struct ReplayEqualsLiveTests {
    /// Renders every event as it is recorded, like the CLI's live console.
    final class RenderingObserver: EventObserver {
        let renderer: any Renderer
        var bytes: [UInt8] = []
        init(_ renderer: any Renderer) { self.renderer = renderer }
        func observe(_ event: Event, state: PlanState) { bytes += renderer.render(event) }
    }

    struct NoAnalysis: FailureAnalysing {
        func makeSession(for step: Step, command: [String], profile: SystemProfile) -> any FailureAnalysisSession { Session() }
        func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation] {
            [Remediation(id: "retry", strategy: .retry, summary: "Run the step again")]
        }
        final class Session: FailureAnalysisSession {
            func feed(_ stream: OutputChannel, _ bytes: [UInt8]) {}
            func finish(cause: FailureCause) -> Diagnosis { Diagnosis(kind: cause.kind ?? .unknown, confidence: 0, evidence: [cause.message]) }
        }
    }

    /// Runs the plan of a fixture log again on the simulator and returns (live bytes, stored events).
    func runLive(planOf name: String, renderer: any Renderer) async throws -> ([UInt8], [Event]) {
        guard case .planCreated(let plan) = try FixtureLogs.events(name).first?.body else {
            Issue.record("\(name).evlog does not start with plan_created")
            return ([], [])
        }
        let fixtures = try FixtureSet.load(directory: FixtureLogs.directory.appendingPathComponent("sim").path)
        let store = MemoryEventStore()
        let observer = RenderingObserver(renderer)
        let session = PlanSession(
            store: store, host: .simulated(fixtures: fixtures, start: Timestamp(microseconds: 1_767_225_600_000_000)),
            settings: .init(run: RunSettings(jobs: 3), analyser: NoAnalysis()), observers: [observer])
        _ = try await session.start(plan)
        try session.close()
        observer.bytes += renderer.finish()
        return (observer.bytes, try store.events())
    }

    @Test(arguments: ["parallel", "failed"])
    func plainReplayEqualsLive(_ name: String) async throws {
        let (live, events) = try await runLive(planOf: name, renderer: LineRenderer(style: TextStyle(colored: false)))
        let replay = FixtureLogs.render(events, with: LineRenderer(style: TextStyle(colored: false)))
        #expect(live.count > 500)
        #expect(String(decoding: live, as: UTF8.self) == replay)
    }

    @Test func terminalReplayEqualsLive() async throws {
        let (live, events) = try await runLive(planOf: "parallel", renderer: TerminalRenderer(style: TextStyle(colored: true), columns: 90))
        let replay = FixtureLogs.render(events, with: TerminalRenderer(style: TextStyle(colored: true), columns: 90))
        #expect(String(decoding: live, as: UTF8.self) == replay)
    }
}
