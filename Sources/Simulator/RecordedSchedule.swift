import InstallModel

/// The original log's events as a reproduction's driver walks them, with one event of lookahead: read
/// once, front to back, one event held, whatever the log's size.
public final class RecordedSchedule {
    private var events: any IteratorProtocol<Event>
    private var peeked: Event?
    private var exhausted = false

    public init(_ events: some Sequence<Event>) { self.events = events.makeIterator() }

    /// The next event, not consumed.
    public func peek() -> Event? {
        if peeked == nil && !exhausted {
            peeked = events.next()
            exhausted = peeked == nil
        }
        return peeked
    }

    /// Consumes the event `peek` returned.
    public func advance() { peeked = nil }
}
