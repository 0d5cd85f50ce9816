import InstallModel

/// The one way to run a plan: wires the recorder, the runner, the executors, the host's clock and
/// commands, the secrets and the interruption, the same for `install`, `resume`, `run`, `remedy`, the
/// simulator and the tests.
///
/// A session records into `store`, which already holds the events that folded to `state` (empty for a
/// new plan). Observers (the live console) see every event after it is stored.
public final class PlanSession {
    /// How the run behaves, beyond where it runs.
    public struct Settings: Sendable {
        public var run: RunSettings
        /// Written to `sudo -S` on stdin when a root step runs and we are not root; also registered as a secret.
        public var sudoPassword: String?
        public var crash: CrashInjection?
        public var analyser: any FailureAnalysing
        /// Where `switch_method` remediations get another method's steps (the recipe catalog).
        public var alternatives: (any AlternativeMethods)?

        public init(
            run: RunSettings, sudoPassword: String? = nil, crash: CrashInjection? = nil,
            analyser: any FailureAnalysing = RuleBasedAnalyser(), alternatives: (any AlternativeMethods)? = nil
        ) {
            self.run = run
            self.alternatives = alternatives
            self.sudoPassword = sudoPassword
            self.crash = crash
            self.analyser = analyser
        }
    }

    public let recorder: EventRecorder
    private let host: PlanHost
    private let settings: Settings

    public init(store: any EventStore, state: PlanState = PlanState(), host: PlanHost, settings: Settings, observers: [any EventObserver] = []) {
        // The one place a run's secrets come together (the sudo password, secret values of the
        // children's environment); the recorder applies them to every event it stores or shows.
        let policy = SecretPolicy(secrets: (settings.sudoPassword.map { [$0] } ?? []) + host.secrets)
        recorder = EventRecorder(store: store, clock: host.clock, state: state, crash: settings.crash, policy: policy)
        for observer in observers { recorder.addObserver(observer) }
        self.host = host
        self.settings = settings
    }

    /// Records `plan_created`, lets `confirm` decide (a `false` records `plan_cancelled`), then runs. A `false` after a
    /// signal (one that ended the asking: repro13 F2, a Ctrl-C at the prompt waited for the answer, and a later "y"
    /// started the plan only to record it interrupted) cancels the plan with that signal. A signal with no asking
    /// (`--yes`) interrupts the run as ever, so it can be resumed.
    public func start(_ plan: Plan, confirm: () -> Bool = { true }, interruption: Interruption = Interruption()) async throws -> PlanStatus {
        try recorder.record(.planCreated(plan))
        guard confirm() else {
            let reason = interruption.requested.map(Self.cancelledAtPrompt(by:)) ?? "declined at the confirmation prompt"
            try recorder.record(.planCancelled(reason: reason))
            return .cancelled
        }
        return try await run(unscrubbed: plan.steps, interruption: interruption)
    }

    /// Continues the plan the store holds: `prepare` records what resuming means (see
    /// `ResumePreparation`) and returns false when the plan must not run.
    public func resume(prepare: (EventRecorder) throws -> Bool, interruption: Interruption = Interruption()) async throws -> PlanStatus {
        guard try prepare(recorder) else { return recorder.state.status }
        return try await run(unscrubbed: [], interruption: interruption)
    }

    /// The `plan_cancelled` reason of a plan a signal stopped at its confirmation prompt.
    public static func cancelledAtPrompt(by signal: String) -> String { "interrupted by \(signal) at the confirmation prompt" }

    /// The signal a `plan_cancelled` reason says stopped the plan at its prompt (`cancelledAtPrompt`), or nil.
    public static func promptSignal(cancelling reason: String) -> String? {
        SignalWatch.watched.first { reason == cancelledAtPrompt(by: $0.name) }?.name
    }

    /// Closes the store; the session records nothing after this.
    public func close() throws { try recorder.close() }

    private func run(unscrubbed: [Step], interruption: Interruption) async throws -> PlanStatus {
        guard let plan = recorder.state.plan else { return recorder.state.status }
        let (host, profile, planID) = (self.host, plan.profile, plan.id)
        let password = settings.sudoPassword
        let runner = PlanRunner(
            recorder: recorder, driver: host.makeDriver(), analyser: settings.analyser,
            settings: settings.run,
            unscrubbedSteps: unscrubbed, alternatives: settings.alternatives
        ) { step, io in
            var context = ExecutionContext(
                runner: host.runnerForStep?(step) ?? host.runner, fileSystem: host.fileSystem, profile: profile, io: io, environment: host.environment,
                userHome: host.userHome, workDirectory: host.workDirectory + "/" + planID.rawValue,
                backupDirectory: host.backupDirectory + "/" + planID.rawValue, sudoPassword: password, timeoutSeconds: step.timeoutSeconds,
                planID: planID)
            context.adjustedEnvironment = AdjustedEnvironment.variables(of: step, userHome: host.userHome)
            context.boundsUnrecordedFetches = host.boundsUnrecordedFetches
            return context
        }
        return try await runner.run(interruption: interruption)
    }
}
