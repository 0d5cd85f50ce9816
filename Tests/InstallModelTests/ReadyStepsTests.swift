import InstallModel
import Testing

@Suite struct ReadySetTests {
    @Test func twoAptStepsAreNeverReadyTogether() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), Fixtures.packages("curl")]))
        #expect(script.state.readySteps == ["git"])
        script.start("git")
        #expect(script.state.readySteps.isEmpty)
        script.succeed("git")
        #expect(script.state.readySteps == ["curl"])
    }

    @Test func anAptStepAndAPipStepMayBeReadyTogether() {
        let script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), Fixtures.pipTool("httpie")]))
        #expect(script.state.readySteps == ["git", "httpie"])
    }

    @Test func stepsWithoutALockRunBesideAnyLock() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), Fixtures.packages("curl"), Fixtures.command("echo")]))
        script.start("git")
        #expect(script.state.readySteps == ["echo"])
    }

    @Test func dnfAndYumShareOneLock() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("git", .yum), Fixtures.packages("curl", .dnf)]))
        #expect(script.state.readySteps == ["git"])
        script.start("git")
        #expect(script.state.readySteps.isEmpty)
        script.succeed("git")
        #expect(script.state.readySteps == ["curl"])
    }

    @Test func repoSetupAndPackagesOfOneManagerShareItsLock() {
        let repo = Step(
            id: "docker-repo", label: "add docker's apt repo",
            action: .repoSetup(RepoSetupParameters(manager: .apt, name: "docker")), needsRoot: true)
        let script = EventScript(plan: Fixtures.plan([repo, Fixtures.packages("git")]))
        #expect(script.state.readySteps == ["docker-repo"])
    }

    /// The lock is known from the step's data: a shell command that runs apt-get holds apt's lock only when it says so.
    @Test func theLockComesFromTheStepNotFromItsCommand() {
        let declared = Step(
            id: "shell-apt", label: "apt via bash",
            action: .postInstall(CommandParameters(argv: ["bash", "-c", "apt-get install -y jq"])), lock: .apt)
        let undeclared = Step(
            id: "shell-other", label: "looks like apt",
            action: .postInstall(CommandParameters(argv: ["bash", "-c", "apt-get --version"])))
        let script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), declared, undeclared]))
        #expect(script.state.readySteps == ["git", "shell-other"])
    }

    @Test func aFailedAptStepDoesNotBlockTheNextIndependentAptStep() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), Fixtures.packages("curl")]))
        script.start("git")
        #expect(script.state.readySteps.isEmpty)
        script.fail("git")
        #expect(script.state.readySteps == ["curl"])
    }

    /// Ordering follows the topological order, so an apt step waits for an earlier apt step that is blocked,
    /// until the orchestrator skips it.
    @Test func anAptStepAfterABlockedAptStepRunsOnceTheBlockedOneIsSkipped() {
        let plan = Fixtures.plan([
            Fixtures.packages("git"), Fixtures.packages("git-lfs", dependsOn: ["git"]), Fixtures.packages("curl"),
        ])
        var script = EventScript(plan: plan)
        script.run("git", succeeds: false)
        #expect(script.state.blockedSteps.map(\.step) == ["git-lfs"])
        #expect(script.state.readySteps.isEmpty)
        script.add(.stepSkipped(step: "git-lfs", reason: .dependencyFailed("git"), detail: ""))
        #expect(script.state.readySteps == ["curl"])
    }

    @Test func aRetriedAptStepWaitsWhileALaterAptStepRuns() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), Fixtures.packages("curl")]))
        script.run("git", succeeds: false)
        script.start("curl")
        script.add(.stepRetry(step: "git", reason: "lock was busy"))
        #expect(script.state.readySteps.isEmpty)
        script.succeed("curl")
        #expect(script.state.readySteps == ["git"])
    }

    @Test func aRetriedAptStepIsNotOfferedWithAnotherReadyAptStep() {
        let plan = Fixtures.plan([Fixtures.packages("git"), Fixtures.packages("curl"), Fixtures.packages("wget")])
        var script = EventScript(plan: plan)
        script.run("git", succeeds: false)
        script.run("curl")
        #expect(script.state.readySteps == ["wget"])
        // git's only ordering predecessor is none at all, and wget's (curl) has finished: the chain alone would offer both.
        script.add(.stepRetry(step: "git", reason: "lock was busy"))
        #expect(script.state.readySteps == ["git"])
        script.run("git", attempt: 2)
        #expect(script.state.readySteps == ["wget"])
    }

    @Test func aRemediationAptStepWaitsForTheRunningAptStep() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), Fixtures.packages("curl")]))
        script.run("git", succeeds: false)
        script.start("curl")
        script.add(.remediationApplied(step: "git", remediationID: "fix", newSteps: [Fixtures.packages("fix-dpkg")]))
        #expect(script.state.readySteps.isEmpty)
        script.succeed("curl")
        #expect(script.state.readySteps == ["fix-dpkg"])
    }

    @Test func anUncertainAptStepHoldsTheLockUntilResolved() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.packages("git"), Fixtures.packages("curl"), Fixtures.pipTool("httpie")]))
        script.start("git")
        script.add(.planInterrupted(cause: .crashDetected))
        script.add(.planResumed(acknowledged: false))
        #expect(script.state.readySteps == ["httpie"])
        script.add(.stepFailed(step: "git", cause: .unexplained("dpkg was interrupted"), durationMicros: 0))
        #expect(script.state.readySteps == ["curl", "httpie"])
    }

    @Test func dependenciesSkippedAsSatisfiedCountAsDoneButFailedOnesDoNot() {
        let plan = Fixtures.plan([
            Fixtures.command("a"), Fixtures.command("b"), Fixtures.command("c"),
            Fixtures.command("after-a", dependsOn: ["a"]), Fixtures.command("after-b", dependsOn: ["b"]),
            Fixtures.command("after-c", dependsOn: ["c"]),
        ])
        var script = EventScript(plan: plan)
        script.add(.stepSkipped(step: "a", reason: .alreadySatisfied, detail: "installed"))
        script.add(.stepSkipped(step: "b", reason: .userSkipped, detail: "--skip b"))
        script.run("c", succeeds: false)
        #expect(script.state.readySteps == ["after-a", "after-b"])
        #expect(script.state.blockedSteps.map(\.step) == ["after-c"])
    }

    @Test func nothingIsReadyUnlessThePlanRuns() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a")]), started: false)
        #expect(script.state.readySteps.isEmpty)
        script.add(.planStarted)
        #expect(script.state.readySteps == ["a"])
    }

    @Test func readyStepsComeInPlanOrderAmongIndependentSteps() {
        let plan = Fixtures.plan([Fixtures.command("zeta"), Fixtures.command("alpha"), Fixtures.command("mid")])
        #expect(EventScript(plan: plan).state.readySteps == ["zeta", "alpha", "mid"])
    }

    @Test func completeMeansEveryStepDoneOrSkippedForAGoodReason() {
        var script = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a"])]))
        script.run("a", succeeds: false)
        script.add(.stepSkipped(step: "b", reason: .dependencyFailed("a"), detail: ""))
        #expect(script.state.openSteps.isEmpty)
        #expect(!script.state.isComplete)

        var satisfied = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.command("b")]))
        satisfied.run("a")
        satisfied.add(.stepSkipped(step: "b", reason: .alreadySatisfied, detail: "installed"))
        #expect(satisfied.state.isComplete)
    }
}
