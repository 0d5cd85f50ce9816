import Foundation
import EvlogKit
import InstallModel
import Orchestrator
import Rendering

/// `/plans/<id>/events`: the plan's events as Server-Sent Events. Each frame's `id:` is the event's
/// sequence number, so a client that reconnects with `Last-Event-ID: N` gets N+1 on, with no gap
/// and no duplicate. A running plan is followed (its log polled as `replay --follow` reads it, the
/// writer's lock never taken); the stream ends once the writer is gone and the log is read to its end.
/// Every follower reads the log itself, so each gets every event in order however many there are.
enum EventFeed {
    /// How often a followed log is polled for new events.
    static let pollInterval = Duration.milliseconds(50)
    /// A comment line is sent after this long without events, so a dead client is noticed.
    static let keepAliveInterval = Duration.seconds(10)
    /// Frames are gathered into writes of about this many bytes.
    static let writeBytesMin = 32 << 10

    /// The sequence a stream resumes after, from `Last-Event-ID` (a reconnect, which wins) or `?after=`
    /// (the page's first connection); none given is 0. Anything but a decimal number that fits is refused,
    /// never read as "from the start".
    static func resumePoint(lastEventID: String?, after: String?) throws -> UInt64 {
        for (given, name) in [(lastEventID.map { $0.trimmingCharacters(in: .whitespaces) }, "Last-Event-ID"), (after, "?after=")] {
            guard let given else { continue }
            guard !given.isEmpty, given.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let sequence = UInt64(given) else {
                throw ServeError(400, "\(name) must be an event number (decimal digits, at most \(UInt64.max)), not \(given.prefix(40))")
            }
            return sequence
        }
        return 0
    }

    static func stream(_ log: PlanLog, after: UInt64, write: ServerResponse.BodyWriter) async throws {
        let events = try log.events()
        var frames = EventFrames()
        var pending: [UInt8] = []
        var quiet = ContinuousClock.now
        try await write(Array("retry: 1000\n\n".utf8))
        while true {
            // The writer is asked first: whatever it wrote before it let go is read below.
            let writing = log.writer.isRunning
            var turns = ReadTurns()
            while let event = events.nextAppended() {
                await turns.took()
                guard event.sequence > after else { continue }
                pending += frames.frame(for: event)
                if pending.count >= writeBytesMin {
                    try await write(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            if !pending.isEmpty {
                try await write(pending)
                pending.removeAll(keepingCapacity: true)
                quiet = .now
            }
            let damaged = events.damage.map { !$0.isTornTail } ?? false
            if damaged || events.readError != nil || !writing {
                // No `id:`: a client that reconnects still resumes after the last event it got.
                try await write(Array("event: end\ndata: {}\n\n".utf8))
                return
            }
            if ContinuousClock.now - quiet > keepAliveInterval {
                try await write(Array(": still running\n\n".utf8))
                quiet = .now
            }
            try await Task.sleep(for: pollInterval)
        }
    }
}

/// The SSE frame of each event: `id: <sequence>` and one `data:` line of JSON. Output chunks carry their
/// lines as HTML (drawn like the terminal view), every other event its NDJSON line (`export --jsonl`).
struct EventFrames {
    private var lines: [StepID: StepLines] = [:]
    private let ndjson = NDJSONRenderer()

    mutating func frame(for event: Event) -> [UInt8] {
        let data: String
        if case .outputChunk(let step, let stream, let bytes, _) = event.body {
            let complete = lines[step, default: StepLines()].feed(bytes).map { JSONValue.string(OutputHTML.line($0, raw: nil)) }
            let partial = lines[step]?.unfinished ?? StepLines.Line(bytes: [], cut: 0)
            let object: [String: JSONValue] = [
                "seq": .number(Double(event.sequence)), "type": .string("output_chunk"), "step": .string(step.rawValue),
                "stream": .string(stream.rawValue), "time_us": .number(Double(event.time.microseconds)),
                "lines": .array(complete), "partial": partial.bytes.isEmpty && partial.cut == 0 ? .null : .string(OutputHTML.line(partial, raw: nil)),
            ]
            data = (try? JSONText.encode(object)) ?? "{}"
        } else {
            data = JSONText.escapingActiveControls(String(decoding: ndjson.render(event), as: UTF8.self).trimmingCharacters(in: .newlines))
        }
        return Array("id: \(event.sequence)\ndata: \(data)\n\n".utf8)
    }
}
