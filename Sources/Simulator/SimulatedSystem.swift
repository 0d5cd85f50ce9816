import InstallModel
import Orchestrator

/// The world a simulated plan runs in: for each step a runner (recorded outputs, or synthetic ones, with
/// the plan's faults injected) and one in-memory filesystem shared by all steps, so nothing outside the
/// process is read or written, whatever the plan's steps do.
public struct SimulatedSystem: Sendable {
    public let fileSystem: SimulatedFileSystem
    /// The recorded-output runner; nil in synthetic mode.
    private let recorded: SimulatedRunner?
    private let seed: UInt64
    private let faults: [StepID: (fault: StepFault, sample: FailureSamples.Sample?)]

    /// `fixtures` is nil for a synthetic simulation; `history` is what the plan's log already holds (the
    /// commands it shows succeeding are the system's state, e.g. a fix a remediation ran). A `fail:KIND` fault gets the first sample of that kind
    /// that `analyser` diagnoses as KIND for its step; a fault that names no step of the plan, or a kind no
    /// sample shows, is an error.
    public init(
        plan: Plan, fixtures: FixtureSet?, failureSamples: FailureSamples,
        analyser: any FailureAnalysing = RuleBasedAnalyser(), fileSystem: SimulatedFileSystem = SimulatedFileSystem(),
        history: any Sequence<Event> = []
    ) throws(SimulatorError) {
        self.fileSystem = fileSystem
        let succeeded = SimulatedRunner.commandsThatSucceeded(in: history)
        recorded = fixtures.map { SimulatedRunner(fixtures: $0, succeeded: succeeded) }
        seed = plan.simulation?.seed ?? 0
        var faults: [StepID: (StepFault, FailureSamples.Sample?)] = [:]
        for fault in plan.simulation?.faults ?? [] {
            guard let step = plan.step(fault.step) else {
                throw .faultStepUnknown(fault: fault.description, steps: plan.steps.map(\.id.rawValue))
            }
            guard case .fail(let kind?) = fault.effect else {
                faults[fault.step] = (fault, nil)
                continue
            }
            guard let sample = SimulatedSystem.sample(of: kind, for: step, profile: plan.profile, in: failureSamples, analyser: analyser) else {
                throw .faultKindWithoutSample(fault: fault.description)
            }
            faults[fault.step] = (fault, sample)
        }
        self.faults = faults
    }

    /// The simulated world of `plan`: its fixture set located like `FixtureSet.locate`, or none for a
    /// synthetic one; failure samples from `Fixtures/failures` when the plan has faults. `history` is
    /// iterated once (a log's event stream will do: it is not held).
    public static func locate(
        for plan: Plan, history: any Sequence<Event> = [], executablePath: String, workingDirectory: String, environment: [String: String]
    ) throws -> SimulatedSystem {
        guard let simulation = plan.simulation else { throw SimulatorError.notSimulated }
        let fixtures = simulation.isSynthetic
            ? nil
            : try FixtureSet.locate(simulation.fixtureSet, executablePath: executablePath, workingDirectory: workingDirectory, environment: environment)
        let samples = simulation.faults.isEmpty
            ? FailureSamples(samples: [])
            : FailureSamples.locate(executablePath: executablePath, workingDirectory: workingDirectory, environment: environment)
        return try SimulatedSystem(plan: plan, fixtures: fixtures, failureSamples: samples, history: history)
    }

    /// The runner for one attempt of `step` (call once per attempt: a fault meets each attempt once), or
    /// for commands of no particular step.
    public func runner(for step: Step?) -> any CommandRunner {
        let base: any CommandRunner = recorded ?? SyntheticRunner(step: step, seed: seed, fileSystem: fileSystem)
        guard let step, let (fault, sample) = faults[step.id] else { return base }
        return FaultInjectingRunner(base: base, fault: fault, sample: sample, checksDigest: SimulatedSystem.checksDigest(step))
    }

    /// Whether the step checks what it fetches against a digest (pinned, or published in a checksum file).
    static func checksDigest(_ step: Step) -> Bool {
        switch step.action {
        case .githubRelease(let p): p.sha256 != nil || p.checksumFileURL != nil
        case .download(let p): p.sha256 != nil
        case .source(let p): p.sha256 != nil
        default: false
        }
    }

    private static func sample(
        of kind: FailureKind, for step: Step, profile: SystemProfile, in samples: FailureSamples, analyser: any FailureAnalysing
    ) -> FailureSamples.Sample? {
        samples.candidates(of: kind, for: step).first { sample in
            let session = analyser.makeSession(for: step, command: StepExecutors.plannedCommand(of: step), profile: profile)
            session.feed(.stderr, Array(sample.output.utf8))
            return session.finish(cause: .unexplained("exited with \(sample.exitCode)", exitCode: sample.exitCode)).kind == kind
        }
    }
}
