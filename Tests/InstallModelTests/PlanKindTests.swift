import Foundation
import InstallModel
import Testing

/// A plan says what it is for: uninstalls and upgrades are recorded as such; installs (and logs written before
/// kinds existed) leave the field out, so their bytes are what they were.
struct PlanKindTests {
    static func plan(tools: [String], kind: PlanKind?) -> Plan {
        var plan = EventSamples.everyKindPlan
        plan = Plan(id: plan.id, tools: tools, profile: plan.profile, steps: plan.steps, notes: plan.notes, kind: kind)
        return plan
    }

    @Test(arguments: PlanKind.allCases)
    func everyKindRoundTripsAndTitlesThePlan(kind: PlanKind) throws {
        let tools = kind == .command ? [] : ["jq", "ripgrep"]
        let plan = Self.plan(tools: tools, kind: kind)
        let decoded = try JSONDecoder().decode(Plan.self, from: try JSONEncoder().encode(plan))
        #expect(decoded.purpose == kind)
        #expect(decoded.title == (tools.isEmpty ? kind.verb : kind.verb + " jq ripgrep"))
    }

    @Test func anInstallRecordsNoKindSoItsBytesStayAsTheyWere() throws {
        let topLevel = { (plan: Plan) throws -> [String: Any] in
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(plan)) as? [String: Any] ?? [:]
        }
        for plan in [Self.plan(tools: ["jq"], kind: .install), Self.plan(tools: ["jq"], kind: nil), Self.plan(tools: [], kind: .command)] {
            #expect(try topLevel(plan)["kind"] == nil, "\(plan.title)")
        }
        #expect(try topLevel(Self.plan(tools: ["jq"], kind: .uninstall))["kind"] as? String == "uninstall")
    }
}
