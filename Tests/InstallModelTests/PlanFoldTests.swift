import Testing

@testable import InstallModel

@Suite struct PlanFoldTests {
    // MARK: Crashes

    @Test func crashMidStepLeavesTheStepUncertainNotDone() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a"])]))
        script.start("a")
        script.add(.planInterrupted(cause: .crashDetected))
        let state = script.state
        #expect(state.status == .interrupted)
        #expect(state.interruption == .crashDetected)
        #expect(state.status(of: "a") == .uncertain)
        #expect(state.openSteps == ["a"])
        #expect(state.readySteps.isEmpty)
        #expect(!state.isComplete)
    }

    @Test func uncertainStepRunsAgainOnlyAfterARetry() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a"])]))
        script.start("a")
        script.add(.planInterrupted(cause: .signal("SIGTERM")))
        script.add(.planResumed(acknowledged: false))
        #expect(script.state.status == .running)
        #expect(script.state.status(of: "a") == .uncertain)
        #expect(script.state.readySteps.isEmpty)

        script.add(.stepRetry(step: "a", reason: "idempotent"))
        #expect(script.state.readySteps == ["a"])
        script.run("a", attempt: 2)
        #expect(script.state.step("a")?.attempt == 2)
        #expect(script.state.readySteps == ["b"])
    }

    @Test func uncertainStepVerifiedAfterACrashIsDoneWithoutRunningAgain() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a"])]))
        script.start("a")
        script.add(.planInterrupted(cause: .crashDetected))
        script.add(.planResumed(acknowledged: false))
        script.add(.stepDone(step: "a", exitCode: 0, durationMicros: 0, note: "verified"))
        #expect(script.state.status(of: "a") == .done)
        #expect(script.state.step("a")?.attempt == 1)
        #expect(script.state.readySteps == ["b"])
    }

    @Test func cancellingAPlanLeavesItsRunningStepsUncertain() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b")]))
        script.start("a")
        script.run("b")
        script.add(.planCancelled(reason: "user"))
        #expect(script.state.status == .cancelled)
        #expect(script.state.status(of: "a") == .uncertain)
        #expect(script.state.status(of: "b") == .done)
        #expect(script.state.openSteps == ["a"])
    }

    // MARK: Failures are not re-run

    /// The seed's executor re-ran a failed step for ever: a ok, b fails, d depends on b.
    @Test func failedStepIsNeverReadyAgainWithoutRetry() {
        let plan = Fixtures.plan([
            Fixtures.command("a"), Fixtures.command("b"), Fixtures.command("d", dependsOn: ["b"]),
        ])
        var script = EventScript(plan: plan)
        var startsByStep: [StepID: Int] = [:]
        // A scheduler that runs whatever is ready until nothing is; b fails every time it runs.
        for _ in 0..<50 {
            let ready = script.state.readySteps
            if ready.isEmpty { break }
            for step in ready {
                startsByStep[step, default: 0] += 1
                script.run(step, succeeds: step != "b")
            }
        }
        #expect(startsByStep == ["a": 1, "b": 1])
        let state = script.state
        #expect(state.status(of: "b") == .failed)
        #expect(state.status(of: "d") == .pending)
        #expect(state.readySteps.isEmpty)
        #expect(state.blockedSteps.map(\.step) == ["d"])
        #expect(state.blockedSteps.map(\.failed) == ["b"])

        script.add(.stepSkipped(step: "d", reason: .dependencyFailed("b"), detail: "b failed"))
        #expect(script.state.status(of: "d") == .skipped)
        #expect(script.state.step("d")?.skipReason == .dependencyFailed("b"))
        #expect(script.state.readySteps.isEmpty)
        #expect(script.state.blockedSteps.isEmpty)
        #expect(!script.state.isComplete)
    }

    @Test func startingAFailedStepWithoutARetryIsIgnored() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("b")]))
        script.run("b", succeeds: false)
        script.start("b", attempt: 2)
        #expect(script.state.status(of: "b") == .failed)
        #expect(script.state.ignoredEventCount == 1)
    }

    @Test func dependentsOfAFailedStepAreBlockedThenSkippedThenReopenedByRetry() {
        let plan = Fixtures.plan([
            Fixtures.command("b"), Fixtures.command("d", dependsOn: ["b"]), Fixtures.command("e", dependsOn: ["d"]),
            Fixtures.command("f"),
        ])
        var script = EventScript(plan: plan)
        script.run("b", succeeds: false)
        #expect(script.state.blockedSteps.map(\.step) == ["d", "e"])
        #expect(script.state.blockedSteps.map(\.failed) == ["b", "b"])
        #expect(script.state.readySteps == ["f"])

        script.add(.stepSkipped(step: "d", reason: .dependencyFailed("b"), detail: ""))
        script.add(.stepSkipped(step: "e", reason: .dependencyFailed("b"), detail: ""))
        #expect(script.state.count(.skipped) == 2)
        #expect(script.state.blockedSteps.isEmpty)

        script.add(.stepRetry(step: "b", reason: "network is back"))
        for step: StepID in ["b", "d", "e"] { #expect(script.state.status(of: step) == .pending) }
        #expect(script.state.step("d")?.skipReason == nil)
        #expect(script.state.readySteps == ["b", "f"])

        script.run("b", attempt: 2)
        #expect(script.state.readySteps == ["d", "f"])
    }

    @Test func retryReopensDependentsSkippedForTheSkippedStepBetween() {
        let plan = Fixtures.plan([
            Fixtures.command("b"), Fixtures.command("d", dependsOn: ["b"]), Fixtures.command("e", dependsOn: ["d"]),
        ])
        var script = EventScript(plan: plan)
        script.run("b", succeeds: false)
        script.add(.stepSkipped(step: "d", reason: .dependencyFailed("b"), detail: ""))
        script.add(.stepSkipped(step: "e", reason: .dependencyFailed("d"), detail: ""))
        script.add(.stepRetry(step: "b", reason: "again"))
        #expect(script.state.status(of: "d") == .pending)
        #expect(script.state.status(of: "e") == .pending)
    }

    @Test func retryLeavesStepsSkippedForAnotherFailureSkipped() {
        let plan = Fixtures.plan([
            Fixtures.command("b"), Fixtures.command("c"), Fixtures.command("d", dependsOn: ["b", "c"]),
        ])
        var script = EventScript(plan: plan)
        script.run("b", succeeds: false)
        script.run("c", succeeds: false)
        script.add(.stepSkipped(step: "d", reason: .dependencyFailed("c"), detail: ""))
        script.add(.stepRetry(step: "b", reason: "again"))
        #expect(script.state.status(of: "d") == .skipped)
    }

    @Test func retryOfADoneStepIsIgnored() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.run("a")
        script.add(.stepRetry(step: "a", reason: "why not"))
        #expect(script.state.status(of: "a") == .done)
        #expect(script.state.ignoredEventCount == 1)
    }

    // MARK: Remediation

    @Test func remediationStepsAreReadyFirstAndTheFailedStepWaitsForThem() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a"])]))
        script.run("a", succeeds: false)
        let fixes = [Fixtures.command("fix-1"), Fixtures.command("fix-2")]
        script.add(.remediationApplied(step: "a", remediationID: "install-dep", newSteps: fixes))
        var state = script.state
        #expect(state.ignoredEventCount == 0)
        #expect(state.plan?.steps.map(\.id) == ["a", "b", "fix-1", "fix-2"])
        #expect(state.plan?.step("a")?.dependsOn == ["fix-1", "fix-2"])
        #expect(state.status(of: "a") == .pending)
        #expect(state.readySteps == ["fix-1", "fix-2"])

        script.run("fix-1")
        script.run("fix-2")
        #expect(script.state.readySteps == ["a"])
        script.run("a", attempt: 2)
        state = script.state
        #expect(state.readySteps == ["b"])
        #expect(state.step("a")?.attempt == 2)
    }

    @Test func aRemediationThatChangesTheFailedStepRedefinesItForItsReRun() throws {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("z"), Fixtures.command("a", dependsOn: ["z"])]))
        script.run("z")
        script.run("a", succeeds: false)
        let adjusted = StepAdjustment(remediation: "extend-timeout", timeoutSeconds: 1800, extraArguments: ["--user"])
            .applied(to: try #require(script.state.plan?.step("a")))
        var retried = adjusted
        retried.dependsOn = []
        script.add(.remediationApplied(step: "a", remediationID: "extend-timeout", newSteps: [], retriedAs: retried))
        let state = script.state
        #expect(state.ignoredEventCount == 0)
        #expect(state.status(of: "a") == .pending)
        #expect(state.plan?.step("a")?.timeoutSeconds == 1800)
        #expect(state.plan?.step("a")?.dependsOn == ["z"])
        #expect(state.plan?.step("a")?.action == .postInstall(CommandParameters(argv: ["true", "a", "--user"])))
        // A replacement must keep the failed step's id.
        var other = retried
        other.id = "b"
        script.run("a", attempt: 2, succeeds: false)
        script.add(.remediationApplied(step: "a", remediationID: "x", newSteps: [], retriedAs: other))
        #expect(script.state.ignoredEventCount == 1)
    }

    @Test func invalidRemediationSplicesAreIgnoredAndCounted() {
        let plan = Fixtures.plan([Fixtures.command("a"), Fixtures.command("b")])
        var script = EventScript(plan: plan)
        script.run("a", succeeds: false)
        // A new step whose id the plan already has.
        script.add(.remediationApplied(step: "a", remediationID: "r1", newSteps: [Fixtures.command("b")]))
        // Two new steps with the same id.
        script.add(.remediationApplied(step: "a", remediationID: "r2", newSteps: [Fixtures.command("x"), Fixtures.command("x")]))
        // The step it remedies has not failed.
        script.add(.remediationApplied(step: "b", remediationID: "r3", newSteps: [Fixtures.command("y")]))
        // The step it remedies is not in the plan.
        script.add(.remediationApplied(step: "ghost", remediationID: "r4", newSteps: [Fixtures.command("y")]))
        // A new step that depends on a step nobody has.
        script.add(.remediationApplied(step: "a", remediationID: "r5", newSteps: [Fixtures.command("y", dependsOn: ["nowhere"])]))
        // A new step that depends on the failed step, which will depend on it: a cycle.
        script.add(.remediationApplied(step: "a", remediationID: "r6", newSteps: [Fixtures.command("y", dependsOn: ["a"])]))
        let state = script.state
        #expect(state.ignoredEventCount == 6)
        #expect(state.plan == plan)
        #expect(state.status(of: "a") == .failed)
        #expect(state.readySteps == ["b"])
    }

    @Test func remediationProposalsAndDiagnosisLandOnTheStep() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("ripgrep")]))
        script.run("ripgrep", succeeds: false)
        let remediation = Remediation(id: "wait-for-lock", strategy: .retryWithModifier, summary: "wait", modifier: ["wait_seconds": "30"])
        let diagnosis = Diagnosis(kind: .packageManagerLocked, confidence: 0.95, evidence: ["Could not get lock"], remediations: [remediation], ruleID: "apt-lock")
        script.add(.failureAnalysed(step: "ripgrep", diagnosis: diagnosis))
        script.add(.remediationProposed(step: "ripgrep", remediations: [remediation], chainDepth: 2))
        script.add(.remediationAccepted(step: "ripgrep", remediationID: "wait-for-lock"))
        let step = script.state.step("ripgrep")
        #expect(step?.diagnosis == diagnosis)
        #expect(step?.proposedRemediations == [remediation])
        #expect(step?.remediationChainDepth == 2)
        #expect(step?.acceptedRemediations == ["wait-for-lock"])
        #expect(step?.status == .failed)
        #expect(script.state.readySteps.isEmpty)
    }

    // MARK: The plan's own status

    @Test func pauseEmptiesTheReadySetUntilResumed() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a"])]))
        script.run("a")
        script.add(.planPaused(reason: .acknowledgementRequired, step: "a", message: "log out and back in"))
        #expect(script.state.status == .paused)
        #expect(script.state.pause?.step == "a")
        #expect(script.state.readySteps.isEmpty)
        script.start("b")
        #expect(script.state.status(of: "b") == .pending)
        #expect(script.state.ignoredEventCount == 1)

        script.add(.planResumed(acknowledged: true))
        #expect(script.state.status == .running)
        #expect(script.state.pause == nil)
        #expect(script.state.readySteps == ["b"])
    }

    @Test func stepsDoNotStartBeforeThePlanStartsOrAfterItEnds() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b")]), started: false)
        script.start("a")
        #expect(script.state.status(of: "a") == .pending)
        script.add(.planStarted)
        script.run("a")
        script.add(.planFailed(reason: "gave up"))
        script.start("b")
        #expect(script.state.status(of: "b") == .pending)
        #expect(script.state.ignoredEventCount == 2)
    }

    @Test func planDoneIsIgnoredUntilEveryStepFinishedWell() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b")]))
        script.start("a")
        script.add(.planDone)
        #expect(script.state.status == .running)
        #expect(script.state.ignoredEventCount == 1)
        script.succeed("a")
        script.add(.stepSkipped(step: "b", reason: .alreadySatisfied, detail: "installed"))
        script.add(.planDone)
        #expect(script.state.status == .done)
        #expect(script.state.ignoredEventCount == 1)
        #expect(script.state.isComplete)
    }

    @Test func anEndedPlanStaysEnded() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.run("a")
        script.add(.planDone)
        for body: EventBody in [
            .planFailed(reason: "late"), .planCancelled(reason: "late"), .planInterrupted(cause: .crashDetected),
            .planPaused(reason: .restartRequired, step: "a", message: ""), .planResumed(acknowledged: true),
        ] {
            script.add(body)
        }
        #expect(script.state.status == .done)
        #expect(script.state.ignoredEventCount == 5)
    }

    @Test func failedPlanCanBeResumed() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.run("a", succeeds: false)
        script.add(.planFailed(reason: "a failed"))
        #expect(script.state.failureReason == "a failed")
        script.add(.planResumed(acknowledged: false))
        script.add(.stepRetry(step: "a", reason: "fixed by hand"))
        #expect(script.state.status == .running)
        #expect(script.state.failureReason == nil)
        #expect(script.state.endedAt == nil)
        #expect(script.state.readySteps == ["a"])
    }

    @Test func eventsBeforeThePlanIsCreatedAreIgnored() {
        var script = EventScript()
        script.add(.planStarted)
        script.add(.planDone)
        script.add(.planInterrupted(cause: .crashDetected))
        #expect(script.state.status == .empty)
        #expect(script.state.ignoredEventCount == 3)
        #expect(script.state.eventCount == 3)
    }

    @Test func aSecondPlanCreatedIsIgnored() {
        let plan = Fixtures.plan([Fixtures.command("a")])
        var script = EventScript(plan: plan)
        script.add(.planCreated(Fixtures.plan([Fixtures.command("z")], id: "p-000000000099")))
        #expect(script.state.plan == plan)
        #expect(script.state.ignoredEventCount == 1)
    }

    @Test func aPlanThatIsNotADAGFoldsWithItsErrorAndNothingReady() {
        let plan = Fixtures.plan([Fixtures.command("a", dependsOn: ["b"]), Fixtures.command("b", dependsOn: ["a"])])
        var script = EventScript(plan: plan)
        script.start("a")
        let state = script.state
        #expect(state.planError == .cycle(["a", "b"]))
        #expect(state.readySteps.isEmpty)
        #expect(state.status(of: "a") == nil)
        #expect(state.steps.map(\.status) == [.pending, .pending])
        #expect(state.ignoredEventCount == 1)
    }

    // MARK: Counting

    @Test func unknownEventTypesAreCountedAndSkipped() throws {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.add(.unknown(type: "step_teleported"))
        let line = #"{"v":2,"seq":4,"time":5,"type":"plan_teleported","where":"mars"}"#
        var state = script.state
        state.apply(try EventJSON.decode(line: line))
        // A binary record of an unknown tag: seq 5, time 0.
        state.apply(try EventPayload.decode([0x7F, 5] + [UInt8](repeating: 0, count: 15)))
        #expect(state.unknownEventCount == 3)
        #expect(state.ignoredEventCount == 0)
        #expect(state.eventCount == 5)
        #expect(state.readySteps == ["a"])
    }

    /// Generated (seeded): a log where one known event repeats or goes back on a sequence number (a
    /// second writer) folds as if that event were not there, counted as ignored; an unknown event
    /// (a seal) may repeat the last number.
    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func anEventWhoseSequenceNumberDoesNotFollowTheLastIsIgnored(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b")]))
        script.start("a")
        script.succeed("a")
        script.start("b")
        let events = script.events
        let replayedIndex = Int(random.next() % UInt64(events.count - 1)) + 1
        let stale = try #require(events.dropFirst(replayedIndex).first)
        let number = stale.sequence - random.next() % stale.sequence
        let duplicate = Event(sequence: number, time: stale.time, body: .stepDone(step: "b", exitCode: 0, durationMicros: 1, note: nil))
        let before = PlanState.fold(events)
        var state = before
        state.apply(duplicate)
        #expect(state.steps == before.steps && state.status == before.status && state.lastSequence == before.lastSequence)
        #expect(state.ignoredEventCount == before.ignoredEventCount + 1 && state.eventCount == before.eventCount + 1)
        #expect(state.step("b")?.status == .running)

        state.apply(Event(sequence: state.lastSequence, time: stale.time, body: .unknown(type: "log_sealed")))
        #expect(state.unknownEventCount == 1 && state.ignoredEventCount == 1)
    }

    @Test func eventsForStepsNotInThePlanAreIgnoredAndCounted() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.start("ghost")
        script.add(.outputChunk(step: "ghost", stream: .stdout, data: [1], redacted: false))
        script.add(.stepDone(step: "ghost", exitCode: 0, durationMicros: 0, note: nil))
        #expect(script.state.ignoredEventCount == 3)
        #expect(script.state.status(of: "a") == .pending)
    }

    @Test func outputChunksCountBytesPerStream() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.start("a")
        script.add(.outputChunk(step: "a", stream: .stdout, data: Array(repeating: 65, count: 100), redacted: false))
        script.add(.outputChunk(step: "a", stream: .stderr, data: [0xFF, 0xFE], redacted: true))
        script.add(.outputChunk(step: "a", stream: .stdout, data: [], redacted: false))
        #expect(script.state.step("a")?.stdoutBytes == 100)
        #expect(script.state.step("a")?.stderrBytes == 2)
    }

    @Test func timesComeFromTheEvents() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.run("a")
        script.add(.planDone)
        let state = script.state
        let events = script.events
        #expect(state.createdAt == events[0].time)
        #expect(state.startedAt == events[1].time)
        #expect(state.endedAt == events[4].time)
        #expect(state.elapsedMicros == events[4].time.microseconds(since: events[1].time))
        #expect(state.step("a")?.durationMicros == 1_000)
    }

    @Test func extremeTimestampsSaturateInsteadOfTrapping() {
        var state = PlanState()
        let plan = Fixtures.plan([Fixtures.command("a")])
        state.apply(Event(sequence: 1, time: Timestamp(microseconds: 0), body: .planCreated(plan)))
        state.apply(Event(sequence: 2, time: Timestamp(microseconds: .min), body: .planStarted))
        state.apply(Event(sequence: 3, time: Timestamp(microseconds: .min), body: .stepStarted(step: "a", attempt: 1, command: [])))
        state.apply(Event(sequence: 4, time: Timestamp(microseconds: .max), body: .stepDone(step: "a", exitCode: 0, durationMicros: .max, note: nil)))
        #expect(state.elapsedMicros == .max)
        #expect(state.step("a")?.durationMicros == .max)
        #expect(Timestamp(microseconds: .min).microseconds(since: Timestamp(microseconds: .max)) == .min)
        #expect(Timestamp(microseconds: .max).adding(microseconds: 1) == Timestamp(microseconds: .max))
        #expect(Timestamp(microseconds: .min).adding(microseconds: -1) == Timestamp(microseconds: .min))
        #expect(Timestamp(microseconds: 10).adding(microseconds: -4) == Timestamp(microseconds: 6))
    }

    /// A checkpoint is read from the log: counts at the end of their type in it (a hand-made log) stay there as
    /// more events come, instead of ending every reader of the log (`status`, the fleet page, `evlog serve`).
    @Test(arguments: [Int64.max, .max - 1, .min])
    func countsAtTheEndOfTheirTypeInACheckpointSaturate(claimed: Int64) {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.start("a")
        var snapshot = script.state
        snapshot.steps[0].stdoutBytes = claimed
        snapshot.steps[0].stderrBytes = claimed
        snapshot.eventCount = Int(truncatingIfNeeded: claimed)
        snapshot.ignoredEventCount = .max
        snapshot.unknownEventCount = .max
        let before = script.events.count
        script.add(.checkpoint(snapshot))
        script.add(.outputChunk(step: "a", stream: .stdout, data: Array(repeating: 65, count: 100), redacted: false))
        script.add(.outputChunk(step: "a", stream: .stderr, data: [1, 2], redacted: false))
        script.add(.outputChunk(step: "nowhere", stream: .stderr, data: [1], redacted: false))
        script.add(.unknown(type: "from-a-newer-evlog"))
        // Folded from the checkpoint, as a reader that opens the log there does.
        let state = PlanState.fold(script.events.dropFirst(before))
        #expect(state.step("a")?.stdoutBytes == (claimed < 0 ? claimed + 100 : .max))
        #expect(state.step("a")?.stderrBytes == (claimed < 0 ? claimed + 2 : .max))
        #expect(state.ignoredEventCount == .max && state.unknownEventCount == .max)
    }

    /// A checkpoint is where a fold may start, never a state met on the way: one appended after a failed plan's last
    /// record (integrity16 finding 1: a forged "done") changes nothing of what the log's events say.
    @Test func aCheckpointMetAfterTheFirstEventIsNotTheState() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]))
        script.start("a")
        let claimed = script.state
        script.fail("a")
        script.add(.planFailed(reason: "a failed"))
        var forged = claimed
        forged.status = .done
        script.add(.checkpoint(forged))
        #expect(script.state.status == .failed)
        #expect(script.state.step("a")?.status == .failed)
    }
}
