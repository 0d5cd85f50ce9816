import InstallModel

/// The last display lines of stdout and stderr interleaved as they came, each with its stream.
public struct StreamTail: Sendable, Hashable {
    /// One kept line and the stream it came from.
    public struct Line: Sendable, Hashable {
        public var stream: OutputChannel
        public var text: String
    }

    public let linesMax: Int
    private var cleaners: [LineCleaner] = [LineCleaner(), LineCleaner()]
    private var complete: [Line] = []

    public init(linesMax: Int) {
        precondition(linesMax > 0, "a stream tail keeps at least one line")
        self.linesMax = linesMax
    }

    /// Kept lines, oldest first, then any partial lines (stdout's, then stderr's).
    public var lines: [Line] {
        var all = complete
        for (index, cleaner) in cleaners.enumerated() where !cleaner.partial.isEmpty {
            all.append(Line(stream: index == 0 ? .stdout : .stderr, text: cleaner.partial))
        }
        return Array(all.suffix(linesMax))
    }

    public mutating func feed<Bytes: BidirectionalCollection<UInt8>>(_ stream: OutputChannel, _ bytes: Bytes) {
        let index = stream == .stdout ? 0 : 1
        var finished: [Line] = []
        let pushedOut = cleaners[index].feed(keepingLast: linesMax, of: bytes) { finished.append(Line(stream: stream, text: $0)) }
        if pushedOut { complete.removeAll() }
        complete += finished.suffix(linesMax)
        if complete.count > linesMax { complete.removeFirst(complete.count - linesMax) }
    }
}
