import InstallModel

/// What happened over time, gathered from a plan's events in one pass: every attempt of every step with
/// its commands, output tails and skips. The exports and the read-side reports are views of this.
///
/// Memory is bounded on huge logs: each attempt keeps at most `outputTailBytesMax` bytes of output
/// and the timeline at most `outputMarksMax` output marks.
public struct RunTimeline: Sendable {
    /// One run of one step, from `step_started` to its end.
    public struct Attempt: Sendable, Hashable {
        public var step: StepID
        public var attempt: Int
        public var start: Timestamp
        /// `nil` while the attempt is still open at the end of the log.
        public var end: Timestamp?
        public var outcome: Outcome
        public var exitCode: Int32?
        public var reason: String?
        /// Indices into `commands`.
        public var commandIndices: [Int] = []
        /// The last bytes of the attempt's transcript: output of both streams as it came, with a
        /// `$ command` line where each command started and an `exit N` line where one failed.
        public var outputTail: [UInt8] = []
        /// Bytes of the transcript before `outputTail` that were not kept.
        public var outputBytesDropped: Int64 = 0
        /// Lines of output (stream, text) kept for reports: the last `reportLinesMax`.
        public var lastLines = StreamTail(linesMax: RunTimeline.reportLinesMax)
    }

    /// How an attempt ended.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case done, failed
        /// It never ended in the log: the plan stopped (signal, crash, failure elsewhere) while it ran.
        case uncertain
        /// The log ends while it runs (a live plan, or a crash nobody has resumed yet).
        case running
    }

    /// One command of an attempt.
    public struct CommandRun: Sendable, Hashable {
        public var step: StepID
        public var attempt: Int
        public var argv: [String]
        public var start: Timestamp
        public var end: Timestamp?
        public var exitCode: Int32?
        /// The command, or how it ended, comes only from a crashed writer's unsealed tail, marked by the writer
        /// that continued the log (`SealMarks.crashTailType`): nobody vouches that it ran or ended so.
        public var fromCrashTail = false
    }

    /// One output chunk, as a mark on the timeline.
    public struct OutputMark: Sendable, Hashable {
        public var step: StepID
        public var time: Timestamp
        public var stream: OutputChannel
        public var byteCount: Int
        /// The chunk's first line, cleaned and cut.
        public var firstLine: String
    }

    /// A step skipped instead of run.
    public struct Skip: Sendable, Hashable {
        public var step: StepID
        public var time: Timestamp
        public var reason: SkipReason
        public var detail: String
    }

    public static let outputTailBytesMax = 64 * 1024
    public static let outputMarksMax = 20_000
    public static let reportLinesMax = 40

    public private(set) var attempts: [Attempt] = []
    public private(set) var commands: [CommandRun] = []
    public private(set) var outputMarks: [OutputMark] = []
    /// Output chunks not marked because `outputMarksMax` was reached.
    public private(set) var outputMarksDropped = 0
    public private(set) var skips: [Skip] = []
    /// Times the plan was resumed (each starts a new run of the plan).
    public private(set) var resumes: [Timestamp] = []
    public private(set) var firstEventAt: Timestamp?
    public private(set) var lastEventAt: Timestamp?
    /// The state after every event.
    public private(set) var state = PlanState()
    private var openAttempt: [StepID: Int] = [:]
    private var openCommand: [StepID: Int] = [:]
    /// The commands started or ended, and the attempts whose transcript grew, since the last seal.
    private var commandsSinceSeal: Set<Int> = []
    private var transcriptsSinceSeal: Set<Int> = []

    public init<S: Sequence>(events: S) where S.Element == Event {
        for event in events { add(event) }
    }

    public init() {}

    /// The commands (indices into `commands`) started or ended after the last seal in the log: the ones a tail no
    /// seal covers holds.
    public var commandsAfterLastSeal: Set<Int> { commandsSinceSeal }

    /// The attempts of one step, oldest first.
    public func attempts(of step: StepID) -> [Attempt] { attempts.filter { $0.step == step } }

    /// Where times are measured from: the first event.
    public var origin: Timestamp { firstEventAt ?? Timestamp(microseconds: 0) }

    /// The end of an attempt, or the last event's time for one still open.
    public func effectiveEnd(_ attempt: Attempt) -> Timestamp { attempt.end ?? lastEventAt ?? attempt.start }

    public mutating func add(_ event: Event) {
        let previousTime = lastEventAt
        if firstEventAt == nil { firstEventAt = event.time }
        lastEventAt = event.time
        state.apply(event)
        switch event.body {
        case .stepStarted(let step, let attempt, _, _):
            closeAttempt(step, at: event.time, outcome: .uncertain, exitCode: nil, reason: "started again")
            openAttempt[step] = attempts.count
            attempts.append(Attempt(step: step, attempt: attempt, start: event.time, outcome: .running))
        case .commandStarted(let step, let argv, _):
            closeCommand(step, at: event.time, exitCode: nil)
            let attempt = openAttempt[step].map { attempts[$0].attempt } ?? 0
            openCommand[step] = commands.count
            if let index = openAttempt[step] { attempts[index].commandIndices.append(commands.count) }
            commandsSinceSeal.insert(commands.count)
            commands.append(CommandRun(step: step, attempt: attempt, argv: argv, start: event.time))
            appendTranscript(step, "$ " + argv.joined(separator: " "))
        case .commandFinished(let step, let exitCode, _, _):
            if let index = openCommand[step] { commandsSinceSeal.insert(index) }
            closeCommand(step, at: event.time, exitCode: exitCode)
            if exitCode != 0 { appendTranscript(step, "exit \(exitCode)") }
        case .outputChunk(let step, let stream, let data, _):
            addOutput(step, stream: stream, data: data, at: event.time)
        case .stepDone(let step, let exitCode, _, _):
            closeAttempt(step, at: event.time, outcome: .done, exitCode: exitCode, reason: nil)
        case .stepFailed(let step, let cause, _):
            closeAttempt(step, at: event.time, outcome: .failed, exitCode: cause.exitCode, reason: cause.summary)
        case .stepSkipped(let step, let reason, let detail):
            skips.append(Skip(step: step, time: event.time, reason: reason, detail: detail))
        case .planInterrupted(let cause):
            // A crash is found only when the plan is resumed; the steps were last known alive at the
            // event before this one.
            let end = cause == .crashDetected ? (previousTime ?? event.time) : event.time
            closeAllOpen(at: end)
        case .planFailed, .planCancelled:
            closeAllOpen(at: event.time)
        case .planResumed:
            closeAllOpen(at: previousTime ?? event.time)
            resumes.append(event.time)
        case .unknown(SealMarks.sealType):
            commandsSinceSeal = []
            transcriptsSinceSeal = []
        case .unknown(SealMarks.crashTailType):
            for index in commandsSinceSeal { commands[index].fromCrashTail = true }
            for index in transcriptsSinceSeal.sorted() { appendTranscript(attempt: index, SealMarks.crashTailReplayNote) }
        default:
            break
        }
    }

    private mutating func addOutput(_ step: StepID, stream: OutputChannel, data: [UInt8], at time: Timestamp) {
        if outputMarks.count < RunTimeline.outputMarksMax {
            var line = OutputTail(linesMax: 1)
            line.feed(data.prefix(while: { $0 != 0x0A }).prefix(LineCleaner.lineBytesMax))
            outputMarks.append(OutputMark(step: step, time: time, stream: stream, byteCount: data.count, firstLine: line.lines.first ?? ""))
        } else {
            outputMarksDropped += 1
        }
        guard let index = openAttempt[step] else { return }
        attempts[index].lastLines.feed(stream, data)
        appendTail(index, data)
    }

    /// A line of the transcript that is not output, on a line of its own.
    private mutating func appendTranscript(_ step: StepID, _ line: String) {
        guard let index = openAttempt[step] else { return }
        appendTranscript(attempt: index, line)
    }

    private mutating func appendTranscript(attempt index: Int, _ line: String) {
        let needsBreak = attempts[index].outputTail.last.map { $0 != 0x0A } ?? false
        appendTail(index, Array(((needsBreak ? "\n" : "") + line + "\n").utf8))
    }

    private mutating func appendTail(_ index: Int, _ data: [UInt8]) {
        transcriptsSinceSeal.insert(index)
        let kept = data.suffix(RunTimeline.outputTailBytesMax)
        attempts[index].outputBytesDropped += Int64(data.count - kept.count)
        attempts[index].outputTail += kept
        let excess = attempts[index].outputTail.count - RunTimeline.outputTailBytesMax
        if excess > 0 {
            attempts[index].outputTail.removeFirst(excess)
            attempts[index].outputBytesDropped += Int64(excess)
        }
    }

    private mutating func closeCommand(_ step: StepID, at time: Timestamp, exitCode: Int32?) {
        guard let index = openCommand.removeValue(forKey: step) else { return }
        commands[index].end = time
        commands[index].exitCode = exitCode
    }

    private mutating func closeAttempt(_ step: StepID, at time: Timestamp, outcome: Outcome, exitCode: Int32?, reason: String?) {
        closeCommand(step, at: time, exitCode: nil)
        guard let index = openAttempt.removeValue(forKey: step) else { return }
        attempts[index].end = time
        attempts[index].outcome = outcome
        attempts[index].exitCode = exitCode
        attempts[index].reason = reason
    }

    private mutating func closeAllOpen(at time: Timestamp) {
        for step in openAttempt.keys.sorted() {
            closeAttempt(step, at: time, outcome: .uncertain, exitCode: nil, reason: nil)
        }
    }
}
