import InstallModel
import Orchestrator

/// Re-runs a recorded plan offline, session by session, with the real orchestrator and executors: the
/// plan keeps its id and the environment its log recorded (user, homes, work directories, what its steps
/// found in the files they change, the programs its commands ran by path), the steps
/// start as the log started them (`ReplayDriver`), commands print what the log recorded
/// (`ReplayRunner`), what the user decided between sessions is recorded again as it was, a signal
/// arrives where it arrived, and a process that died stops where it stopped. Every event is compared
/// with the original's as it is recorded (`LogComparison`); the first difference is thrown.
public enum Reproduction {
    /// Reproduces the log `outline` was read from; `events` is a fresh stream of that log, read once by
    /// both the driver and the comparison (`EventTee`). Events are stored in `store`, which is closed at
    /// the end. `analyser` and `alternatives` must be the original run's (failures are
    /// analysed again). Returns how many events were compared.
    public static func run(
        _ outline: ReproductionOutline, events: some Sequence<Event>, into store: any EventStore, analyser: any FailureAnalysing = RuleBasedAnalyser(),
        alternatives: (any AlternativeMethods)? = nil
    ) async throws -> Int {
        let environment = outline.plan.environment ?? .simulated
        let (schedule, original) = EventTee(events.lazy.map(comparedPart)).cursors
        let hints = [pathsHint(outline.plan), commandsHint(outline), ownFileFailureHint(outline)].compactMap { $0 }
        let comparison = LogComparison(original: original, hint: hints.isEmpty ? nil : hints.joined(separator: "\n"))
        let comparing = ComparingEventStore(storingIn: store, comparison: comparison)
        let recorded = RecordedSchedule(schedule)
        let clock = VirtualClock(start: outline.createdAt)
        // A program the log shows run is there, unless the plan's recorded facts found it absent when the plan was made:
        // then a step of the plan put it there (a release's binary, run by its verify step), and it is not there before
        // that step (repro20 #6: a backup of a non-root user's ~/.local/bin/TOOL that never existed).
        let knownAbsent = environment.factsRevision == nil ? [] : Set(FileFacts.interest(in: outline.plan, userHome: environment.userHome).keys)
            .subtracting(environment.files.map(\.path))
        let fileFailures = RecordedFileFailures(outline.ownFileFailures)
        let programs = Dictionary(uniqueKeysWithValues: outline.programs.subtracting(knownAbsent).map { ($0, [UInt8]()) })
        let files = Dictionary(environment.files.map { ($0.path, $0.contents) }) { first, _ in first }
        let fileSystem = SimulatedFileSystem(
            files: programs.merging(files) { $1 }, executables: outline.programs, failures: fileFailures)
        let packageDatabase = SimulatedPackageDatabase(
            outline.packageChanges, halfMadeVenvs: outline.halfMadeVenvs, userHome: environment.userHome, fileSystem: fileSystem)
        var plan = outline.plan
        plan.simulation = Simulation(fixtureSet: "reproduction of \(plan.id)", seed: 0, isReproduction: true)
        var state = PlanState()
        var open: PlanSession?
        for (index, session) in outline.sessions.enumerated() {
            comparison.beginSession(lastSequence: session.lastSequence, crashed: session.end == .crashed)
            let interruption = Interruption()
            let driver = ReplayDriver(
                schedule: recorded, session: session, terminations: outline.terminations, clock: clock, interruption: interruption,
                packageDatabase: packageDatabase, fileFailures: fileFailures, diverged: { comparison.diverged($0) })
            defer { driver.abandonAll() }
            let settings = PlanSession.Settings(
                run: RunSettings(jobs: Int(Int32.max), autoRemediate: session.remediatesAutomatically),
                analyser: AnalyserOnFirstFailure(analyser: analyser),
                alternatives: alternatives)
            let planSession = PlanSession(
                store: comparing, state: state,
                host: .replaying(driver, environment: environment, fileSystem: fileSystem, clock: clock, partialFetches: outline.filesPresentBeforeFetch),
                settings: settings)
            do {
                if index == 0 {
                    _ = try await planSession.start(plan, confirm: {
                        // A signal at the prompt cancelled the original (repro13 F2): it arrives while this one asks.
                        if let signal = session.promptSignal { interruption.request(signal) }
                        return session.runs
                    }, interruption: interruption)
                } else {
                    _ = try await planSession.resume(prepare: { recorder in
                        for input in session.inputs { try recorder.record(input.body, at: input.time) }
                        return session.runs
                    }, interruption: interruption)
                }
                try comparison.endSession()
                open = planSession
            } catch is LogComparison.SessionEnded {
                open = nil
            }
            state = planSession.recorder.state
        }
        if let open { try open.close() } else { try comparing.close() }
        try comparison.finish()
        return comparison.comparedCount
    }

    /// What the driver and the comparison need of an original event: all of it, but of `plan_created` only the plan's id
    /// (the outline holds the plan; a plan of megabytes was held a second time while the tee kept its event, repro13 F5).
    static func comparedPart(_ event: Event) -> Event {
        guard case .planCreated(let plan) = event.body else { return event }
        let id = Plan(id: plan.id, tools: [], profile: plan.profile, steps: [])
        return Event(sequence: event.sequence, time: event.time, body: .planCreated(id))
    }

    /// Why `step_started` events may differ: a log whose first start names another command for its step than this
    /// evlog names (an older evlog's form), which a reproduction, recording as this evlog does, cannot match.
    static func commandsHint(_ outline: ReproductionOutline) -> String? {
        guard let older = outline.olderStartedCommand else { return nil }
        let shown = { (argv: [String]) in argv.isEmpty ? "no command" : "'" + ShellQuoting.line(argv) + "'" }
        return "why: this log was written by an older evlog, whose step_started events name other commands than this evlog's "
            + "(step \(older.step): \(shown(older.recorded)), where this evlog names \(shown(older.current))), so a reproduction "
            + "cannot match them event for event"
    }

    /// Why a step that failed in evlog's own file work may not fail again: the reproduction's file system is simulated,
    /// and replays what commands printed, not the errors the original's file system gave (repro20 #5).
    static func ownFileFailureHint(_ outline: ReproductionOutline) -> String? {
        guard let failure = outline.ownFileFailure else { return nil }
        return "why: in the original, step \(failure.step) failed in evlog's own file work, not in a command (\(failure.reason)); "
            + "a reproduction replays what commands printed, not the original file system's errors, so it cannot fail there as the original did"
    }

    /// Why paths in commands may differ: a real log from before evlog recorded where a plan ran.
    static func pathsHint(_ plan: Plan) -> String? {
        guard plan.environment == nil, plan.simulation == nil else { return nil }
        return "why: this log was written by an evlog that did not record the run's user, home and work directory "
            + "(its plan_created has no environment), so the reproduction used \(PlanEnvironment.simulated.userHome) and "
            + "\(PlanEnvironment.simulated.workDirectory); commands that name them cannot match"
    }
}
