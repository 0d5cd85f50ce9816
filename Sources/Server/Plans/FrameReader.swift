import EventLog
import InstallModel
import Orchestrator

/// Reads a plan's events numbered above `after` as SSE frames (`EventFrames`), starting at the block that
/// holds the first of them (found by a binary search over the block index, one block decoded per probe),
/// not at the log's first record: a reconnect near the end of a 256 MB log reads its last blocks only.
/// The output before that point that a step's unfinished line may have begun in is read too — whole blocks
/// back until `primingRecords` records are read before it, or `primingBytes` of log — and fed to the frames
/// without being sent (`EventFrames.prime`).
struct FrameReader {
    /// One SSE frame and the sequence number of its event.
    struct Frame {
        var sequence: UInt64
        var bytes: [UInt8]
    }

    /// Bytes of log (compressed, as stored) read at most before the block holding the first event sent, so
    /// that a line begun there is drawn whole.
    static let primingBytesDefault: Int64 = 1 << 20
    /// Records read before the block holding the first event sent, at least, within `primingBytesDefault`: a
    /// record holds up to 64 KB of output, and output that compresses well (`yes`) packs 4 MB in a few KB of
    /// log, so a byte count alone would read most of a 256 MB log again.
    static let primingRecords: UInt64 = 64

    private let events: PlanEventStream
    private var frames: EventFrames
    private let after: UInt64
    /// The block read first (0: the log's first).
    let firstBlock: Int

    init(_ log: PlanLog, after: UInt64, primingBytes: Int64 = FrameReader.primingBytesDefault) throws {
        self.after = after
        let starts = try log.blockStarts()
        let holding = after == 0 ? 0 : try Self.block(holdingEventAfter: after, in: log, starts: starts)
        var first = holding
        while first > 0, starts[holding].firstRecordIndex - starts[first].firstRecordIndex < Self.primingRecords,
            starts[holding].offset - starts[first - 1].offset <= primingBytes { first -= 1 }
        firstBlock = first
        events = first == 0 ? try log.events() : try log.events(from: starts[first])
        frames = EventFrames(startsInsideLines: first > 0)
    }

    /// The frames of the events appended since the last call, until about `bytesMax` bytes of them; `exhausted`
    /// when every event written by now was read.
    mutating func read(bytesMax: Int) -> (frames: [Frame], exhausted: Bool) {
        var read: [Frame] = []
        var bytes = 0
        while let event = events.nextAppended() {
            guard event.sequence > after else {
                frames.prime(event)
                continue
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

    /// The last block whose first event is numbered `after + 1` or lower (0 when none is): the events after
    /// `after` start in it. A block whose first record is no event (a part of one, a seal) is probed by its
    /// first event.
    private static func block(holdingEventAfter after: UInt64, in log: PlanLog, starts: [BlockStart]) throws -> Int {
        var low = 0, high = starts.count - 1, found = 0
        while low <= high {
            let middle = (low + high) / 2
            let first = try log.events(from: starts[middle]).next()?.sequence
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
