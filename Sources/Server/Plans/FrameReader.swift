import EventLog
import InstallModel
import Orchestrator

/// Reads a plan's events numbered above `after` as SSE frames (`EventFrames`), starting at the block that
/// holds the first of them (found by a binary search over the block index, one block decoded per probe),
/// not at the log's first record: a reconnect near the end of a 256 MB log reads its last blocks only.
/// A step's line may have begun before that point: when a step's output first comes, its line's start is
/// looked for back from `after`, block by block, until its last newline, the first start of the step or
/// the log's start (`lineStart`), within `lineSearchBytesMax` of output read, so the first line drawn is whole.
struct FrameReader {
    /// One SSE frame and the sequence number of its event.
    struct Frame {
        var sequence: UInt64
        var bytes: [UInt8]
    }

    /// Output read back at most, per step, looking for the start of the line a step was writing at `after`.
    static let lineSearchBytesMax = 32 << 20
    /// Bytes of a line's start kept at most while looking back for it: twice what a line shows (`StepLines`),
    /// so a line longer than that is drawn as one cut before the part shown, whatever came before.
    static let lineKeptBytesMax = 2 * StepLines.partialBytesMax

    private let blocks: LogBlocks
    private let events: PlanEventStream
    private var frames: EventFrames
    private let after: UInt64
    /// The block read first (0: the log's first), the one holding the event after `after`.
    let firstBlock: Int

    init(_ log: PlanLog, after: UInt64, reads: PolicyReads = .shared) throws {
        self.after = after
        blocks = try LogBlocks(log, reads: reads)
        firstBlock = after == 0 ? 0 : try Self.block(holdingEventAfter: after, in: blocks)
        events = firstBlock == 0 ? try log.events() : try blocks.events(from: firstBlock)
        frames = EventFrames(startsInsideLines: after > 0)
    }

    /// The frames of the events appended since the last call, until about `bytesMax` bytes of them; `exhausted`
    /// when every event written by now was read.
    mutating func read(bytesMax: Int) -> (frames: [Frame], exhausted: Bool) {
        var read: [Frame] = []
        var bytes = 0
        while let event = events.nextAppended() {
            guard event.sequence > after else { continue }
            if case .outputChunk(let step, _, _, _) = event.body, frames.needsLineStart(of: step) {
                let (line, whole) = lineStart(of: step)
                frames.begin(step, line: line, whole: whole)
            }
            let frame = Frame(sequence: event.sequence, bytes: frames.frame(for: event))
            bytes += frame.bytes.count
            read.append(frame)
            if bytes >= bytesMax { return (read, false) }
        }
        return (read, true)
    }

    /// Whether reading stopped for good: damage other than a torn tail (a block still being written), or an I/O error.
    var isStopped: Bool {
        (events.damage.map { !$0.isTornTail } ?? false) || events.readError != nil
    }

    /// The line `step` was writing after event `after`, read back from there: the output since its last newline,
    /// whole once that newline, the step's first start or the log's start is met; else (a longer line, or
    /// `lineSearchBytesMax` of output read) its last part, cut. Fed its chunks in order, as a read from the
    /// start would feed them, so the line is drawn as that read draws it.
    private func lineStart(of step: StepID) -> (line: StepLines, whole: Bool) {
        var pieces: [[UInt8]] = []  // newest first
        var kept = 0, read = 0
        var whole = false
        searching: for block in stride(from: firstBlock, through: 0, by: -1) {
            guard read <= Self.lineSearchBytesMax, let events = try? blocks.events(from: block) else { break }
            let end = block + 1 < blocks.count ? blocks.starts[block + 1].firstRecordIndex : .max
            var chunks: [[UInt8]] = []
            var started = false
            while let event = events.next(), events.nextRecordIndex <= end, event.sequence <= after {
                switch event.body {
                case .outputChunk(let owner, _, let data, _):
                    read += data.count
                    if owner == step { chunks.append(data) }
                case .stepStarted(step, 1, _, _):
                    started = true
                default:
                    continue
                }
            }
            for chunk in chunks.reversed() {
                if let newline = chunk.lastIndex(of: UInt8(ascii: "\n")) {
                    pieces.append(Array(chunk[(newline + 1)...]))
                    whole = true
                    break searching
                }
                pieces.append(chunk)
                kept += chunk.count
                if kept > Self.lineKeptBytesMax { break searching }
            }
            if started || block == 0 {
                whole = true
                break
            }
        }
        var line = StepLines()
        for piece in pieces.reversed() { _ = line.feed(piece) }
        return (line, whole)
    }

    /// The last block whose first event is numbered `after + 1` or lower (0 when none is): the events after
    /// `after` start in it. A block whose first record is no event (a part of one, a seal) is probed by its
    /// first event.
    static func block(holdingEventAfter after: UInt64, in blocks: LogBlocks) throws -> Int {
        var low = 0, high = blocks.count - 1, found = 0
        while low <= high {
            let middle = (low + high) / 2
            let first = try blocks.events(from: middle).next()?.sequence
            if let first, first <= after + 1 {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found
    }
}
