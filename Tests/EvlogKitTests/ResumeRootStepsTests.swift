import Catalog
@testable import EvlogKit
import InstallModel
import Testing

/// truth20 #11: a resume asks for root only for the root steps it will run; a plan whose root steps are done runs its
/// user steps without sudo's password.
struct ResumeRootStepsTests {
    @Test func stepsDoneNeedNoRootAndTheRestStillDo() throws {
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        let plan = try Resolver(catalog: try Catalog.bundled()).resolve(
            tools: ["jq", "tree"], profile: InstallRecordPlansTests.profile, planID: PlanID("p-000000000001"), options: options)
        let root = plan.steps.filter(\.needsRoot).map(\.id)
        try #require(!root.isEmpty && root.count < plan.steps.count, "the plan has root and user steps")
        #expect(PlanExecution.rootStepsToRun(plan, done: []).map(\.id) == root)
        #expect(PlanExecution.rootStepsToRun(plan, done: Set(root)).isEmpty)
        #expect(PlanExecution.rootStepsToRun(plan, done: Set(root.dropFirst())).map(\.id) == [root[0]])
    }
}
