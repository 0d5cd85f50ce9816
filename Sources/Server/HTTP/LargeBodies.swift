import Synchronization

/// The bodies at hand larger than a piece (`HTTPServer.streamPieceBytesMax`: pages, search results) being
/// written now. Each is written a piece at a time as its client takes them, and held whole until then, so a
/// client that stops reading one holds it (a plan page is up to about a megabyte): at most `max` are written
/// at once, and one more is answered 503 with `Retry-After` instead, so memory stays bounded however many
/// clients stall (serve15). A fast client's body leaves at once; only stalled ones stay.
public final class LargeBodies: Sendable {
    public let max: Int
    private let writing = Atomic<Int>(0)
    private let peakCount = Atomic<Int>(0)

    init(max: Int) {
        self.max = Swift.max(max, 1)
    }

    /// The large bodies being written now.
    public var count: Int { writing.load(ordering: .relaxed) }
    /// The most large bodies written at once so far.
    public var peak: Int { peakCount.load(ordering: .relaxed) }

    /// Takes a place for a large body; false when all are taken (the body is refused).
    func take() -> Bool {
        let now = writing.add(1, ordering: .relaxed).newValue
        guard now > max else {
            peakCount.max(now, ordering: .relaxed)
            return true
        }
        writing.subtract(1, ordering: .relaxed)
        return false
    }

    /// Gives back the place of a body written (or whose connection closed).
    func give() {
        writing.subtract(1, ordering: .relaxed)
    }

    /// The answer in place of a large body over the limit.
    var refusal: ServerResponse {
        var busy = ServerResponse.refusal(503, "evlog serve is writing \(max) large pages to clients that have not read them yet (its limit); try again in a few seconds")
        busy.headers.append(("Retry-After", "5"))
        return busy
    }
}
