@testable import Catalog
import InstallModel
import Rendering
import Testing

/// Recipe and overlay text reaches the terminal through `NeutralText` in every catalog printer: the lines of
/// `plan --list` and `catalog` (`CatalogListing`), the rows of `outdated` (`NeutralColumns`), the plan `evlog plan`
/// prints (`PlanText`) and a profile (`ProfileText`) — with every field made hostile by a seed (C0 and C1 controls,
/// bidi controls, OSC title sequences, line separators).
@Suite("hostile catalog text")
struct HostileCatalogTextTests {
    /// Tools whose plans hold every kind of step the catalog makes (packages, repository setup, releases,
    /// language installers, scripts, shell config, services, notices).
    static let tools = ["docker", "kubectl", "ripgrep", "black", "cargo-audit", "rustup", "node", "gh", "helm", "go"]

    @Test(arguments: 0..<32)
    func catalogListingLinesShowEveryFieldNeutralised(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let fields = (0..<6).map { _ in "x" + HostileLabelTests.hostile(using: &generator) }
        let recipe = Recipe(
            name: fields[0], summary: fields[1], binary: fields[2], aliases: [fields[3]], verify: VerifySpec(), methods: [],
            origin: SourceLocation(file: "recipes/" + fields[4] + ".yaml", line: 1))
        let listed = CatalogEntry(recipe: recipe)
        var judged = listed
        judged.methods = [MethodAvailability(method: fields[5], available: true, detail: fields[1])]
        for line in [CatalogListing.line(listed), CatalogListing.lineWithMethods(judged)] {
            let raw = HostileLabelTests.actingScalars(in: line)
            #expect(raw.isEmpty && !line.contains("\n"), "seed \(seed): \(raw.map { String($0.value, radix: 16) }) in \(line)")
        }
        let row = NeutralColumns.line(fields, widths: [20, 8, 14, 14])
        #expect(HostileLabelTests.actingScalars(in: row).isEmpty && !row.contains("\n"), "seed \(seed): \(row)")
    }

    /// The plans for `tools` on a few named profiles, resolved once.
    static let plans: [(profile: String, plan: Plan)] = {
        guard let catalog = try? Catalog.bundled() else { return [] }
        return ["ubuntu-desktop", "debian-container", "fedora"].compactMap { profile in
            NamedProfiles.named(profile).flatMap { try? Resolver(catalog: catalog).resolve(tools: tools, profile: $0, planID: PlanID("p-test")) }
                .map { (profile, $0) }
        }
    }()

    @Test(arguments: 0..<8)
    func thePlanPrintoutShowsEveryRecipeValueNeutralised(seed: UInt64) throws {
        #expect(Self.plans.count == 3, "the plans do not resolve")
        for (profile, plan) in Self.plans {
            let created = Event(sequence: 1, time: Timestamp(microseconds: 0), body: .planCreated(plan))
            let events = try HostileLabelTests.hostileEvents([created], seed: seed &* 31 &+ UInt64(profile.count))
            guard case .planCreated(let hostilePlan) = events.first?.body else {
                Issue.record("the hostile plan does not decode")
                return
            }
            for (view, text) in [("plan", PlanText.render(hostilePlan)), ("profile", ProfileText.render(hostilePlan.profile))] {
                let raw = HostileLabelTests.actingScalars(in: text)
                #expect(raw.isEmpty, "seed \(seed), \(profile), \(view): \(raw.prefix(12).map { String($0.value, radix: 16) })")
            }
            // Each step is two lines, one more for what it waits for, what it backs up and each rollback: a hostile
            // value starts no line of its own.
            let stepLines = PlanText.stepLines(hostilePlan.steps).count
            let expected = hostilePlan.steps.reduce(0) {
                $0 + 2 + ($1.dependsOn.isEmpty ? 0 : 1) + ($1.backupBefore.isEmpty ? 0 : 1) + $1.rollback.count
            }
            #expect(stepLines == expected && PlanText.stepLines(hostilePlan.steps).allSatisfy { !$0.contains("\n") })
        }
    }
}
