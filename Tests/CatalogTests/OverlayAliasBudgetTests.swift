import Catalog
import InstallModel
import Testing

/// A file's aliases count against a cap on what it expands to, so a small overlay cannot hand the loader gigabytes to
/// check (trust13 #1); anchors used a few times, as repository variants are, still load. Sizes come from a seed.
struct OverlayAliasBudgetTests {
    /// A recipe whose `methods` repeat an anchored method `uses` times, its note `noteBytes` long.
    static func amplified(noteBytes: Int, uses: Int) -> String {
        let note = String(repeating: "A", count: noteBytes)
        let methods = ["&m {packages: {apt: acme-t}, note: *s}"] + Array(repeating: "*m", count: uses)
        return "acme-t:\n  description: &s \"\(note)\"\n  binary: acmebin\n  verify: {pattern: '^acme'}\n  methods: [\(methods.joined(separator: ", "))]\n"
    }

    @Test func aliasesExpandingPastTheCapAreRefusedAndFewUsesLoad() {
        var generator = SplitMix64(seed: 41)
        for _ in 0..<12 {
            let noteBytes = 1_000 + Int(generator.next() % 300_000)
            let cap = 4 << 20
            let over = cap / noteBytes + 1 + Int(generator.next() % 50)
            switch OverlayCommandPolicyTests.overlaid(Self.amplified(noteBytes: noteBytes, uses: over)) {
            case .refused(let message): #expect(message.contains("expand to more than"), "\(message)")
            case .loaded: Issue.record("\(over) uses of a \(noteBytes)-byte note loaded")
            }
            let few = Int(generator.next() % 3)
            if case .refused(let message) = OverlayCommandPolicyTests.overlaid(Self.amplified(noteBytes: min(noteBytes, 100_000), uses: few)) {
                Issue.record("\(few) uses of a note were refused: \(message)")
            }
        }
    }
}
