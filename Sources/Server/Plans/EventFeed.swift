import Foundation
import EvlogKit
import InstallModel
import Orchestrator
import Rendering

/// `/plans/<id>/events`: the plan's events as Server-Sent Events. Each frame's `id:` is the event's
/// sequence number, so a client that reconnects with `Last-Event-ID: N` gets N+1 on, with no gap
/// and no duplicate. A running plan is followed (its log polled as `replay --follow` reads it, the
/// writer's lock never taken); the stream ends once the writer is gone and the log is read to its end.
/// The followers of one plan share one reader (`PlanFeed`), so each gets every event in order however
/// many there are, and a reconnect starts reading at the block that holds its `Last-Event-ID`.
enum EventFeed {
    /// How often a followed log is polled for new events.
    static let pollInterval = Duration.milliseconds(50)
    /// A comment line is sent after this long without events, so a dead client is noticed.
    static let keepAliveInterval = Duration.seconds(10)
    /// Frames are gathered into writes of about this many bytes.
    static let writeBytesMin = 32 << 10

    /// The sequence a stream resumes after, from `Last-Event-ID` (a reconnect, which wins) or `?after=`
    /// (the page's first connection); none given is 0. Anything but a decimal number that fits is refused,
    /// never read as "from the start"; the largest number is read as one below it (after every event: nothing
    /// follows it, and the next number is never computed past the top).
    static func resumePoint(lastEventID: String?, after: String?) throws -> UInt64 {
        for (given, name) in [(lastEventID.map { $0.trimmingCharacters(in: .whitespaces) }, "Last-Event-ID"), (after, "?after=")] {
            guard let given else { continue }
            guard let sequence = DecimalQuery.number(given) else {
                throw ServeError(400, "\(name) must be an event number (decimal digits, at most \(UInt64.max)), not \(given.prefix(40))")
            }
            return min(sequence, UInt64.max - 1)
        }
        return 0
    }

    /// Streams the frames of `log`'s events numbered above `after` through `write`: from the plan's shared
    /// feed (`PlanFeed`), after reading on its own (`FrameReader`, from the block holding `after`) what
    /// comes before the feed's window. Ends after the `end` frame, or without it when this follower fell
    /// out of the window (too slow): its client reconnects with `Last-Event-ID` and loses nothing.
    static func stream(_ log: PlanLog, after: UInt64, feeds: PlanFeeds, write: ServerResponse.BodyWriter) async throws {
        let feed = try await feeds.join(log, after: after)
        do {
            try await follow(feed, log, after: after, lane: feeds.readers, write: write)
        } catch {
            await feeds.leave(log)
            throw error
        }
        await feeds.leave(log)
    }

    private static func follow(_ feed: PlanFeed, _ log: PlanLog, after: UInt64, lane: ReaderLane, write: ServerResponse.BodyWriter) async throws {
        var place = after
        var joined = false
        var quiet = ContinuousClock.now
        try await write(Array("retry: 1000\n\n".utf8))
        while true {
            switch await feed.take(after: place) {
            case .frames(let bytes, let last):
                try await write(bytes)
                (place, joined, quiet) = (last, true, .now)
                // Writes to a fast local client never wait: the other requests get their turn here.
                await Task.yield()
            case .behind:
                if joined { return }
                let before = place
                let (caught, held) = try await lane.run { try await catchUp(log, from: before, write: write) }
                // Frames read in a turn given up for a backed-up client: written outside the lane.
                if let held { try await write(held) }
                place = caught
                quiet = .now
                if place == before { try await Task.sleep(for: pollInterval) }
            case .waiting:
                joined = true
                if ContinuousClock.now - quiet > keepAliveInterval {
                    try await write(Array(": still running\n\n".utf8))
                    quiet = .now
                }
                try await Task.sleep(for: pollInterval)
            case .ended:
                // No `id:`: a client that reconnects still resumes after the last event it got.
                try await write(Array("event: end\ndata: {}\n\n".utf8))
                return
            }
        }
    }

    /// Writes the frames after `place`, read on its own (`FrameReader`), until it has read everything written
    /// by now, or until its client is backed up (`BodyPressure`);
    /// returns the last sequence read, and the frames read but not written (the caller writes them).
    private static func catchUp(_ log: PlanLog, from place: UInt64, write: ServerResponse.BodyWriter) async throws -> (UInt64, [UInt8]?) {
        var reader = try FrameReader(log, after: place)
        var place = place
        while true {
            let (frames, exhausted) = reader.read(bytesMax: writeBytesMin)
            if let last = frames.last {
                place = last.sequence
                if let held = try await BodyPressure.writeUnlessBackedUp(Array(frames.map(\.bytes).joined()), write) { return (place, held) }
            }
            await Task.yield()
            if exhausted || reader.isStopped { return (place, nil) }
        }
    }
}

/// The SSE frame of each event: `id: <sequence>` and one `data:` line of JSON. Output chunks carry their
/// lines as HTML (drawn like the terminal view), every other event its NDJSON line (`export --jsonl`).
/// Frames read from inside the log (`FrameReader`) may start inside a step's line: the reader says where
/// each step's line began (`begin`) before its first chunk is framed; a line whose start was not found
/// says more than its count came before it (`OutputHTML.line(more:)`) until the step's next newline.
struct EventFrames {
    private var lines: [StepID: StepLines] = [:]
    private let ndjson = NDJSONRenderer()
    /// Whether a step's output before the frames read may be missing from its unfinished line.
    private let startsInsideLines: Bool
    /// The steps whose line's start `begin` was told.
    private var begun: Set<StepID> = []
    /// The steps whose current line began before what `begin` was given.
    private var begunEarlier: Set<StepID> = []

