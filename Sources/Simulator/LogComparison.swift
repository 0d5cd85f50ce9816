import Foundation
import InstallModel

/// Compares a reproduction's events with the original log's as they are recorded, streaming: the original
/// is read alongside, one event at a time, and output is compared byte by byte whatever its chunking, so
/// memory stays the same whatever the log's size.
///
/// What must match: every event's type and step, commands (without evlog's own `sudo`/`env` prefix,
/// each word shell-quoted, so two argvs never read alike), exit codes, outcomes and their notes, the
/// diagnosis and remediations whole, the plan's decisions — not ids, times, process ids or how output
/// was cut into chunks. The lines of a `Difference` are raw: whoever shows them neutralises them. The first difference stops the comparison and is kept with the lines
/// before it, like `diff`'s context.
///
/// Used by one task at a time: the recorder that stores the events and the driver that feeds it.
public final class LogComparison: @unchecked Sendable {
    /// Where the two logs part.
    public struct Difference: Error, CustomStringConvertible {
        /// The last lines both logs had, oldest first.
        public var context: [String]
        public var original: String
        public var reproduced: String
        /// The original event's sequence number, when there is one.
        public var sequence: UInt64?
        /// Why it could differ, when the log says (an evlog that did not record the run's paths).
        public var hint: String?

        /// The report, one line each, with `show` applied to the text that came from the logs.
        public func lines(showing show: (String) -> String) -> [String] {
            var lines = ["reproduction differs from the original" + (sequence.map { " at its event \($0)" } ?? "") + ":"]
            lines += context.map { "  " + show($0) }
            lines += ["- " + show(original), "+ " + show(reproduced)]
            if let hint { lines.append(hint) }
            return lines
        }

        public var description: String { lines { $0 }.joined(separator: "\n") }
    }

    /// Thrown when a crashed session's reproduction goes past where the original process died: the
    /// reproduction of that session stops there too, as the original did.
    public struct SessionEnded: Error {}

    /// One thing to compare: a line for an event, or a run of one step's output on one stream.
    private enum Item: Equatable {
        case line(String)
        case output(step: StepID, stream: OutputChannel, bytes: ArraySlice<UInt8>)
    }

    /// Lines of context kept before a difference.
    public static let contextLinesMax = 3
    /// Bytes of output shown on one line of the report.
    static let shownBytesMax = 160
    /// Characters of an event's line shown in the report, and how many before the place two lines part.
    public static let shownCharactersMax = 240
    static let shownLeadMax = 40

    private var original: any IteratorProtocol<Event>
    private var pending: (item: Item, sequence: UInt64)?
    private var context: [String] = []
    private var sessionLastSequence: UInt64 = .max
    private var sessionCrashed = false
    private var divergence: String?
    private let hint: String?
    /// Events of the reproduction compared so far.
    public private(set) var comparedCount = 0

    /// `hint` is added to a difference's report (why paths might differ).
    public init(original: some Sequence<Event>, hint: String? = nil) {
        self.original = original.makeIterator()
        self.hint = hint
    }

    /// The next session of the original ends at `lastSequence`; `crashed` when its process died there.
    public func beginSession(lastSequence: UInt64, crashed: Bool) {
        sessionLastSequence = lastSequence
        sessionCrashed = crashed
    }

    /// The reproduction left the recorded schedule (`ReplayDriver`): the next event reports it.
    public func diverged(_ reason: String) { divergence = divergence ?? reason }

    /// Compares one event the reproduction recorded; throws the first `Difference`, or `SessionEnded`.
    public func compare(_ event: Event) throws {
        guard let item = LogComparison.item(event) else { return }
        if let divergence {
            throw difference(original: "(the recorded schedule) \(divergence)", reproduced: LogComparison.show(item))
        }
        comparedCount += 1
        switch item {
        case .line(let line):
            let next = try nextOriginal(for: item)
            guard next.item == .line(line) else { throw difference(original: LogComparison.show(next.item), reproduced: line, at: next.sequence) }
            pending = nil
            remember(line)
        case .output(let step, let stream, var rest):
            while !rest.isEmpty {
                let next = try nextOriginal(for: .output(step: step, stream: stream, bytes: rest))
                guard case .output(step, stream, let expected) = next.item else {
                    throw difference(original: LogComparison.show(next.item), reproduced: LogComparison.show(.output(step: step, stream: stream, bytes: rest)), at: next.sequence)
                }
                let count = min(expected.count, rest.count)
                if let offset = LogComparison.firstDifference(expected.prefix(count), rest.prefix(count)) {
                    throw difference(
                        original: LogComparison.showOutput(step, stream, LogComparison.line(around: offset, in: expected)),
                        reproduced: LogComparison.showOutput(step, stream, LogComparison.line(around: offset, in: rest)), at: next.sequence)
                }
                let left = expected.dropFirst(count)
                pending = left.isEmpty ? nil : (.output(step: step, stream: stream, bytes: left), next.sequence)
                rest = rest.dropFirst(count)
            }
            remember(LogComparison.show(item))
        }
    }

