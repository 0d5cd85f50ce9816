import InstallModel

/// One pass over a log read by two cursors (a reproduction's driver, a little ahead, and its comparison):
/// each event is decoded once and kept only until both have passed it, so the log is read by one reader
/// and memory holds the few events between the two.
final class EventTee {
    private var source: any IteratorProtocol<Event>
    /// Events read from the source that a cursor has not passed yet; `buffer[0]` is event `bufferStart`.
    private var buffer: [Event] = []
    private var bufferStart = 0
    private var positions = [0, 0]

    init(_ events: some Sequence<Event>) { source = events.makeIterator() }

    /// The two cursors, each a sequence of every event.
    var cursors: (Cursor, Cursor) { (Cursor(tee: self, index: 0), Cursor(tee: self, index: 1)) }

    fileprivate func next(for cursor: Int) -> Event? {
        let position = positions[cursor]
        if position - bufferStart == buffer.count {
            guard let event = source.next() else { return nil }
            buffer.append(event)
        }
        let event = buffer[position - bufferStart]
        positions[cursor] = position + 1
        let passed = (positions.min() ?? 0) - bufferStart
        if passed > 0 {
            buffer.removeFirst(passed)
            bufferStart += passed
        }
        return event
    }

    /// One reader's view of the tee.
    struct Cursor: Sequence, IteratorProtocol {
        let tee: EventTee
        let index: Int
        mutating func next() -> Event? { tee.next(for: index) }
    }
}
