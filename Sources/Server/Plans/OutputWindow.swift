import EventLog
import InstallModel
import Orchestrator

/// Output lines of a plan, read from a run of its log's blocks, newest first, never the whole log:
/// a plan page opens on the last `linesMax` lines (a 256 MB log reads one or two blocks), and each
/// "earlier output" request reads back from where the last one stopped (`Cursor`).
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
            guard parts.count == 2, let block = Int(parts[0]), block >= 0, let sequence = UInt64(parts[1]) else { return nil }
            self.init(block: block, sequence: sequence)
        }
    }

    /// One line shown: the event it came from (its permalink and time) and its HTML.
    struct Line {
        var sequence: UInt64
        var time: Timestamp
        var html: String
    }

    /// Lines by step, in the order the steps first appear in the window.
    var steps: [(step: StepID, lines: [Line])] = []
    /// Where the output before this window starts; nil when the window reaches the first event.
    var earlier: Cursor?
    /// The number of the last event in the log when it was read (a live page follows from there).
    var lastSequence: UInt64 = 0

    static let linesMax = 2000

    /// The last lines of the log.
    static func tail(of log: PlanLog, foreign: Bool = false, linesMax: Int = linesMax) throws -> OutputWindow {
        let starts = try log.blockStarts()
        guard !starts.isEmpty else { return OutputWindow() }
        return try read(log, starts: starts, before: Cursor(block: starts.count - 1, sequence: .max), foreign: foreign, linesMax: linesMax)
    }

    /// The lines before `cursor`.
    static func earlier(in log: PlanLog, before cursor: Cursor, foreign: Bool = false, linesMax: Int = linesMax) throws -> OutputWindow {
        let starts = try log.blockStarts()
        guard cursor.block < starts.count else { return OutputWindow() }
        return try read(log, starts: starts, before: cursor, foreign: foreign, linesMax: linesMax)
    }

    private struct Chunk {
        var sequence: UInt64
        var time: Timestamp
        var step: StepID
        var data: [UInt8]
        var lineCount: Int
    }

    private static func read(_ log: PlanLog, starts: [BlockStart], before cursor: Cursor, foreign: Bool, linesMax: Int) throws -> OutputWindow {
        var window = OutputWindow()
        var taken: [[Chunk]] = []  // newest block first
        var lines = 0
        var block = cursor.block
        var limit = cursor.sequence
        reading: while true {
            let (chunks, last) = try outputChunks(log, starts: starts, block: block, below: limit, foreign: foreign)
            if block == starts.count - 1, limit == .max { window.lastSequence = last }
            var kept: [Chunk] = []
            for chunk in chunks.reversed() {
                if lines >= linesMax {
                    window.earlier = Cursor(block: block, sequence: kept.last?.sequence ?? limit)
                    taken.append(kept.reversed())
                    break reading
                }
                kept.append(chunk)
                lines += chunk.lineCount
            }
            taken.append(kept.reversed())
            guard block > 0 else { break }
            block -= 1
            limit = .max
            if lines >= linesMax {
                window.earlier = Cursor(block: block, sequence: .max)
                break
            }
        }
        var byStep: [StepID: StepLines] = [:]
        var order: [StepID] = []
        var shown: [StepID: [Line]] = [:]
        var lastChunk: [StepID: Chunk] = [:]
        for chunk in taken.reversed().joined() {
            if byStep[chunk.step] == nil { order.append(chunk.step) }
            let lines = byStep[chunk.step, default: StepLines()].feed(chunk.data)
            shown[chunk.step, default: []] += lines.map { Line(sequence: chunk.sequence, time: chunk.time, html: OutputHTML.line($0)) }
            lastChunk[chunk.step] = chunk
        }
        for step in order {
            var stepLines = shown[step] ?? []
            if let partial = byStep[step]?.partial, !partial.isEmpty, let last = lastChunk[step] {
                stepLines.append(Line(sequence: last.sequence, time: last.time, html: OutputHTML.line(partial)))
            }
            window.steps.append((step, stepLines))
        }
        return window
    }

    /// The output chunks of one block numbered below `limit`, and the number of the block's last event.
    private static func outputChunks(_ log: PlanLog, starts: [BlockStart], block: Int, below limit: UInt64, foreign: Bool) throws -> ([Chunk], UInt64) {
        let stream = try log.events(from: starts[block])
        var shown = ShownEvents(foreign: foreign)
        let records = block + 1 < starts.count ? Int(starts[block + 1].firstRecordIndex - starts[block].firstRecordIndex) : Int.max
        var chunks: [Chunk] = []
        var last: UInt64 = 0
        while stream.eventCount + stream.undecodableRecords < records, let event = stream.next() {
            last = event.sequence
            guard event.sequence < limit, case .outputChunk(let step, _, let data, _) = shown.shown(event).body else { continue }
            let newlines = data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            chunks.append(Chunk(sequence: event.sequence, time: event.time, step: step, data: data, lineCount: max(newlines, 1)))
        }
        return (chunks, last)
    }
}