    /// The reproduction of the current session ended: the original's must have ended there too.
    public func endSession() throws {
        if let divergence { throw difference(original: "(the recorded schedule) \(divergence)", reproduced: "(the session ended)") }
        if let next = peekOriginal(), next.sequence <= sessionLastSequence {
            throw difference(original: LogComparison.show(next.item), reproduced: "(the reproduction's session ended here)", at: next.sequence)
        }
    }

    /// The reproduction ended: the original must have nothing left.
    public func finish() throws {
        sessionLastSequence = .max
        if let next = peekOriginal() {
            throw difference(original: LogComparison.show(next.item), reproduced: "(the reproduction ended here)", at: next.sequence)
        }
    }

    private func nextOriginal(for reproduced: Item) throws -> (item: Item, sequence: UInt64) {
        guard let next = peekOriginal(), next.sequence <= sessionLastSequence else {
            if sessionCrashed { throw SessionEnded() }
            throw difference(original: "(the original's session ended here)", reproduced: LogComparison.show(reproduced))
        }
        return next
    }

    private func peekOriginal() -> (item: Item, sequence: UInt64)? {
        while pending == nil, let event = original.next() {
            if let item = LogComparison.item(event) { pending = (item, event.sequence) }
        }
        return pending
    }

    private func remember(_ line: String) {
        context.append(line)
        if context.count > LogComparison.contextLinesMax { context.removeFirst() }
    }

    private func difference(original: String, reproduced: String, at sequence: UInt64? = nil) -> Difference {
        let (original, reproduced) = LogComparison.around(original, reproduced)
        return Difference(context: context.map { LogComparison.cut($0) }, original: original, reproduced: reproduced, sequence: sequence, hint: hint)
    }

    /// Two long lines that part late, each from a little before where they part (a diagnosis, the
    /// remediations: a line of JSON), cut to `shownCharactersMax` characters.
    public static func around(_ original: String, _ reproduced: String) -> (String, String) {
        let common = zip(original, reproduced).prefix { $0 == $1 }.count
        let lead = common > shownLeadMax * 2 ? common - shownLeadMax : 0
        func from(_ line: String) -> String { lead == 0 ? cut(line) : "…" + cut(String(line.dropFirst(lead))) }
        return (from(original), from(reproduced))
    }

    /// `line`, or its first `shownCharactersMax` characters and an ellipsis.
    static func cut(_ line: String) -> String {
        line.count > shownCharactersMax ? String(line.prefix(shownCharactersMax)) + "…" : line
    }

    /// What of an event is compared; nil for what says nothing about the run (checkpoints, seals, a
    /// bundle's record, a newer evlog's events) or what a reproduction does not observe but takes from the log (a
    /// step's change of the machine's packages: comparing it with itself would prove nothing).
    private static func item(_ event: Event) -> Item? {
        switch fullItem(event) {
        case .line(let line): .line(compact(line))
        case let other: other
        }
    }

    /// Lines longer than this are compared by their length and digest, not held whole: a command of megabytes of
    /// arguments was held in several copies while it was compared and kept as context (repro13 F5).
    static let lineBytesHeldMax = 64 * 1024

    /// `line`, or when longer than `lineBytesHeldMax` its first `shownCharactersMax` characters, its length and its
    /// FNV-1a digest, which two lines share only when they are the same.
    static func compact(_ line: String) -> String {
        let bytes = line.utf8.count
        guard bytes > lineBytesHeldMax else { return line }
        let digest = line.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        return String(line.prefix(shownCharactersMax)) + "… (\(bytes) bytes in all, digest \(String(digest, radix: 16)))"
    }

