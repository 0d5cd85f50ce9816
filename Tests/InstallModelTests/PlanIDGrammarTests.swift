import InstallModel
import Testing

/// A plan id means one thing wherever it is typed: generated ids that a reference reads as something else — a
/// reserved name (`latest`, `latest-failed`) or a file's path (ending in `.evlog` or `.evb`) — are refused by the
/// grammar, whatever the rest of the id; ids that only contain those words are accepted.
@Suite struct PlanIDGrammarTests {
    @Test func reservedNamesAndFileEndingsAreNotPlanIDs() {
        var generator = SplitMix64(seed: 14)
        let alphabet = Array("abcXYZ019._-")
        for _ in 0..<500 {
            let length = Int(generator.next() % 12)
            let stem = "p" + String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(PlanID(stem).isWellFormed, "\(stem)")
            for ending in PlanID.fileEndings {
                #expect(!PlanID(stem + ending).isWellFormed, "\(stem + ending)")
                #expect(PlanID(stem + ending + "x").isWellFormed, "\(stem + ending + "x")")
            }
            for name in PlanID.reservedNames {
                #expect(PlanID(name + "-" + stem).isWellFormed, "\(name)-\(stem)")
            }
        }
        for name in PlanID.reservedNames { #expect(!PlanID(name).isWellFormed, "\(name)") }
        #expect(PlanID.reservedNames == [PlanID.latestName, PlanID.latestFailedName])
    }
}
