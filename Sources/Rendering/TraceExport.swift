import Foundation
import InstallModel

/// `evlog export --trace`: the run as Chrome/Perfetto trace JSON (`{"traceEvents": [...]}`), which
/// ui.perfetto.dev and chrome://tracing open.
///
/// Every step attempt is a complete slice (`ph: "X"`) on one thread per parallel lane (lanes from
/// `LaneAssignment`, so overlapping steps never share one); its commands are slices nested inside it on
/// the same thread; output chunks are thread-scoped instant events (`ph: "i"`); skips and resumes are
/// process-scoped instants; `ph: "M"` events name the process (the plan) and the lanes. Times are
/// microseconds from the plan's first event, so every `ts` and `dur` is ≥ 0.
public enum TraceExport {
    /// One trace event; optional fields are left out of the JSON when nil.
    public struct TraceEvent: Codable, Hashable, Sendable {
        public var name: String
        public var cat: String?
        public var ph: String
        public var ts: Int64
        public var dur: Int64?
        public var pid: Int
        public var tid: Int
        /// Scope of an instant event: `t` thread, `p` process.
        public var s: String?
        public var args: [String: String]?
    }

    /// The whole trace file.
    public struct TraceFile: Codable, Sendable {
        public var traceEvents: [TraceEvent]
        public var displayTimeUnit: String
    }

    static let pid = 1

    public static func trace(_ timeline: RunTimeline) -> TraceFile {
        let origin = timeline.origin
        func micros(_ time: Timestamp) -> Int64 { max(0, time.microseconds(since: origin)) }
        let plan = timeline.state.plan
        let spans = timeline.attempts.map { (start: micros($0.start), end: max(micros($0.start), micros(timeline.effectiveEnd($0)))) }
        let lanes = LaneAssignment.lanes(for: spans)
        var events: [TraceEvent] = []
        let planName = plan.map { "plan \($0.id): " + $0.title } ?? "evlog plan"
        events.append(TraceEvent(name: "process_name", ph: "M", ts: 0, pid: pid, tid: 0, args: ["name": planName]))
        for lane in 0..<((lanes.max() ?? -1) + 1) {
            events.append(TraceEvent(name: "thread_name", ph: "M", ts: 0, pid: pid, tid: lane + 1, args: ["name": "lane \(lane + 1)"]))
        }
        for (index, attempt) in timeline.attempts.enumerated() {
            let tid = lanes[index] + 1
            let span = spans[index]
            var args = ["step": attempt.step.rawValue, "attempt": "\(attempt.attempt)", "outcome": attempt.outcome.rawValue]
            if let step = timeline.state.plannedStep(attempt.step) {
                args["label"] = step.label
                args["kind"] = step.kind.rawValue
            }
            if let exit = attempt.exitCode { args["exit_code"] = "\(exit)" }
            if let reason = attempt.reason { args["reason"] = reason }
            events.append(TraceEvent(name: attempt.step.rawValue, cat: "step", ph: "X", ts: span.start, dur: span.end - span.start, pid: pid, tid: tid, args: args))
            for commandIndex in attempt.commandIndices {
                let command = timeline.commands[commandIndex]
                let start = min(max(micros(command.start), span.start), span.end)
                let end = min(max(micros(command.end ?? timeline.effectiveEnd(attempt)), start), span.end)
                var commandArgs = ["argv": command.argv.joined(separator: " ")]
                if let exit = command.exitCode { commandArgs["exit_code"] = "\(exit)" }
                events.append(TraceEvent(
                    name: command.argv.first ?? "command", cat: "command", ph: "X", ts: start, dur: end - start, pid: pid,
                    tid: tid, args: commandArgs))
            }
        }
        events += outputInstants(timeline, lanes: lanes, micros: micros)
        for skip in timeline.skips {
            events.append(TraceEvent(
                name: "skip \(skip.step)", cat: "skip", ph: "i", ts: micros(skip.time), pid: pid, tid: 0, s: "p",
                args: ["detail": skip.detail]))
        }
        for resume in timeline.resumes {
            events.append(TraceEvent(name: "plan resumed", cat: "plan", ph: "i", ts: micros(resume), pid: pid, tid: 0, s: "p"))
        }
        return TraceFile(traceEvents: events, displayTimeUnit: "ms")
    }

    /// Each output chunk as an instant on the lane of the attempt it belongs to.
    private static func outputInstants(_ timeline: RunTimeline, lanes: [Int], micros: (Timestamp) -> Int64) -> [TraceEvent] {
        var attemptsByStep: [StepID: [Int]] = [:]
        for (index, attempt) in timeline.attempts.enumerated() { attemptsByStep[attempt.step, default: []].append(index) }
        var events: [TraceEvent] = []
        for mark in timeline.outputMarks {
            guard let index = attemptsByStep[mark.step]?.last(where: { timeline.attempts[$0].start <= mark.time }) else { continue }
            let attempt = timeline.attempts[index]
            let time = min(micros(mark.time), micros(timeline.effectiveEnd(attempt)))
            events.append(TraceEvent(
                name: mark.firstLine.isEmpty ? "output" : String(mark.firstLine.prefix(80)), cat: "output", ph: "i",
                ts: time, pid: pid, tid: lanes[index] + 1, s: "t",
                args: ["stream": mark.stream.rawValue, "bytes": "\(mark.byteCount)", "step": mark.step.rawValue]))
        }
        return events
    }

    /// The trace as JSON text (sorted keys, so the same log gives the same bytes).
    public static func json(_ timeline: RunTimeline) throws -> String {
        try JSONOutput.encode(trace(timeline))
    }
}
