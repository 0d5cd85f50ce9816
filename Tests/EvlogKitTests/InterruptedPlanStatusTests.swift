import Catalog
import EvlogKit
import InstallModel
import Rendering
import Testing

/// A plan left running by a writer that is gone (kill -9) is interrupted since its last event: status says
/// when it was last heard of, not an "elapsed" that stops at that event.
struct InterruptedPlanStatusTests {
    /// A plan that started at second 100 and whose last event came 28 ms later; nothing ended it.
    static func leftRunning() -> PlanState {
        let plan = Plan(id: PlanID("p-00000000000a"), tools: ["jq"], profile: NamedProfiles.named("debian-container")!, steps: [
            Step(id: StepID("sleep"), label: "a long step", action: .postInstall(CommandParameters(argv: ["sleep", "600"])), tool: "jq")
        ])
        let bodies: [EventBody] = [.planCreated(plan), .planStarted, .stepStarted(step: StepID("sleep"), attempt: 1, command: ["sleep", "600"])]
        return PlanState.fold(bodies.enumerated().map {
            Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: 100_000_000 + Int64($0.offset) * 14_000), body: $0.element)
        })
    }

    @Test func aPlanWhoseWriterIsGoneIsInterruptedSinceItsLastEvent() {
        let state = Self.leftRunning()
        let row = PlanRow(id: PlanID("p-00000000000a"), state: state, live: false)
        #expect(row.status == "interrupted")
        #expect(row.interruptedSince == Timestamp(microseconds: 100_028_000))
        let text = StatusReport.text(row, style: TextStyle(colored: false))
        #expect(text.contains("interrupted since 1970-01-01 00:01:40 UTC"), "\(text)")
        #expect(!text.contains("elapsed"), "\(text)")
        let json = StatusReport.json(row)
        guard case .object(let fields) = json, case .string(let since) = fields["interrupted_since"] else {
            Issue.record("no interrupted_since in \(json)")
            return
        }
        #expect(since == "1970-01-01 00:01:40 UTC")
    }

    /// A failed step running again shows its earlier attempt's diagnosis as that attempt's, not under the running
    /// one as its "why" (repro13 F13); a step that failed last shows its own.
    @Test(arguments: [false, true])
    func theDiagnosisOfAnEarlierAttemptIsNotTheRunningOnes(retried: Bool) {
        let diagnosis = Diagnosis(kind: .packageNotFound, confidence: 0.9, evidence: ["E: Unable to locate package foo"])
        let step = StepID("sleep")
        var bodies: [EventBody] = [
            .stepFailed(step: step, cause: .known(.packageNotFound, "E: Unable to locate package foo", exitCode: 100), durationMicros: 5),
            .failureAnalysed(step: step, diagnosis: diagnosis),
        ]
        if retried { bodies += [.stepRetry(step: step, reason: "remedy retry"), .stepStarted(step: step, attempt: 2, command: ["sleep", "600"])] }
        let start = Self.leftRunning()
        var state = start
        for (offset, body) in bodies.enumerated() {
            state.apply(Event(sequence: UInt64(start.eventCount + offset + 1), time: Timestamp(microseconds: 100_100_000 + Int64(offset)), body: body))
        }
        let text = StatusReport.text(PlanRow(id: PlanID("p-00000000000a"), state: state, live: false), style: TextStyle(colored: false))
        #expect(text.contains("\n            why: package-not-found") == !retried, "\(text)")
        #expect(text.contains("an earlier attempt failed (why: package-not-found)") == retried, "\(text)")
        #expect(text.contains("(attempt 2)") == retried, "\(text)")
    }

    @Test func aLivePlanIsRunningWithItsElapsedTime() {
        let row = PlanRow(id: PlanID("p-00000000000a"), state: Self.leftRunning(), live: true)
        #expect(row.status == "running" && row.interruptedSince == nil)
        #expect(StatusReport.text(row, style: TextStyle(colored: false)).contains("elapsed"))
    }

    @Test func whatFailedSaysInterruptedWhenTheWriterIsGone() {
        let state = Self.leftRunning()
        var report = FailureReport(RunTimeline(events: []))
        report.status = state.status
        report.writerStopped(state)
        #expect(report.status == .interrupted)
        #expect(report.text(style: TextStyle(colored: false)).contains("plan interrupted since 1970-01-01 00:01:40 UTC"))
    }
}
