import InstallModel
import Rendering
import Testing

/// The `fix STEP:` line of an applied remediation says what it does: the steps it adds, or how it runs the failed step
/// again (repro13 F3: wait-for-lock, which adds no step, printed "wait-for-lock adds" and nothing after it).
@Suite struct RemediationAppliedTextTests {
    static let step = Step(id: "apt-packages", label: "Install", action: .postInstall(CommandParameters(argv: ["apt-get", "install", "-y", "jq"])))

    @Test(arguments: [nil, 300] as [Int?], [nil, 1, 3] as [Int?])
    func aRetryWithoutNewStepsSaysHowItRunsTheStepAgain(wait: Int?, attempts: Int?) {
        var retried = Self.step
        retried.adjustment = StepAdjustment(remediation: "wait-for-lock", attempts: attempts, waitSeconds: wait)
        let event = Event(
            sequence: 9, time: Timestamp(microseconds: 9),
            body: .remediationApplied(step: Self.step.id, remediationID: "wait-for-lock", newSteps: [], retriedAs: retried))
        let line = String(decoding: LineRenderer(style: TextStyle(colored: false)).render(event), as: UTF8.self)
        #expect(line.contains("fix apt-packages: wait-for-lock runs the step again"), "\(line)")
        #expect(line.contains("after waiting 300 s") == (wait != nil), "\(line)")
        #expect(line.contains("up to 3 times") == (attempts == 3), "\(line)")
        #expect(!line.contains(" adds"), "\(line)")
    }

    @Test func newStepsAreNamed() {
        let added = Step(id: "apt-update", label: "Update", action: .postInstall(CommandParameters(argv: ["apt-get", "update"])))
        #expect(FailureText.applied("apt-update-retry", newSteps: [added], retriedAs: nil) == "apt-update-retry adds apt-update")
    }
}
