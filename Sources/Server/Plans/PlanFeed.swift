import Orchestrator
import Synchronization

/// The one reader of a followed plan's log, whose frames every follower of the plan takes (`EventFeed`):
/// fifty followers cost one decode of each event, not fifty. The frames read are kept in a window of at
/// most its share of `FeedWindows`, oldest dropped first; each follower keeps only its place in it (the last sequence
/// it sent), so a slow follower holds no memory and slows no one — once its place has left the window it
/// is told so (`Take.behind`) and dropped. The log is read when a follower has taken every frame there
/// is, at most once per `EventFeed.pollInterval`; the writer's lock is never taken.
actor PlanFeed {
    /// What a follower gets for its place.
    enum Take {
        /// The frames after its place (about `EventFeed.writeBytesMin` bytes of them), and the last one's sequence.
        case frames([UInt8], last: UInt64)
        /// Its place is before the window: the frames it needs next were dropped (or never read here).
        case behind
        /// Nothing new yet; the plan is still being written.
        case waiting
        /// Every event was taken and the writer is gone (or the log is damaged): the stream ends.
        case ended
    }

    /// Bytes of frames kept for the followers of all plans at most (`FeedWindows`).
    static let windowBytesDefault = 8 << 20
    /// What a frame costs besides its bytes (its array and the window's slot), counted in the window.
    static let frameOverheadBytes = 64
    /// Bytes of frames read at most at a time (on the threads every request shares), and at most an eighth
    /// of the window: the followers reading at the pace of the others stay in it.
    static let readBytesMax = 8 * EventFeed.writeBytesMin

    private let log: PlanLog
    private let windows: FeedWindows
    private var reader: FrameReader
    private var window: [FrameReader.Frame] = []
    /// Index of the window's first frame in `window` (dropped frames are removed in batches).
    private var first = 0
    private var windowSize = 0
    /// Every event numbered above this that was read is in the window.
    private var coveredAfter: UInt64
    private var ended = false
    private var lastPoll: ContinuousClock.Instant?

    init(_ log: PlanLog, after: UInt64, windows: FeedWindows) throws {
        self.log = log
        self.windows = windows
        reader = try FrameReader(log, after: after)
        coveredAfter = after
    }

    /// What comes after `place` (the last sequence a follower sent).
    func take(after place: UInt64) -> Take {
        if let frames = frames(after: place) { return frames }
        if ended { return .ended }
        guard lastPoll.map({ ContinuousClock.now - $0 >= EventFeed.pollInterval }) ?? true else { return .waiting }
        readMore()
        return frames(after: place) ?? (ended ? .ended : .waiting)
    }

    private func frames(after place: UInt64) -> Take? {
        if place < coveredAfter { return .behind }
        // The first frame after `place`: frames are in sequence order.
        var low = first, high = window.count
        while low < high {
            let middle = (low + high) / 2
            if window[middle].sequence <= place { low = middle + 1 } else { high = middle }
        }
        guard low < window.count else { return nil }
        var bytes: [UInt8] = []
        var last = place
        while low < window.count, bytes.count < EventFeed.writeBytesMin {
            bytes += window[low].bytes
            last = window[low].sequence
            low += 1
        }
        return .frames(bytes, last: last)
    }

    /// Reads what was appended (a part at a time while far behind), then drops the oldest frames over the window.
    private func readMore() {
        // The writer is asked first: whatever it wrote before it let go is read below.
        let writing = log.writer.isRunning
        let windowBytes = windows.shareBytes
        let (frames, exhausted) = reader.read(bytesMax: min(Self.readBytesMax, windowBytes / 8))
        if exhausted { lastPoll = .now }
        for frame in frames {
            window.append(frame)
            windowSize += frame.bytes.count + Self.frameOverheadBytes
        }
        while windowSize > windowBytes, first < window.count {
            windowSize -= window[first].bytes.count + Self.frameOverheadBytes
            coveredAfter = window[first].sequence
            // Freed now, not when the array is next compacted: the window holds `windowBytes`, not twice that.
            window[first].bytes = []
            first += 1
        }
        if first > window.count / 2 {
            window.removeFirst(first)
            first = 0
        }
        if exhausted, reader.isStopped || !writing { ended = true }
    }
}

/// The feeds of the plans followed now, one per log, each kept while it has followers.
actor PlanFeeds {
    private var open: [String: (feed: PlanFeed, followers: Int)] = [:]
    private let windows: FeedWindows
    /// The responses reading a log on their own (followers before their feed's window, raw downloads), a few at a time.
    nonisolated let readers: ReaderLane

    init(windowBytes: Int = PlanFeed.windowBytesDefault, readersMax: Int = 4) {
        windows = FeedWindows(totalBytes: windowBytes)
        readers = ReaderLane(readersMax: readersMax)
    }

    /// The feed of `log`, made (reading from `after` on) when the plan has no follower yet.
    func join(_ log: PlanLog, after: UInt64) throws -> PlanFeed {
        if let joined = open[log.path] {
            open[log.path] = (joined.feed, joined.followers + 1)
            return joined.feed
        }
        let feed = try PlanFeed(log, after: after, windows: windows)
        open[log.path] = (feed, 1)
        windows.opened()
        return feed
    }

    /// A follower of `log` is gone; the last one takes the feed with it.
    func leave(_ log: PlanLog) {
        guard let joined = open[log.path] else { return }
        open[log.path] = joined.followers > 1 ? (joined.feed, joined.followers - 1) : nil
        if joined.followers == 1 { windows.closed() }
    }

    /// Plans with a feed now.
    var count: Int { open.count }
}

/// The bytes of frames the feeds of all followed plans keep together, each feed's window its share of them (serve22 #9:
/// eight finished plans followed at once kept a window of 8 MB each, and the server passed 130 MB). A follower that falls
/// out of a smaller window reads on its own, a few at a time (`PlanFeeds.readers`), and loses nothing.
final class FeedWindows: Sendable {
    /// The window of one feed at least, however many are open: enough for the followers reading at its pace.
    static let floorBytes = 256 << 10
    let totalBytes: Int
    private let feeds = Atomic<Int>(0)

    init(totalBytes: Int) { self.totalBytes = totalBytes }

    /// Each open feed's window now.
    var shareBytes: Int { max(min(totalBytes, Self.floorBytes), totalBytes / max(1, feeds.load(ordering: .relaxed))) }

    func opened() { feeds.add(1, ordering: .relaxed) }
    func closed() { feeds.subtract(1, ordering: .relaxed) }
}
