import EventLog
import InstallModel
import Orchestrator

/// Output lines of a plan, read from a run of its log's blocks, newest first, never the whole log:
/// a plan page opens on the last `linesMax` lines or `bytesMax` bytes of the HTML they draw (counted before
/// drawing, by `OutputHTML.drawnBytesBound`), whichever comes first (a 256 MB log reads one or two blocks,
/// and so does one made of a single 100 MB line), and each
/// "earlier output" request reads back from where the last one stopped (`Cursor`). A line longer than
/// `StepLines.partialBytesMax` shows its end, after a note of how much came before and a raw download link.
struct OutputWindow {
    /// Where to read back from: lines of events numbered below `sequence`, in block `block` and before.
    struct Cursor: Sendable, Equatable {
        var block: Int
        var sequence: UInt64

        /// `B.S` in URLs (`?before=12.40961`).
        var text: String { "\(block).\(sequence)" }

        init(block: Int, sequence: UInt64) {
            self.block = block
            self.sequence = sequence
        }

        init?(parsing text: String) {
            let parts = text.split(separator: ".")
            // Every number: `UInt64.max` is the cursor of a whole block, which the server writes (serve20 #3).
            guard parts.count == 2, let block = Int(parts[0]), (0..<Int(Int32.max)).contains(block), let sequence = UInt64(parts[1]) else { return nil }
            self.init(block: block, sequence: sequence)
        }
    }

    /// One line shown: the event it came from (its permalink and time) and its HTML. `continues`: the line
    /// goes on in the output after the window (already shown), so it is drawn as the start of that line,
    /// not as a line of its own (a line longer than a window, or one a window's edge cut in two).
    struct Line {
        var sequence: UInt64
        var time: Timestamp
        var html: String
        var continues = false
        /// The line is still being written: the log ends inside it (a running plan's event stream redraws it).
        var unfinished = false
    }

    /// Lines by step, in the order the steps first appear in the window.
    var steps: [(step: StepID, lines: [Line])] = []
    /// Where the output before this window starts; nil when the window reaches the first event.
    var earlier: Cursor?
    /// The number of the last event in the log when it was read (a live page follows from there).
    var lastSequence: UInt64 = 0

    static let linesMax = 2000
    /// Bytes of HTML the output a window reads draws at most (past the chunk that reaches it).
    static let bytesMax = 1 << 20

    /// How a window is read: the most lines and bytes, and where a step's raw output is (for the note of a cut line).
    struct Limits {
        var lines = OutputWindow.linesMax
        var bytes = OutputWindow.bytesMax
        var raw: (StepID) -> String? = { _ in nil }
        /// The policy states logs read through the secret policy are read from.
        var reads = PolicyReads.shared
    }

    /// The last lines of the log.
    static func tail(of log: PlanLog, limits: Limits = Limits()) throws -> OutputWindow {
        let blocks = try LogBlocks(log, reads: limits.reads)
        guard blocks.count > 0 else { return OutputWindow() }
        return try read(blocks, before: Cursor(block: blocks.count - 1, sequence: .max), limits: limits)
    }

    /// The lines up to event `sequence` (its own last), read back from the block holding it (found by the
    /// block index, as a reconnect's first block is): a permalink's or a search hit's line, however early.
    static func upTo(event sequence: UInt64, in log: PlanLog, limits: Limits = Limits()) throws -> OutputWindow {
        let blocks = try LogBlocks(log, reads: limits.reads)
        guard blocks.count > 0, sequence < .max else { return OutputWindow() }
        let block = sequence == 0 ? 0 : try FrameReader.block(holdingEventAfter: sequence - 1, in: blocks)
        return try read(blocks, before: Cursor(block: block, sequence: sequence + 1), limits: limits)
    }

    /// The lines before `cursor`.
    static func earlier(in log: PlanLog, before cursor: Cursor, limits: Limits = Limits()) throws -> OutputWindow {
        let blocks = try LogBlocks(log, reads: limits.reads)
        guard cursor.block < blocks.count else { return OutputWindow() }
        return try read(blocks, before: cursor, limits: limits)
    }

    private struct Chunk {
        var sequence: UInt64
        var time: Timestamp
        var step: StepID
        var data: [UInt8]
        var lineCount: Int
        /// The HTML the chunk can draw at most (`OutputHTML.drawnBytesBound`).
        var drawnBytes: Int
    }

