import InstallModel

/// Something a running step reported: output, or that it ended.
public struct StepSignal: Sendable {
    /// What the signal carries.
    public enum Kind: Sendable {
        case output(OutputChannel, [UInt8])
        case commandStarted([String], ProcessIdentity?)
        /// Its exit code, why its output is not in write order (nil: it is), and whether it was stopped at its timeout.
        case commandFinished(Int32, outputOrder: String?, timedOut: Bool)
        /// What the step changed in its package manager's package set.
        case packageSetChanged(PackageSetChange)
        /// The file the step put in place, with its digest.
        case fileInstalled(InstalledFile)
        /// The step's output paused (`QuietOutputWatch`): release what redaction holds back.
        case quiet
        case finished(StepOutcome)
    }
    public var step: StepID
    public var time: Timestamp
    public var kind: Kind
    public init(step: StepID, time: Timestamp, kind: Kind) {
        self.step = step
        self.time = time
        self.kind = kind
    }
}

/// The work of one step: runs the executor, which emits through the `StepIO` it is given.
public typealias StepBody = @Sendable (any StepIO) async -> StepOutcome

/// Runs step bodies and hands back their signals in the order the orchestrator records them.
///
/// The real driver runs steps concurrently and yields signals as they arrive, stamped by the real clock.
/// The simulator's driver runs them on a virtual clock and yields signals in virtual-time order, which
/// makes a simulated run reproducible to the byte. Contract: every started step yields exactly one
/// `.finished` signal, after all of its output; `next()` returns nil only when no step is running.
public protocol ExecutionDriver: AnyObject, Sendable {
    /// Starts `body` for `step`.
    func start(_ step: StepID, body: @escaping StepBody)
    func next() async -> StepSignal?
    /// The driver's notion of now (virtual in a simulation).
    var now: Timestamp { get }
    /// Stops every running step (cancellation); each still yields its `.finished` signal.
    func cancelAll()
    /// Which of the steps ready in `state` start now, at most `slots`, in that order. A reproduction's
    /// driver starts them as the log it replays did; every other driver takes the first ready ones.
    func admit(from state: PlanState, slots: Int) -> [StepID]
}

extension ExecutionDriver {
    public func admit(from state: PlanState, slots: Int) -> [StepID] { state.readySteps(limit: slots) }
}
