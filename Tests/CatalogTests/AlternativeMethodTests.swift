import Catalog
import InstallModel
import Testing

/// `switch_method` re-plans a failed tool without the method that failed.
@Suite struct AlternativeMethodTests {
    @Test func aFailedPackageInstallIsReplannedByTheNextMethod() throws {
        let plan = try TestSupport.plan(["ripgrep"], on: "debian-container")
        let install = try #require(plan.steps.first { Resolver.methodLabel(of: $0) == "packages" && $0.tool == "ripgrep" })
        let steps = try Resolver(catalog: TestSupport.catalog).alternative(replacing: install, in: plan).get()
        #expect(!steps.isEmpty)
        #expect(!steps.contains { $0.kind == .verify })
        #expect(!steps.contains { Resolver.methodLabel(of: $0) == "packages" && $0.tool == "ripgrep" })
        let existing = Set(plan.steps.map(\.id))
        #expect(steps.allSatisfy { !existing.contains($0.id) })
        #expect(throws: Never.self) { try PlanGraph(steps: plan.steps + steps) }
    }

    @Test func aToolWithNoOtherMethodSaysWhy() throws {
        let plan = try TestSupport.plan(["ripgrep"], on: "debian-container")
        let install = try #require(plan.steps.first { Resolver.methodLabel(of: $0) == "packages" && $0.tool == "ripgrep" })
        var untooled = install
        untooled.tool = nil
        guard case .failure(let error) = Resolver(catalog: TestSupport.catalog).alternative(replacing: untooled, in: plan) else {
            Issue.record("a step with no tool has no alternative")
            return
        }
        #expect(error.reason.contains("no named tool"))
    }
}
