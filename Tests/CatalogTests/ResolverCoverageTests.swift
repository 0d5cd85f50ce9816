import Catalog
import InstallModel
import Testing

/// The outcome of resolving one tool on one profile.
private enum Outcome {
    case plan(Plan)
    case unavailable(String)
}

private func resolveAll() -> [(profile: String, tool: String, outcome: Outcome)] {
    var results: [(String, String, Outcome)] = []
    for profile in NamedProfiles.names {
        for tool in TestSupport.catalog.toolNames {
            do {
                results.append((profile, tool, .plan(try TestSupport.plan([tool], on: profile))))
            } catch {
                guard case .unavailable = error else {
                    Issue.record("\(tool) on \(profile): unexpected error \(error)")
                    continue
                }
                results.append((profile, tool, .unavailable(error.description)))
            }
        }
    }
    return results
}

/// The properties every produced plan must have, checked one by one so a failure names the rule.
private func checkProperties(_ plan: Plan, _ where_: String) {
    let profile = plan.profile
    #expect(throws: Never.self, "\(where_): DAG") { _ = try PlanGraph(steps: plan.steps) }
    guard !plan.steps.isEmpty else { return }
    #expect(plan.steps.last?.kind == .verify, "\(where_): must end with verify")
    for tool in plan.tools {
        #expect(plan.step(StepID("verify-\(tool)")) != nil, "\(where_): no verify for \(tool)")
    }
    let firstVerify = plan.steps.firstIndex { $0.kind == .verify } ?? plan.steps.count
    #expect(plan.steps[firstVerify...].allSatisfy { $0.kind == .verify }, "\(where_): verify steps come last")
    if TestSupport.rootlessProfiles.contains(profile.name) {
        #expect(plan.steps.allSatisfy { !$0.needsRoot }, "\(where_): asks for root on a rootless profile")
    }
    // Handed over to another host (a bundle resumed there), the plan evlog made here is run, not refused.
    #expect(throws: Never.self, "\(where_): refused as a foreign plan") { _ = try ForeignPlanPolicy.checked(plan, runsAsRoot: profile.isRoot, catalog: TestSupport.catalog) }
    var managers: [PackageManager] = []
    for step in plan.steps {
        #expect(step.problemAsRecorded == nil, "\(where_): \(step.id) would be refused in another host's log: \(step.problemAsRecorded ?? "")")
    }
    for (index, step) in plan.steps.enumerated() {
        switch step.action {
        case .packages(let parameters):
            #expect(!managers.contains(parameters.manager), "\(where_): two packages steps for \(parameters.manager)")
            managers.append(parameters.manager)
            #expect(step.lock == parameters.manager.lockDomain, "\(where_): packages step without its lock")
            #expect(profile.has(parameters.manager), "\(where_): uses \(parameters.manager), which the profile lacks")
        case .repoSetup(let parameters):
            let packagesIndex = plan.steps.firstIndex {
                if case .packages(let p) = $0.action { return p.manager == parameters.manager }
                return false
            }
            #expect(packagesIndex.map { $0 > index } == true, "\(where_): repo_setup must precede its packages step")
            #expect(step.risk == .high)
        case .tool(let parameters):
            if profile.externallyManagedPython {
                #expect(parameters.installer != .pip, "\(where_): pip install under PEP 668")
            }
            if parameters.scriptURL != nil { #expect(parameters.scriptSHA256 != nil, "\(where_): unpinned script") }
        default: break
        }
    }
}

@Test func everyToolOnEveryProfileResolvesOrSaysWhyNot() {
    let results = resolveAll()
    #expect(results.count == NamedProfiles.names.count * TestSupport.catalog.toolNames.count)
    var table: [String] = ["profile            plans  unavailable"]
    for profile in NamedProfiles.names {
        let rows = results.filter { $0.profile == profile }
        let plans = rows.filter { if case .plan = $0.outcome { true } else { false } }.count
        let name = profile.padding(toLength: 18, withPad: " ", startingAt: 0)
        table.append("\(name) \(String(plans).leftPadded(5))  \(String(rows.count - plans).leftPadded(11))")
    }
    print("coverage (\(TestSupport.catalog.toolNames.count) tools × \(NamedProfiles.names.count) profiles):\n" + table.joined(separator: "\n"))
    for result in results {
        switch result.outcome {
        case .plan(let plan): checkProperties(plan, "\(result.tool)@\(result.profile)")
        case .unavailable(let message):
            #expect(message.hasPrefix("\(result.tool): not available on \(result.profile): "))
        }
    }
}

@Test func acceptanceToolsResolveOnTheFourAcceptanceProfiles() throws {
    for profile in ["ubuntu-server", "fedora", "alpine", "macos-arm"] {
        for tool in TestSupport.acceptanceTools {
            #expect(throws: Never.self, "\(tool)@\(profile)") { _ = try TestSupport.plan([tool], on: profile) }
        }
    }
}

@Test func everythingAvailableResolvesTogetherInOnePlanPerProfile() {
    for profile in NamedProfiles.names {
        let tools = TestSupport.catalog.toolNames.filter { (try? TestSupport.plan([$0], on: profile)) != nil }
        do {
            let plan = try TestSupport.plan(tools, on: profile)
            checkProperties(plan, "all@\(profile)")
        } catch {
            Issue.record("all tools on \(profile): \(error)")
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
