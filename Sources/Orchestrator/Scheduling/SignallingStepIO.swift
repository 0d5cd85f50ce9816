import InstallModel
import Synchronization

/// A `StepIO` that passes what a step reports on as signals, stamped with the step's time.
///
/// Output goes out as it comes, in chunks of at most `EventRecorder.outputChunkBytesMax`; it is not
/// redacted here — the recorder applies the run's `SecretPolicy` before anything is stored or shown.
public final class SignallingStepIO: StepIO {
    private let step: StepID
    private let elapsedMicros: Mutex<Int64>
    private let timeSource: @Sendable (_ elapsedMicros: Int64) -> Timestamp
    private let deliver: @Sendable (StepSignal) -> Void
    private let budget: OutputBudget?
    private let realTime: Bool

    /// `timeSource` turns the step's virtual elapsed time into a timestamp (the real driver ignores it).
    public init(
        step: StepID, timeSource: @escaping @Sendable (Int64) -> Timestamp,
        budget: OutputBudget? = nil, realTime: Bool = false, deliver: @escaping @Sendable (StepSignal) -> Void
    ) {
        self.budget = budget
        self.realTime = realTime
        self.step = step
        elapsedMicros = Mutex(0)
        self.timeSource = timeSource
        self.deliver = deliver
    }

    public func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let time = currentTime
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + EventRecorder.outputChunkBytesMax)
            let piece = start == 0 && end == bytes.count ? bytes : Array(bytes[start..<end])
            budget?.add(piece.count)
            deliver(StepSignal(step: step, time: time, kind: .output(stream, piece)))
            start = end
        }
    }

    public func waitForRoom() async { await budget?.waitForRoom() }

    /// On the virtual clock (`realTime` false) time just moves on; on the real one the step sleeps.
    public func pause(microseconds: Int64) async {
        if realTime {
            try? await Task.sleep(for: .microseconds(microseconds))
        } else {
            elapse(microseconds: microseconds)
        }
    }

    public func elapse(microseconds: Int64) {
        elapsedMicros.withLock { $0 += max(0, microseconds) }
    }

    public func commandStarted(_ argv: [String], process: ProcessIdentity?) {
        deliver(StepSignal(step: step, time: currentTime, kind: .commandStarted(argv, process)))
    }

    public func commandFinished(_ result: CommandResult) {
        deliver(StepSignal(step: step, time: currentTime, kind: .commandFinished(
            result.exitCode, outputOrder: result.outputOrder, timedOut: result.termination == .timedOut)))
    }

    public func packageSetChanged(_ change: PackageSetChange) {
        deliver(StepSignal(step: step, time: currentTime, kind: .packageSetChanged(change)))
    }

    public func fileInstalled(_ file: InstalledFile) {
        deliver(StepSignal(step: step, time: currentTime, kind: .fileInstalled(file)))
    }

    /// Reports the outcome (the step's last signal).
    public func finish(_ outcome: StepOutcome) {
        deliver(StepSignal(step: step, time: currentTime, kind: .finished(outcome)))
    }

    private var currentTime: Timestamp { timeSource(elapsedMicros.withLock { $0 }) }
}
