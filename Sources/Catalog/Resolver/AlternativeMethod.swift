import InstallModel

extension Resolver {
    /// The steps that install `failed`'s tool by the next method that works on `plan`'s system, the failed
    /// step's own method left out, in order with the install itself last; verify steps are left out (the
    /// plan verifies the tool already) and ids the plan has are renamed with `-alt`.
    public func alternative(replacing failed: Step, in plan: Plan) -> Result<[Step], AlternativeMethodError> {
        guard let tool = failed.tool else { return .failure(AlternativeMethodError("step \(failed.id) installs no named tool")) }
        guard let method = Self.methodLabel(of: failed) else {
            return .failure(AlternativeMethodError("cannot tell which install method step \(failed.id) used"))
        }
        var options = ResolveOptions(reinstall: true, userName: (plan.environment ?? .simulated).user)
        options.excludedMethods = [method]
        let replanned: Plan
        do {
            replanned = try resolve(tools: [tool], profile: plan.profile, planID: plan.id, options: options)
        } catch {
            return .failure(AlternativeMethodError("\(tool) has no method other than \(method) here: \(MethodEvaluator.shortReason(error))"))
        }
        let existing = Set(plan.steps.map(\.id))
        let kept = replanned.steps.filter { $0.kind != .verify }
        var renamed: [StepID: StepID] = [:]
        for step in kept where existing.contains(step.id) { renamed[step.id] = StepID(step.id.rawValue + "-alt") }
        let steps = kept.map { step in
            var copy = step
            copy.id = renamed[step.id] ?? step.id
            copy.dependsOn = step.dependsOn.map { renamed[$0] ?? $0 }
            return copy
        }
        return steps.isEmpty ? .failure(AlternativeMethodError("the other method of \(tool) adds no install step")) : .success(steps)
    }

    /// The recipe method label (`packages`, `pip`, `release`, `script`) a step installs by, when it tells.
    public static func methodLabel(of step: Step) -> String? {
        switch step.action {
        case .packages: "packages"
        case .tool(let p): p.installer?.rawValue ?? "script"
        case .githubRelease: "release"
        default: nil
        }
    }
}

/// Why a tool has no other install method on a system.
public struct AlternativeMethodError: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
