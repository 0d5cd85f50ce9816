import Catalog
import Foundation
import InstallModel
import Testing

/// A plan never holds the `{user}` placeholder: whoever builds it without naming a user gets the
/// simulated machine's, so golden plans and every plan a caller forgets to give a user to name one.
struct PlanUserPlaceholderTests {
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func noPlanOfAnyToolHoldsTheUserPlaceholder(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let profiles = NamedProfiles.names
        let profile = profiles[Int(generator.next() % UInt64(profiles.count))]
        var planned = 0
        for tool in TestSupport.catalog.recipes.keys.sorted() {
            guard let plan = try? TestSupport.plan([tool], on: profile) else { continue }
            planned += 1
            let holdsPlaceholder = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self).contains("{user}")
            #expect(!holdsPlaceholder, "\(tool) on \(profile)")
        }
        #expect(planned > 100, "\(profile): only \(planned) tools planned")
    }
}
