import InstallModel

/// Fix steps a remediation adds (`dpkg --configure -a`, `apt-get update`) run before every other step about to run
/// that takes the same package-manager lock (repro13 F7: after an uninstall killed in dpkg, the `dpkg-configure-retry`
/// remedy of one purge let the other purge, re-opened with it, run first into "dpkg was interrupted").
///
/// Steps run in rank order within a lock domain, and a remediation's steps are appended to the plan, so a step
/// earlier in the plan that does not depend on them ranks before them. Each such step is redefined (a
/// `remediation_applied` with no new steps, the step as it is plus a dependency on the fix steps): recorded like any
/// decision, so a reproduction replays it, and if a fix fails the step waits instead of failing the same way.
public enum FixStepOrdering {
    /// The events making each step in `state` that will run (`willRun`) and holds the lock of one of `fixes` wait for
    /// the fixes of its lock domain; a step already waiting for one of them (its own recovery) is left as it is.
    public static func events(
        after fixes: [Step], remediationID: String, in state: PlanState, willRun: (StepStatus) -> Bool
    ) -> [EventBody] {
        guard let plan = state.plan, let graph = state.graph else { return [] }
        let fixIDs = Set(fixes.map(\.id))
        var byDomain: [PackageManager: [Int]] = [:]
        for fix in fixes {
            guard let domain = fix.lock?.lockDomain, let index = graph.index(of: fix.id) else { continue }
            byDomain[domain, default: []].append(index)
        }
        guard !byDomain.isEmpty else { return [] }
        // Per fix, the steps that already wait for it (directly or not), and those it waits for (never made its dependents).
        let waitingFor = Dictionary(uniqueKeysWithValues: byDomain.values.joined().map { ($0, Set(graph.transitiveDependents(of: $0))) })
        var events: [EventBody] = []
        for (index, step) in plan.steps.enumerated() {
            guard let domain = step.lock?.lockDomain, let domainFixes = byDomain[domain], !fixIDs.contains(step.id),
                let status = state.step(step.id)?.status, willRun(status),
                !domainFixes.contains(where: { waitingFor[$0]?.contains(index) == true })
            else { continue }
            let before = Set(graph.transitiveDependents(of: index))
            let added = domainFixes.filter { !before.contains($0) }.map { graph.stepIDs[$0] }
            guard !added.isEmpty else { continue }
            var waiting = step
            waiting.dependsOn += added
            events.append(.remediationApplied(step: step.id, remediationID: remediationID, newSteps: [], retriedAs: waiting))
        }
        return events
    }
}