    private static func fullItem(_ event: Event) -> Item? {
        let body = event.body
        let step = body.stepID.map { " " + $0.rawValue } ?? ""
        switch body {
        case .checkpoint, .unknown, .packageSetChanged, .fileInstalled: return nil
        case .outputChunk(let id, let stream, let data, _):
            return data.isEmpty ? nil : .output(step: id, stream: stream, bytes: data[...])
        case .planCreated(let plan): return .line("plan_created \(plan.id)")
        case .commandStarted(_, let argv, _): return .line("command_started\(step) \(quoted(argv))")
        case .commandFinished(_, let exitCode, _, _): return .line("command_finished\(step) exit \(exitCode)")
        case .stepStarted(_, let attempt, let command, let adjustment):
            return .line("step_started\(step) attempt \(attempt)" + (command.isEmpty ? "" : ": \(quoted(command))") + (adjustment.map { " " + canonical($0) } ?? ""))
        case .stepDone(_, let exitCode, _, let note): return .line("step_done\(step) exit \(exitCode)" + (note.map { ": " + $0 } ?? ""))
        case .stepFailed(_, let cause, _): return .line("step_failed\(step) exit \(cause.exitCode.map(String.init) ?? "-"): \(cause.summary)")
        case .stepSkipped(_, let reason, let detail): return .line("step_skipped\(step) \(reason): \(detail)")
        case .stepRetry(_, let reason): return .line("step_retry\(step): \(reason)")
        case .failureAnalysed(_, let diagnosis): return .line("failure_analysed\(step) \(diagnosis.kind.rawValue) " + canonical(diagnosis))
        case .remediationProposed(_, let remediations, let depth):
            return .line("remediation_proposed\(step) depth \(depth) " + canonical(remediations))
        case .remediationAccepted(_, let id): return .line("remediation_accepted\(step) \(id)")
        case .remediationApplied(_, let id, let newSteps, let retriedAs):
            return .line("remediation_applied\(step) \(id) " + canonical(newSteps) + (retriedAs.map { " retried as " + canonical($0) } ?? ""))
        case .planPaused(let reason, _, let message): return .line("plan_paused\(step) \(reason.rawValue): \(message)")
        case .planInterrupted(let cause): return .line("plan_interrupted \(cause)")
        case .planResumed(let acknowledged): return .line("plan_resumed" + (acknowledged ? " acknowledged" : ""))
        case .rollbackDone(_, let succeeded): return .line("rollback_done\(step) " + (succeeded ? "succeeded" : "failed"))
        case .planFailed(let reason): return .line("plan_failed: \(reason)")
        case .planCancelled(let reason): return .line("plan_cancelled: \(reason)")
        default: return .line(body.typeName + step)
        }
    }

    /// A command as compared and shown: evlog's own prefix left out, each word shell-quoted.
    private static func quoted(_ argv: [String]) -> String {
        ShellQuoting.line(SimulatedRunner.command(argv))
    }

    /// A value's every field, as one line of JSON with sorted keys: what is compared of a diagnosis,
    /// remediations and the steps a remediation added.
    private static func canonical(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "(not encodable)"
    }

    private static func show(_ item: Item) -> String {
        switch item {
        case .line(let line): line
        case .output(let step, let stream, let bytes): showOutput(step, stream, bytes.prefix(shownBytesMax))
        }
    }

    private static func showOutput(_ step: StepID, _ stream: OutputChannel, _ bytes: ArraySlice<UInt8>) -> String {
        "output \(step) \(stream): " + String(reflecting: String(decoding: bytes, as: UTF8.self))
    }

    /// Where two runs of bytes of the same length first differ (compared with `memcmp`: logs hold gigabytes).
    private static func firstDifference(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int? {
        let equal = a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                guard let first = x.baseAddress, let second = y.baseAddress else { return true }
                return memcmp(first, second, x.count) == 0
            }
        }
        return equal ? nil : zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    }

    /// The line of `bytes` holding `offset` (at most `shownBytesMax` bytes of it).
    private static func line(around offset: Int, in bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let position = bytes.startIndex + offset
        let start = bytes[..<position].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.startIndex
        let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.endIndex
        return bytes[start..<min(end, start + shownBytesMax)]
    }
}
