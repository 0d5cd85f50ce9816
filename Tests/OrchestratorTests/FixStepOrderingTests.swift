import InstallModel
import Testing

@testable import Orchestrator

/// A fix step (`dpkg --configure -a` of a resume's recovery or of the `dpkg-configure-retry` remedy) runs before every
/// other step about to run that takes apt's lock (repro13 F7: an uninstall killed in dpkg; the remedy of one purge let
/// the other purge run first, straight into "dpkg was interrupted"). Generated over uninstall plans of 1–4 purges,
/// which purge was cut off or failed, and how the others ended; the scheduler then runs the plan and the order is read.
@Suite struct FixStepOrderingTests {
    enum Other: CaseIterable { case pending, failed, done }

    static func purge(_ name: String) -> Step {
        Step(
            id: StepID("remove-\(name)"), label: "Remove \(name)",
            action: .postInstall(CommandParameters(argv: ["apt-get", "purge", "-y", "--", name])), needsRoot: true, lock: .apt)
    }

    static func event(_ state: PlanState, _ body: EventBody) -> Event {
        Event(sequence: state.lastSequence + 1, time: Timestamp(microseconds: Int64(state.lastSequence + 1)), body: body)
    }

    static func applying(_ bodies: [EventBody], to state: PlanState) -> PlanState {
        var next = state
        for body in bodies { next.apply(event(next, body)) }
        return next
    }

    /// The plan of `count` purges where purge `cut` stopped (`interrupted` or failed as dpkg-interrupted) and the others
    /// ended as `others` says (those before it by then; those after it still pending when it was cut off).
    static func stopped(count: Int, cut: Int, interrupted: Bool, others: Other) -> PlanState {
        let steps = (0..<count).map { purge("t\($0)") }
        var state = applying([.planCreated(Plan(id: PlanID("p-f7ordering01"), tools: steps.map { String($0.id.rawValue.dropFirst(7)) },
            profile: SealTrustTests.profile, steps: steps)), .planStarted], to: PlanState())
        for (index, step) in steps.enumerated() where index != cut && (index < cut || others != .pending) {
            let end: EventBody = others == .failed
                ? .stepFailed(step: step.id, cause: FailureCause(exitCode: 100, message: "apt-get exited with 100"), durationMicros: 1)
                : .stepDone(step: step.id, exitCode: 0, durationMicros: 1, note: nil)
            state = applying([.stepStarted(step: step.id, attempt: 1, command: []), end], to: state)
        }
        let failedHere = FailureCause(exitCode: 100, message: "E: dpkg was interrupted")
        state = applying([.stepStarted(step: steps[cut].id, attempt: 1, command: [])], to: state)
        state = applying(
            interrupted
                ? [.planInterrupted(cause: .signal("SIGINT"))]
                : [.stepFailed(step: steps[cut].id, cause: failedHere, durationMicros: 1),
                   .failureAnalysed(step: steps[cut].id, diagnosis: Diagnosis(kind: .dpkgInterrupted, confidence: 1, evidence: [])),
                   .planFailed(reason: "failed")],
            to: state)
        return state
    }

    /// Runs the scheduler to the end (every started step done) and returns the order the steps started in.
    static func runOrder(_ state: PlanState) -> [StepID] {
        var state = state
        var order: [StepID] = []
        while let next = state.readySteps(limit: 1).first, order.count < 64 {
            order.append(next)
            state = applying([.stepStarted(step: next, attempt: 1, command: []), .stepDone(step: next, exitCode: 0, durationMicros: 1, note: nil)], to: state)
        }
        return order
    }

    /// Every purge that runs comes after the first `dpkg --configure -a` of the session.
    static func expectConfigureFirst(_ order: [StepID], _ context: String) {
        guard let configure = order.firstIndex(where: { $0.rawValue.contains("dpkg-configure") || $0.rawValue.hasPrefix("fix-") }) else {
            Issue.record("no dpkg --configure -a ran: \(order) (\(context))")
            return
        }
        let purges = order.indices.filter { order[$0].rawValue.hasPrefix("remove-") && !order[$0].rawValue.contains("dpkg") }
        #expect(!purges.isEmpty, "\(context)")
        #expect(purges.allSatisfy { $0 > configure }, "\(order) (\(context))")
    }

    @Test(arguments: 1...4, [true, false])
    func aResumeRepairsDpkgBeforeAnyPurgeRuns(count: Int, interrupted: Bool) throws {
        for cut in 0..<count {
            for others in Other.allCases {
                let state = Self.stopped(count: count, cut: cut, interrupted: interrupted, others: others)
                let events = try ResumePreparation.events(for: state, acknowledged: false, confirmed: true, finishPackageManagers: true)
                Self.expectConfigureFirst(Self.runOrder(Self.applying(events, to: state)), "resume, \(count) purges, cut \(cut), others \(others)")
            }
        }
    }

    /// `evlog remedy P dpkg-configure-retry` on the purge that failed so: its fix step runs before the other purges
    /// the remedy's resume re-opens (they failed on the same broken dpkg, or never ran).
    @Test(arguments: 2...4)
    func aRemedysFixStepRunsBeforeTheOtherReopenedPurges(count: Int) throws {
        for cut in 0..<count {
            for others in Other.allCases {
                var state = Self.stopped(count: count, cut: cut, interrupted: false, others: others)
                let fix = Step(
                    id: "fix-dpkg-configure", label: "Finish configuring half-installed packages",
                    action: .postInstall(CommandParameters(argv: ["dpkg", "--configure", "-a"])), needsRoot: true, lock: .apt)
                let cutID = StepID("remove-t\(cut)")
                state = Self.applying(
                    [.remediationAccepted(step: cutID, remediationID: "dpkg-configure-retry"),
                     .remediationApplied(step: cutID, remediationID: "dpkg-configure-retry", newSteps: [fix], retriedAs: nil)],
                    to: state)
                // A simulation (no recoveries of its own): the remedy's fix alone orders the purges.
                let events = try ResumePreparation.events(
                    for: state, acknowledged: false, confirmed: true, fixes: (remediation: "dpkg-configure-retry", steps: [fix]))
                let order = Self.runOrder(Self.applying(events, to: state))
                Self.expectConfigureFirst(order, "remedy, \(count) purges, cut \(cut), others \(others)")
                // Without the waiting events, a purge earlier in the plan ran first (the finding), unless none is left.
                let bare = events.filter { if case .remediationApplied = $0 { false } else { true } }
                let before = Self.runOrder(Self.applying(bare, to: state))
                if others == .failed || (others == .pending && cut < count - 1) {
                    #expect(before.first?.rawValue.hasPrefix("remove-") == true, "\(before)")
                }
            }
        }
    }

    @Test func aStepAlreadyWaitingForItsOwnRecoveryIsLeftAsItIs() {
        let state = Self.applying(
            [.remediationApplied(step: "remove-t0", remediationID: "x", newSteps: [], retriedAs: nil)],
            to: Self.stopped(count: 1, cut: 0, interrupted: false, others: .done))
        let fix = Step(id: "fix", label: "Fix", action: .postInstall(CommandParameters(argv: ["true"])), lock: .apt)
        let withFix = Self.applying([.remediationApplied(step: "remove-t0", remediationID: "x", newSteps: [fix], retriedAs: nil)], to: state)
        #expect(FixStepOrdering.events(after: [fix], remediationID: "x", in: withFix) { $0 == .pending }.isEmpty)
    }
}
