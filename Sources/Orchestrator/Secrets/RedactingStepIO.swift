import InstallModel
import Synchronization

/// A `StepIO` that redacts each stream and passes the result on as signals.
///
/// Output is split into chunks of at most `outputChunkBytesMax` so one event never holds a huge buffer.
public final class RedactingStepIO: StepIO {
    public static let outputChunkBytesMax = 64 * 1024
    private let step: StepID
    private let secrets: [String]
    private let redactors: Mutex<[OutputChannel: Redactor]>
    private let elapsedMicros: Mutex<Int64>
    private let timeSource: @Sendable (_ elapsedMicros: Int64) -> Timestamp
    private let deliver: @Sendable (StepSignal) -> Void
    private let budget: OutputBudget?
    private let realTime: Bool

    /// `timeSource` turns the step's virtual elapsed time into a timestamp (the real driver ignores it).
    public init(
        step: StepID, secrets: [String], timeSource: @escaping @Sendable (Int64) -> Timestamp,
        budget: OutputBudget? = nil, realTime: Bool = false, deliver: @escaping @Sendable (StepSignal) -> Void
    ) {
        self.budget = budget
        self.realTime = realTime
        self.step = step
        self.secrets = secrets
        let redactor = Redactor(secrets: secrets)
        redactors = Mutex([.stdout: redactor, .stderr: redactor])
        elapsedMicros = Mutex(0)
        self.timeSource = timeSource
        self.deliver = deliver
    }

    public func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let (clean, redacted) = redactors.withLock { $0[stream, default: Redactor(secrets: [])].process(bytes) }
        send(stream, clean, redacted)
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

    public func commandStarted(_ argv: [String]) {
        flush()
        let redactor = Redactor(secrets: secrets)
        deliver(StepSignal(step: step, time: currentTime, kind: .commandStarted(argv.map(redactor.redact))))
    }

    public func commandFinished(_ result: CommandResult) {
        flush()
        deliver(StepSignal(step: step, time: currentTime, kind: .commandFinished(result.exitCode)))
    }

    /// Releases what the redactors hold, so output stays between its command's start and end.
    private func flush() {
        for stream in OutputChannel.allCases {
            let (rest, redacted) = redactors.withLock { $0[stream, default: Redactor(secrets: [])].finish() }
            send(stream, rest, redacted)
        }
    }

    /// Releases what the redactors hold and reports the outcome.
    public func finish(_ outcome: StepOutcome) {
        flush()
        deliver(StepSignal(step: step, time: currentTime, kind: .finished(outcome)))
    }

    private var currentTime: Timestamp { timeSource(elapsedMicros.withLock { $0 }) }

    private func send(_ stream: OutputChannel, _ bytes: [UInt8], _ redacted: Bool) {
        guard !bytes.isEmpty else { return }
        let time = currentTime
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + RedactingStepIO.outputChunkBytesMax)
            let piece = start == 0 && end == bytes.count ? bytes : Array(bytes[start..<end])
            budget?.add(piece.count)
            deliver(StepSignal(step: step, time: time, kind: .output(stream, piece, redacted: redacted)))
            start = end
        }
    }
}