    private static func read(_ blocks: LogBlocks, before cursor: Cursor, limits: Limits) throws -> OutputWindow {
        var window = OutputWindow()
        var taken: [[Chunk]] = []  // newest block first
        var lines = 0
        var bytes = 0
        var full: Bool { lines >= limits.lines || bytes >= limits.bytes }
        // Steps whose output just before the window did not end a line (or is not at hand): their first
        // line in the window may have begun earlier.
        var beganEarlier: Set<StepID> = []
        var block = cursor.block
        var limit = cursor.sequence
        reading: while true {
            let (chunks, last) = try outputChunks(blocks, block: block, below: limit)
            if block == blocks.count - 1, limit == .max { window.lastSequence = last }
            var kept: [Chunk] = []
            for index in chunks.indices.reversed() {
                if full {
                    window.earlier = Cursor(block: block, sequence: kept.last?.sequence ?? limit)
                    taken.append(kept.reversed())
                    beganEarlier = Self.stepsInsideALine(kept, before: chunks[...index])
                    break reading
                }
                kept.append(chunks[index])
                lines += chunks[index].lineCount
                bytes += chunks[index].drawnBytes
            }
            taken.append(kept.reversed())
            guard block > 0 else { break }
            block -= 1
            limit = .max
            if full {
                window.earlier = Cursor(block: block, sequence: .max)
                beganEarlier = Set(kept.map(\.step))
                break
            }
        }
        var byStep: [StepID: StepLines] = [:]
        var order: [StepID] = []
        var shown: [StepID: [Line]] = [:]
        var lastChunk: [StepID: Chunk] = [:]
        func html(_ line: StepLines.Line, of step: StepID) -> String {
            // Only a cut line gets a note: a short one that began earlier is finished by "earlier output".
            OutputHTML.line(line, raw: limits.raw(step), more: line.cut > 0 && shown[step, default: []].isEmpty && beganEarlier.contains(step))
        }
        for chunk in taken.reversed().joined() {
            if byStep[chunk.step] == nil { order.append(chunk.step) }
            for line in byStep[chunk.step, default: StepLines()].feed(chunk.data) {
                let made = Line(sequence: chunk.sequence, time: chunk.time, html: html(line, of: chunk.step))
                shown[chunk.step, default: []].append(made)
            }
            lastChunk[chunk.step] = chunk
        }
        // Before the log's end, a step's unfinished line is finished by its output after the window.
        let beforeTheEnd = !(cursor.block == blocks.count - 1 && cursor.sequence == .max)
        for step in order {
            if let unfinished = byStep[step]?.unfinished, !unfinished.bytes.isEmpty || unfinished.cut > 0, let last = lastChunk[step] {
                let made = Line(sequence: last.sequence, time: last.time, html: html(unfinished, of: step), continues: beforeTheEnd, unfinished: !beforeTheEnd)
                shown[step, default: []].append(made)
            }
            window.steps.append((step, shown[step] ?? []))
        }
        return window
    }

    /// The steps of `kept` (the oldest chunks of a window) whose output in `before` (the chunks just before
    /// the window, oldest first) does not end with a newline, or that have none there: their first line in
    /// the window may have begun earlier.
    private static func stepsInsideALine(_ kept: [Chunk], before: ArraySlice<Chunk>) -> Set<StepID> {
        // One pass over `before`, not one per step: a window of 2,000 steps' lines stays linear.
        var endsALine: [StepID: Bool] = [:]
        for chunk in before { endsALine[chunk.step] = chunk.data.last == UInt8(ascii: "\n") }
        return Set(kept.map(\.step).filter { !(endsALine[$0] ?? false) })
    }

    /// The output chunks of one block numbered below `limit`, and the number of the block's last event.
    private static func outputChunks(_ blocks: LogBlocks, block: Int, below limit: UInt64) throws -> ([Chunk], UInt64) {
        let stream = try blocks.events(from: block)
        let end = block + 1 < blocks.count ? blocks.starts[block + 1].firstRecordIndex : UInt64.max
        var chunks: [Chunk] = []
        var last: UInt64 = 0
        while stream.nextRecordIndex < end, let event = stream.next() {
            last = event.sequence
            guard event.sequence < limit, case .outputChunk(let step, _, let data, _) = event.body else { continue }
            let newlines = data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            chunks.append(Chunk(sequence: event.sequence, time: event.time, step: step, data: data, lineCount: max(newlines, 1), drawnBytes: OutputHTML.drawnBytesBound(data)))
        }
        return (chunks, last)
    }
}
