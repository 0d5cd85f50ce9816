/// The last few display lines of one output stream (see `LineCleaner`). Memory is bounded: at most
/// `linesMax` lines plus a partial one.
public struct OutputTail: Sendable, Hashable {
    public let linesMax: Int
    private var cleaner = LineCleaner()
    private var complete: [String] = []

    public init(linesMax: Int) {
        precondition(linesMax > 0, "an output tail keeps at least one line")
        self.linesMax = linesMax
    }

    /// The kept lines, oldest first, including the partial last line when it has text.
    public var lines: [String] {
        let partial = cleaner.partial
        return Array((partial.isEmpty ? complete : complete + [partial]).suffix(linesMax))
    }

    public mutating func feed<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) {
        var finished: [String] = []
        if cleaner.feed(keepingLast: linesMax, of: bytes, line: { finished.append($0) }) { complete.removeAll() }
        complete += finished.suffix(linesMax)
        if complete.count > linesMax { complete.removeFirst(complete.count - linesMax) }
    }
}