    init(startsInsideLines: Bool = false) {
        self.startsInsideLines = startsInsideLines
    }

    /// Whether `step`'s line may have begun before the frames and `begin` was not told how.
    func needsLineStart(of step: StepID) -> Bool { startsInsideLines && !begun.contains(step) }

    /// The line `step` was writing where the frames start: fed with its output since its last newline
    /// (`whole`), or with its last part only.
    mutating func begin(_ step: StepID, line: StepLines, whole: Bool) {
        lines[step] = line
        begun.insert(step)
        if !whole { begunEarlier.insert(step) }
    }

    mutating func frame(for event: Event) -> [UInt8] {
        guard case .outputChunk(let step, let stream, let bytes, _) = event.body else {
            let data = JSONText.escapingActiveControls(String(decoding: ndjson.render(event), as: UTF8.self).trimmingCharacters(in: .newlines))
            return Array("id: \(event.sequence)\ndata: \(data)\n\n".utf8)
        }
        // The keys in sorted order, as every other frame's JSON has them.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 192)
        out += "id: ".utf8
        FrameJSON.appendNumber(event.sequence, to: &out)
        out += "\ndata: {\"lines\":[".utf8
        var (plain, partial) = appendPlainLines(of: step, bytes, to: &out)
        if !plain {
            let complete: [String]
            (complete, partial) = lines(of: step, bytes)
            for (index, line) in complete.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                FrameJSON.appendString(line, to: &out)
            }
        }
        out += "],\"partial\":".utf8
        if let partial { FrameJSON.appendString(partial, to: &out) } else { out += "null".utf8 }
        out += ",\"seq\":".utf8
        FrameJSON.appendNumber(event.sequence, to: &out)
        out += ",\"step\":".utf8
        FrameJSON.appendString(step.rawValue, to: &out)
        out += ",\"stream\":".utf8
        FrameJSON.appendString(stream.rawValue, to: &out)
        out += ",\"time_us\":".utf8
        FrameJSON.appendNumber(event.time.microseconds, to: &out)
        out += ",\"type\":\"output_chunk\"}\n\n".utf8
        // Kept at its size: a follower's window holds frames, not their spare capacity.
        return out.withUnsafeBufferPointer { Array($0) }
    }

    /// The lines `bytes` completes written as JSON strings, when every one of them is plain text that is its
    /// own HTML and its own JSON (printable ASCII but `&<>"'\`), no longer than a line shows, and the step has
    /// no line begun before: each is copied as it is, no `String` or array per line. Returns false, having
    /// written nothing, when that does not hold (the caller draws the lines one by one), else the unfinished line.
    private mutating func appendPlainLines(of step: StepID, _ bytes: [UInt8], to out: inout [UInt8]) -> (plain: Bool, partial: String?) {
        guard lines[step].map({ $0.partial.isEmpty && $0.partialCut == 0 }) ?? true, let lastNewline = bytes.lastIndex(of: 0x0A) else {
            return (false, nil)
        }
        let mark = out.count
        let plain = bytes.withUnsafeBufferPointer { raw -> Bool in
            let base = raw.baseAddress!
            var start = 0
            while start <= lastNewline {
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(memchr(base + start, 0x0A, lastNewline + 1 - start)!))
                guard end - start <= StepLines.partialBytesMax else { return false }
                var index = start
                while index < end {
                    guard Self.isPlain(raw[index]) else { return false }
                    index += 1
                }
                if start > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                out.append(UInt8(ascii: "\""))
                start = end + 1
            }
            return true
        }
        guard plain else {
            out.removeLast(out.count - mark)
            return (false, nil)
        }
        begunEarlier.remove(step)
        _ = lines[step, default: StepLines()].feed(Array(bytes[(lastNewline + 1)...]))
        let unfinished = lines[step]?.unfinished ?? StepLines.Line(bytes: [], cut: 0)
        return (true, unfinished.bytes.isEmpty && unfinished.cut == 0 ? nil : OutputHTML.line(unfinished, raw: nil))
    }

    /// A byte that is its own HTML (`HTMLText`) and its own JSON (`FrameJSON`) and that a terminal shows as it is.
    /// (Written as numbers: `&` 0x26, `<` 0x3C, `>` 0x3E, `"` 0x22, `'` 0x27, `\` 0x5C; run once per byte streamed.)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x7E && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0x22 && byte != 0x27 && byte != 0x5C
    }

    /// The lines `bytes` completes and the unfinished one after them (nil when empty), as HTML.
    private mutating func lines(of step: StepID, _ bytes: [UInt8]) -> (complete: [String], partial: String?) {
        let earlier = begunEarlier.contains(step)
        let complete = lines[step, default: StepLines()].feed(bytes)
        let html = complete.enumerated().map { index, line in OutputHTML.line(line, raw: nil, more: index == 0 && earlier && line.cut > 0) }
        if !complete.isEmpty { begunEarlier.remove(step) }
        let unfinished = lines[step]?.unfinished ?? StepLines.Line(bytes: [], cut: 0)
        guard !unfinished.bytes.isEmpty || unfinished.cut > 0 else { return (html, nil) }
        return (html, OutputHTML.line(unfinished, raw: nil, more: begunEarlier.contains(step) && unfinished.cut > 0))
    }
}
