/// An Aho–Corasick automaton over lowercased bytes: one pass over a line finds every keyword in it.
///
/// Transitions are a dense table (`stateCount × byteClassCount`), built once per catalog; scanning is
/// two table lookups per byte, whatever the number of keywords. Bytes that occur in no keyword share
/// one class, so the table is a few hundred KiB and stays in cache (a 256-wide table did not).
public struct KeywordAutomaton: Sendable {
    private let transitions: [UInt16]
    /// The column of each byte value; 0 for bytes that occur in no keyword.
    private let byteClasses: [UInt8]
    private let byteClassCount: Int
    /// Keyword ids that end at each state, including those reached through failure links.
    private let outputs: [[Int32]]
    /// `outputs[state]` is not empty: checked per byte instead of the nested array.
    private let accepting: [Bool]
    public let keywordCount: Int

    /// The most states the table may have (they are numbered in 16 bits).
    public static let statesMax = 16_384

    /// Keywords are matched byte for byte; callers lowercase both sides.
    public init(keywords: [String]) {
        var classes = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for byte in Set(keywords.flatMap(\.utf8)).sorted() {
            classes[Int(byte)] = UInt8(classCount)
            classCount += 1
        }
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var outputs: [[Int32]] = [[]]
        for (id, keyword) in keywords.enumerated() {
            var state = 0
            for byte in keyword.utf8 {
                let column = Int(classes[Int(byte)])
                let next = goto[state][column]
                if next >= 0 {
                    state = Int(next)
                } else {
                    precondition(goto.count < KeywordAutomaton.statesMax, "keyword automaton exceeds statesMax")
                    goto.append([Int32](repeating: -1, count: classCount))
                    outputs.append([])
                    goto[state][column] = Int32(goto.count - 1)
                    state = goto.count - 1
                }
            }
            outputs[state].append(Int32(id))
        }
        // Breadth-first: fill missing transitions from the failure state, merge outputs.
        var failure = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for column in 0..<classCount {
            let next = goto[0][column]
            if next < 0 {
                goto[0][column] = 0
            } else {
                failure[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for column in 0..<classCount {
                let next = goto[state][column]
                let fallback = goto[failure[state]][column]
                if next < 0 {
                    goto[state][column] = fallback
                } else {
                    failure[Int(next)] = Int(fallback)
                    outputs[Int(next)].append(contentsOf: outputs[Int(fallback)])
                    queue.append(Int(next))
                }
            }
        }
        transitions = goto.flatMap { $0.map { UInt16($0) } }
        byteClasses = classes
        byteClassCount = classCount
        self.outputs = outputs
        accepting = outputs.map { !$0.isEmpty }
        keywordCount = keywords.count
    }

    /// Calls `found` with the id of every keyword occurring in `bytes` (possibly more than once).
    public func scan(_ bytes: [UInt8], _ found: (Int) -> Void) {
        var state = 0
        let width = byteClassCount
        transitions.withUnsafeBufferPointer { table in
            byteClasses.withUnsafeBufferPointer { classes in
                accepting.withUnsafeBufferPointer { accepting in
                    bytes.withUnsafeBufferPointer { line in
                        for byte in line {
                            state = Int(table[state &* width &+ Int(classes[Int(byte)])])
                            if accepting[state] { for id in outputs[state] { found(Int(id)) } }
                        }
                    }
                }
            }
        }
    }
}
