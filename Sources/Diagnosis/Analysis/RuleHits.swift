/// What one rule matched in an output: its first lines (bounded) and the named captures seen.
struct RuleHits: Sendable {
    /// Matched lines kept per rule: enough for evidence, bounded for memory.
    static let linesMax = 3

    private(set) var firstLineIndex: Int
    private(set) var lastLineIndex: Int
    private(set) var lines: [(index: Int, text: String)] = []
    private(set) var captures: [String: String] = [:]
    private(set) var count = 0

    init(lineIndex: Int) {
        firstLineIndex = lineIndex
        lastLineIndex = lineIndex
    }

    mutating func record(lineIndex: Int, text: String, captures new: [String: String]) {
        count += 1
        lastLineIndex = max(lastLineIndex, lineIndex)
        if lines.count < RuleHits.linesMax, !lines.contains(where: { $0.index == lineIndex }) {
            lines.append((lineIndex, text))
        }
        for (key, value) in new where captures[key] == nil { captures[key] = value }
    }

    var retainedBytes: Int {
        lines.reduce(0) { $0 + $1.text.utf8.count } + captures.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
    }
}
