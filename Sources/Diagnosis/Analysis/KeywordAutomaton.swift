/// An Aho–Corasick automaton over lowercased bytes: one pass over a line finds every keyword in it.
///
/// Transitions are a dense table (`stateCount × 256`), built once per catalog; scanning is one table
/// lookup per byte, whatever the number of keywords.
public struct KeywordAutomaton: Sendable {
    private let transitions: [Int32]
    /// Keyword ids that end at each state, including those reached through failure links.
    private let outputs: [[Int32]]
    /// `outputs[state]` is not empty: checked per byte instead of the nested array.
    private let accepting: [Bool]
    public let keywordCount: Int

    /// The most states the table may have: 256 transitions × 4 bytes each, so about 16 MB at most.
    public static let statesMax = 16_384

    /// Keywords are matched byte for byte; callers lowercase both sides.
    public init(keywords: [String]) {
        var goto: [[Int32]] = [[Int32](repeating: -1, count: 256)]
        var outputs: [[Int32]] = [[]]
        for (id, keyword) in keywords.enumerated() {
            var state = 0
            for byte in keyword.utf8 {
                let next = goto[state][Int(byte)]
                if next >= 0 {
                    state = Int(next)
                } else {
                    precondition(goto.count < KeywordAutomaton.statesMax, "keyword automaton exceeds statesMax")
                    goto.append([Int32](repeating: -1, count: 256))
                    outputs.append([])
                    goto[state][Int(byte)] = Int32(goto.count - 1)
                    state = goto.count - 1
                }
            }
            outputs[state].append(Int32(id))
        }
        // Breadth-first: fill missing transitions from the failure state, merge outputs.
        var failure = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = goto[0][byte]
            if next < 0 {
                goto[0][byte] = 0
            } else {
                failure[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for byte in 0..<256 {
                let next = goto[state][byte]
                let fallback = goto[failure[state]][byte]
                if next < 0 {
                    goto[state][byte] = fallback
                } else {
                    failure[Int(next)] = Int(fallback)
                    outputs[Int(next)].append(contentsOf: outputs[Int(fallback)])
                    queue.append(Int(next))
                }
            }
        }
        transitions = goto.flatMap { $0 }
        self.outputs = outputs
        accepting = outputs.map { !$0.isEmpty }
        keywordCount = keywords.count
    }

    /// Calls `found` with the id of every keyword occurring in `bytes` (possibly more than once).
    public func scan(_ bytes: [UInt8], _ found: (Int) -> Void) {
        var state = 0
        transitions.withUnsafeBufferPointer { table in
            let accepting = self.accepting
            bytes.withUnsafeBufferPointer { line in
                for byte in line {
                    state = Int(table[state &* 256 &+ Int(byte)])
                    if accepting[state] { for id in outputs[state] { found(Int(id)) } }
                }
            }
        }
    }
}
