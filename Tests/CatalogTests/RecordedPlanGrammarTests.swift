import Catalog
import InstallModel
import Testing

/// A plan from elsewhere (`import`, `resume FILE --key`) names tools, step ids and directories only as evlog's plans
/// do (trust20 #7): each value of a plan evlog made, with one character drawn from a seed put into it (a space, a
/// shell word's `;`, `$`, `<`, an escape, an uppercase letter for a tool), or a directory made relative or given a `..`.
struct RecordedPlanGrammarTests {
    static func plan() throws -> Plan {
        var plan = try TestSupport.plan(["jq", "ripgrep"], on: "debian-container")
        plan.environment = PlanEnvironment(
            user: "ann", userHome: "/home/ann", evlogHome: "/home/ann/.local/state/evlog", workDirectory: "/home/ann/.local/state/evlog/work",
            backupDirectory: "/home/ann/.local/state/evlog/backups")
        return plan
    }

    @Test func evlogsOwnPlanPasses() throws {
        let plan = try Self.plan()
        #expect(RecordedPlanGrammar.problem(with: plan) == nil)
        #expect(plan.steps.allSatisfy { ForeignPlanPolicy.stepProblem($0, catalog: TestSupport.catalog) == nil })
    }

    @Test func aValueOutsideItsGrammarIsRefusedNamingTheField() throws {
        var random = SplitMix64(seed: 20_007)
        let bad: [Character] = [" ", ";", "$", "<", "\u{1b}", "(", "/", "\n", "*", "`"]
        for round in 0..<40 {
            var plan = try Self.plan()
            let character = bad[Int(random.next() % UInt64(bad.count))]
            switch round % 4 {
            case 0:
                let index = Int(random.next() % UInt64(plan.tools.count))
                plan.tools[index].insert(random.next() % 2 == 0 ? character : "B", at: plan.tools[index].startIndex)
                let problem = try #require(RecordedPlanGrammar.problem(with: plan), "round \(round)")
                #expect(problem.hasPrefix("tools: "), "\(problem)")
            case 1:
                let index = Int(random.next() % UInt64(plan.steps.count))
                plan.steps[index].id = StepID(plan.steps[index].id.rawValue + String(character) + "x")
                let problem = try #require(ForeignPlanPolicy.planProblem(plan, catalog: TestSupport.catalog), "round \(round)")
                #expect(problem.step == plan.steps[index].id && problem.problem.hasPrefix("id: step ids use"), "\(problem)")
            default:
                var environment = try #require(plan.environment)
                let relative = round % 4 == 2
                let place = relative ? "relative/work" : "/home/ann/../../etc"
                switch random.next() % 4 {
                case 0: environment.userHome = place
                case 1: environment.evlogHome = place
                case 2: environment.workDirectory = place
                default: environment.backupDirectory = place
                }
                plan.environment = environment
                let problem = try #require(RecordedPlanGrammar.problem(with: plan), "round \(round)")
                #expect(problem.hasPrefix("environment.") && problem.contains("is not an absolute path of plain elements"), "\(problem)")
            }
        }
    }
}
