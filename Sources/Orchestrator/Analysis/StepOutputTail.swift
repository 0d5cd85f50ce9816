import Diagnosis
import InstallModel

/// The last output of one running step, kept while it runs so a failure is analysed from memory and never
/// by reading the log back: analysis costs the same whether the log holds a kilobyte or gigabytes.
///
/// Bounded: at most `bytesMax` bytes of whole chunks (the oldest chunks are dropped first, so the tail may
/// start mid-line; the analyser's line assembler copes). The root cause of a failure is in the output that
/// ended the command, which is what a tail keeps; each chunk remembers which of the step's commands wrote it, so
/// that only the command that decided the failure is evidence (`DecidingCommand`).
struct StepOutputTail {
    /// 1 MiB: far more than the analyser's own windows (its last 40 error lines), small enough to hold one
    /// per running step.
    static let bytesMax = 1 << 20

    private var chunks: [(stream: OutputChannel, bytes: [UInt8], command: Int?)] = []
    private var first = 0
    private var byteCount = 0
    /// Which command writes now, and which one ended last with each status.
    var commands = DecidingCommand()

    mutating func append(_ stream: OutputChannel, _ bytes: [UInt8]) {
        let kept = bytes.count > Self.bytesMax ? Array(bytes.suffix(Self.bytesMax)) : bytes
        chunks.append((stream, kept, commands.current))
        byteCount += kept.count
        while byteCount > Self.bytesMax, first < chunks.count {
            byteCount -= chunks[first].bytes.count
            chunks[first].bytes = []
            first += 1
        }
        // Drop the spent prefix now and then, so the array does not grow with the step's output.
        if first > 1024, first * 2 > chunks.count {
            chunks.removeFirst(first)
            first = 0
        }
    }

    /// The kept chunks that are evidence of a failure with `exitCode`, oldest first: those of the command that
    /// decided it, or all of them when no command did.
    func forEachEvidence(ofFailureWith exitCode: Int32?, _ body: (OutputChannel, [UInt8]) -> Void) {
        let deciding = commands.deciding(exitCode: exitCode)
        for index in first..<chunks.count where deciding == nil || chunks[index].command == deciding {
            body(chunks[index].stream, chunks[index].bytes)
        }
    }
}

/// The output tails of the running steps, fed with what the recorder stored: output redacted as the log keeps
/// it, so a failure's evidence never shows what the output lost (a private key's body lines, once its BEGIN
/// line left the window, were shown raw when the tail kept what the command wrote).
final class StepOutputTails: EventObserver {
    private var tails: [StepID: StepOutputTail] = [:]

    /// Starts keeping `step`'s output.
    func begin(_ step: StepID) { tails[step] = StepOutputTail() }

    /// Whether `step`'s output is kept (it is running).
    func isKeeping(_ step: StepID) -> Bool { tails[step] != nil }

    /// Stops keeping `step`'s output and returns what was kept.
    func end(_ step: StepID) -> StepOutputTail? { tails.removeValue(forKey: step) }

    func observe(_ event: Event, state: PlanState) {
        switch event.body {
        case .outputChunk(let step, let stream, let data, _) where tails[step] != nil: tails[step]?.append(stream, data)
        case .commandStarted(let step, _, _) where tails[step] != nil: tails[step]?.commands.commandStarted()
        case .commandFinished(let step, let exitCode, _, _) where tails[step] != nil: tails[step]?.commands.commandFinished(exitCode: exitCode)
        default: break
        }
    }
}
