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
    /// Where to read back from: lines of events numbered below `sequence`, in block `block` and before, and the
    /// first `lines` lines of event `sequence` itself (each to its newline): a window that ends inside an event
    /// of more lines than it holds (serve20 #6: a chunk was taken whole, so a page held up to one chunk's lines past
    /// `linesMax`, 2,728 of its 2,000).
    struct Cursor: Sendable, Equatable {
        var block: Int
        var sequence: UInt64
        var lines = 0

        /// `B.S` in URLs (`?before=12.40961`), `B.S.L` when lines of event S come before (`?before=12.40961.700`).
        var text: String { lines == 0 ? "\(block).\(sequence)" : "\(block).\(sequence).\(lines)" }

        init(block: Int, sequence: UInt64, lines: Int = 0) {
            self.block = block
            self.sequence = sequence
            self.lines = lines
        }

        init?(parsing text: String) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            // Every number: `UInt64.max` is the cursor of a whole block, which the server writes (serve20 #3).
            guard parts.count == 2 || parts.count == 3, let block = Int(parts[0]), (0..<Int(Int32.max)).contains(block), let sequence = UInt64(parts[1])
            else { return nil }
            let lines = parts.count == 3 ? Int(parts[2]) : 0
            guard let lines, (0..<Int(Int32.max)).contains(lines) else { return nil }
            self.init(block: block, sequence: sequence, lines: lines)
        }
    }

    /// One line shown: the event it came from (its permalink and time) and its HTML. `continues`: the line
    /// goes on in the output after the window (already shown), so it is drawn as the start of that line,
    /// not as a line of its own (a line longer than a window, or one a window's edge cut in two).
    struct Line {
        var sequence: UInt64
        /// The line's place among its event's lines (from 0), as its permalink `#e<sequence>.<index>` names it.
        var index = 0
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
        /// Where the log is damaged (not a torn tail): nothing from there on is read (`LogBlocks`).
        var damagedAt: Int64?
    }

    /// The last lines of the log.
    static func tail(of log: PlanLog, limits: Limits = Limits()) throws -> OutputWindow {
        let blocks = try LogBlocks(log, reads: limits.reads, damagedAt: limits.damagedAt)
        guard blocks.count > 0 else { return OutputWindow() }
        return try read(blocks, before: Cursor(block: blocks.count - 1, sequence: .max), limits: limits)
    }

    /// The lines up to event `sequence` (its own last), or up to its line `line` when given (from 0, as a permalink
    /// `#e<sequence>.<line>` names it), read back from the block holding it (found by the block index, as a
    /// reconnect's first block is): a permalink's or a search hit's line, however early.
    static func upTo(event sequence: UInt64, line: Int? = nil, in log: PlanLog, limits: Limits = Limits()) throws -> OutputWindow {
        let blocks = try LogBlocks(log, reads: limits.reads, damagedAt: limits.damagedAt)
        guard blocks.count > 0, sequence < .max else { return OutputWindow() }
        let block = sequence == 0 ? 0 : try FrameReader.block(holdingEventAfter: sequence - 1, in: blocks)
        let end = line.map { Cursor(block: block, sequence: sequence, lines: $0 + 1) } ?? Cursor(block: block, sequence: sequence + 1)
        return try read(blocks, before: end, limits: limits)
    }

    /// The lines before `cursor`.
    static func earlier(in log: PlanLog, before cursor: Cursor, limits: Limits = Limits()) throws -> OutputWindow {
        let blocks = try LogBlocks(log, reads: limits.reads, damagedAt: limits.damagedAt)
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
        /// The place among its event's lines of the first line `data` ends (lines of the event before `data` are not in it).
        var firstLine = 0

        init(sequence: UInt64, time: Timestamp, step: StepID, data: [UInt8], firstLine: Int = 0) {
            self.sequence = sequence
            self.time = time
            self.step = step
            self.data = data
            self.firstLine = firstLine
            lineCount = max(data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }, 1)
            drawnBytes = OutputHTML.drawnBytesBound(data)
        }

        /// The chunk's last `count` lines (from just after a newline) when it holds more, else nil.
        func last(_ count: Int) -> Chunk? {
            guard count > 0, lineCount > count, let start = Self.end(ofLine: lineCount - count, in: data) else { return nil }
            return Chunk(sequence: sequence, time: time, step: step, data: Array(data[start...]), firstLine: firstLine + lineCount - count)
        }

        /// Where the `count`th line of `data` ends (just past its newline), or nil when it has fewer.
        static func end(ofLine count: Int, in data: [UInt8]) -> Int? {
            var seen = 0
            for index in data.indices where data[index] == UInt8(ascii: "\n") {
                seen += 1
                if seen == count { return index + 1 }
            }
            return nil
        }
    }

    private static func read(_ blocks: LogBlocks, before cursor: Cursor, limits: Limits) throws -> OutputWindow {
        var window = OutputWindow()
        var taken: [[Chunk]] = []  // newest block first
        var lines = 0
        var bytes = 0
        var full: Bool { lines >= limits.lines || bytes >= limits.bytes }
        // Steps whose output just before the window does not end a line (`continuing`), and those with none at hand
        // there (`unknown`): their first line in the window began earlier, or may have.
        var edge = Edge()
        var block = cursor.block
        var limit = (sequence: cursor.sequence, lines: cursor.lines)
        reading: while true {
            let (chunks, last) = try outputChunks(blocks, block: block, below: limit)
            if block == blocks.count - 1, limit == (.max, 0) { window.lastSequence = last }
            var kept: [Chunk] = []
            for index in chunks.indices.reversed() {
                if full {
                    window.earlier = kept.last.map { Cursor(block: block, sequence: $0.sequence) } ?? Cursor(block: block, sequence: limit.sequence, lines: limit.lines)
                    taken.append(kept.reversed())
                    edge = Edge(kept, before: chunks[...index])
                    break reading
                }
                // A chunk of more lines than the window has room for gives its last ones: the window starts at a
                // line's start, and the cursor says how many of the chunk's lines come before it.
                if let part = chunks[index].last(limits.lines - lines) {
                    kept.append(part)
                    lines += part.lineCount
                    bytes += part.drawnBytes
                    window.earlier = Cursor(block: block, sequence: part.sequence, lines: part.firstLine)
                    taken.append(kept.reversed())
                    edge = Edge(kept, before: chunks[..<index], whole: part.step)
                    break reading
                }
                kept.append(chunks[index])
                lines += chunks[index].lineCount
                bytes += chunks[index].drawnBytes
            }
            taken.append(kept.reversed())
            guard block > 0 else { break }
            block -= 1
            limit = (.max, 0)
            if full {
                window.earlier = Cursor(block: block, sequence: .max)
                // The window ends at a block's edge: the block before says whose first lines began in it, as a window
                // that ends inside a block knows (serve20b #7: a line's tail was drawn as a whole line, unmarked).
                edge = Edge(Array(taken.joined()), before: try outputChunks(blocks, block: block, below: (.max, 0)).0[...])
                break
            }
        }
        var byStep: [StepID: StepLines] = [:]
        var order: [StepID] = []
        var shown: [StepID: [Line]] = [:]
        var lastChunk: [StepID: (chunk: Chunk, nextLine: Int)] = [:]
        func html(_ line: StepLines.Line, of step: StepID) -> String {
            guard shown[step, default: []].isEmpty else { return OutputHTML.line(line, raw: limits.raw(step)) }
            // The first line of a step: marked when it began before the window (serve20 #6: "11997273" was drawn as a
            // line of its own, the end of "line of output number 11997273"); one that may have, only when it is cut.
            let began = edge.continuing.contains(step) || (line.cut > 0 && edge.unknown.contains(step))
            return OutputHTML.line(line, raw: limits.raw(step), more: began)
        }
        for chunk in taken.reversed().joined() {
            if byStep[chunk.step] == nil { order.append(chunk.step) }
            var index = chunk.firstLine
            for line in byStep[chunk.step, default: StepLines()].feed(chunk.data) {
                let made = Line(sequence: chunk.sequence, index: index, time: chunk.time, html: html(line, of: chunk.step))
                shown[chunk.step, default: []].append(made)
                index += 1
            }
            lastChunk[chunk.step] = (chunk, index)
        }
        // Before the log's end, a step's unfinished line is finished by its output after the window.
        let beforeTheEnd = !(cursor.block == blocks.count - 1 && cursor.sequence == .max)
        for step in order {
            if let unfinished = byStep[step]?.unfinished, !unfinished.bytes.isEmpty || unfinished.cut > 0, let last = lastChunk[step] {
                let made = Line(
                    sequence: last.chunk.sequence, index: last.nextLine, time: last.chunk.time, html: html(unfinished, of: step), continues: beforeTheEnd,
                    unfinished: !beforeTheEnd)
                shown[step, default: []].append(made)
            }
            window.steps.append((step, shown[step] ?? []))
        }
        return window
    }

    /// What is known of the output just before a window, by step.
    private struct Edge {
        /// Steps whose output just before the window does not end with a newline: their first line in it began earlier.
        var continuing: Set<StepID> = []
        /// Steps of the window with no output at hand before it: their first line may have begun earlier.
        var unknown: Set<StepID> = []

        init() {}

        /// The steps of `kept` (the oldest chunks of a window) by their output in `before` (the chunks just before
        /// the window, oldest first); `whole`, a step whose first line in the window is known to start there.
        init(_ kept: [Chunk], before: ArraySlice<Chunk>, whole: StepID? = nil) {
            // One pass over `before`, not one per step: a window of 2,000 steps' lines stays linear.
            var endsALine: [StepID: Bool] = [:]
            for chunk in before { endsALine[chunk.step] = chunk.data.last == UInt8(ascii: "\n") }
            for step in Set(kept.map(\.step)) where step != whole {
                switch endsALine[step] {
                case false?: continuing.insert(step)
                case nil: unknown.insert(step)
                case true?: break
                }
            }
        }
    }

    /// The output chunks of one block numbered below `limit.sequence`, with the first `limit.lines` lines of event
    /// `limit.sequence`, and the number of the block's last event.
    private static func outputChunks(_ blocks: LogBlocks, block: Int, below limit: (sequence: UInt64, lines: Int)) throws -> ([Chunk], UInt64) {
        let stream = try blocks.events(from: block)
        let end = block + 1 < blocks.count ? blocks.starts[block + 1].firstRecordIndex : UInt64.max
        var chunks: [Chunk] = []
        var last: UInt64 = 0
        while stream.nextRecordIndex < end, let event = stream.next() {
            last = event.sequence
            guard case .outputChunk(let step, _, let data, _) = event.body else { continue }
            if event.sequence < limit.sequence {
                chunks.append(Chunk(sequence: event.sequence, time: event.time, step: step, data: data))
            } else if event.sequence == limit.sequence, limit.lines > 0 {
                let part = Chunk.end(ofLine: limit.lines, in: data).map { Array(data[..<$0]) } ?? data
                chunks.append(Chunk(sequence: event.sequence, time: event.time, step: step, data: part))
            }
        }
        return (chunks, last)
    }
}
