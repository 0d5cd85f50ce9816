import InstallModel
import Simulator
import Testing

/// A command of megabytes of arguments is compared by its length and digest, not held whole (repro13 F5): the same
/// command matches, one differing in any byte (first, middle, last) or in length does not, and the report shows it cut.
@Suite struct LongCommandComparisonTests {
    static func started(_ argv: [String]) -> Event {
        Event(sequence: 4, time: Timestamp(microseconds: 4), body: .commandStarted(step: "run", argv: argv, process: nil))
    }

    static let long = ["sh", "-c", "echo n=$#"] + (0..<4).map { "x\($0)_" + String(repeating: "a", count: 40_000) }

    @Test(arguments: [nil, 3, 4, 6] as [Int?], [false, true])
    func aLongCommandMatchesOnlyItself(changedWord: Int?, atEnd: Bool) throws {
        var reproduced = Self.long
        if let changedWord {
            let word = reproduced[changedWord]
            reproduced[changedWord] = atEnd ? word + "b" : "b" + word.dropFirst()
        }
        let comparison = LogComparison(original: [Self.started(Self.long)])
        if changedWord == nil {
            try comparison.compare(Self.started(reproduced))
            #expect(comparison.comparedCount == 1)
        } else {
            #expect {
                try comparison.compare(Self.started(reproduced))
            } throws: { error in
                guard let difference = error as? LogComparison.Difference else { return false }
                return difference.original != difference.reproduced && difference.original.count <= LogComparison.shownCharactersMax + 2
            }
        }
    }
}
