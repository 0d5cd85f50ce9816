/// What a remediation changes about a failed step for its re-run: a longer timeout, several attempts
/// with waits between them, fewer build jobs, environment additions, extra arguments, root.
///
/// Typed, so the change is made to the step itself (`applied(to:)`), recorded with the step in
/// `remediation_applied` and again in the `step_started` of the run it shapes (FORMAT §7.4). Every field
/// is optional: absent means unchanged.
public struct StepAdjustment: Hashable, Codable, Sendable {
    /// The remediation that asked for it.
    public var remediation: String
    public var timeoutSeconds: Int?
    /// Runs of the step in all, the first included; a run that succeeds ends them.
    public var attempts: Int?
    /// Seconds to wait before the 2nd, 3rd… run (the last value repeats).
    public var backoffSeconds: [Int]?
    /// Seconds to wait before the first run (a lock holder or a rate limit may be gone by then).
    public var waitSeconds: Int?
    /// Parallel build jobs (a build step's own setting; `MAKEFLAGS`/`CARGO_BUILD_JOBS` for other steps).
    public var jobs: Int?
    /// Variables added to the step's environment; only names on `RemediationEnvironment`'s allow-list.
    public var environment: [String: String]?
    /// Arguments appended to the step's install command (`--break-system-packages`).
    public var extraArguments: [String]?
    /// Run as root (through sudo when not root).
    public var asRoot: Bool?

    public init(
        remediation: String, timeoutSeconds: Int? = nil, attempts: Int? = nil, backoffSeconds: [Int]? = nil,
        waitSeconds: Int? = nil, jobs: Int? = nil, environment: [String: String]? = nil, extraArguments: [String]? = nil,
        asRoot: Bool? = nil
    ) {
        self.remediation = remediation
        self.timeoutSeconds = timeoutSeconds
        self.attempts = attempts
        self.backoffSeconds = backoffSeconds
        self.waitSeconds = waitSeconds
        self.jobs = jobs
        self.environment = environment
        self.extraArguments = extraArguments
        self.asRoot = asRoot
    }

    /// The most runs, the longest wait and the longest timeout an adjustment may ask for: evlog's own remediations
    /// stay well inside them, and a log from elsewhere that asks for more is refused (trust13 #4).
    public static let attemptsMax = 10
    public static let waitSecondsMax = 3_600
    public static let timeoutSecondsMax = 7 * 86_400
    public static let jobsMax = 1_024

    /// The wait before run number `run` (1-based) of the adjusted step, never more than `waitSecondsMax`.
    public func waitSeconds(beforeRun run: Int) -> Int {
        let wait: Int
        if run <= 1 {
            wait = waitSeconds ?? 0
        } else if let backoff = backoffSeconds, !backoff.isEmpty {
            wait = backoff[min(run - 2, backoff.count - 1)]
        } else {
            wait = waitSeconds ?? 0
        }
        return min(max(wait, 0), Self.waitSecondsMax)
    }

    /// Runs of the adjusted step in all: one at least, `attemptsMax` at most.
    public var runs: Int { min(max(attempts ?? 1, 1), Self.attemptsMax) }

    /// Why this adjustment's numbers are out of evlog's bounds, or nil.
    public var numbersProblem: String? {
        func outside(_ value: Int?, _ range: ClosedRange<Int>) -> Bool { value.map { !range.contains($0) } ?? false }
        if outside(attempts, 1...Self.attemptsMax) { return "asks for \(attempts ?? 0) runs (1 to \(Self.attemptsMax))" }
        if outside(waitSeconds, 0...Self.waitSecondsMax) || (backoffSeconds ?? []).contains(where: { !(0...Self.waitSecondsMax).contains($0) }) {
            return "waits longer than \(Self.waitSecondsMax) s, or less than nothing, between runs"
        }
        if (backoffSeconds?.count ?? 0) > Self.attemptsMax { return "lists more waits than runs" }
        if outside(timeoutSeconds, 1...Self.timeoutSecondsMax) { return "sets a timeout outside 1 s to \(Self.timeoutSecondsMax) s" }
        if outside(jobs, 1...Self.jobsMax) { return "asks for \(jobs ?? 0) build jobs (1 to \(Self.jobsMax))" }
        return nil
    }

    /// `later` on top of this one (a chain of remediations on one step): later values win, environments
    /// merge, arguments add up.
    public func merged(with later: StepAdjustment) -> StepAdjustment {
        var merged = later
        merged.timeoutSeconds = later.timeoutSeconds ?? timeoutSeconds
        merged.attempts = later.attempts ?? attempts
        merged.backoffSeconds = later.backoffSeconds ?? backoffSeconds
        merged.waitSeconds = later.waitSeconds ?? waitSeconds
        merged.jobs = later.jobs ?? jobs
        merged.asRoot = later.asRoot ?? asRoot
        if environment != nil || later.environment != nil {
            merged.environment = (environment ?? [:]).merging(later.environment ?? [:]) { $1 }
        }
        if extraArguments != nil || later.extraArguments != nil {
            let earlier = extraArguments ?? []
            merged.extraArguments = earlier + (later.extraArguments ?? []).filter { !earlier.contains($0) }
        }
        return merged
    }

    /// Why this adjustment cannot shape `step`, or nil when it can (extra arguments need a command to take them).
    public func refusal(for step: Step) -> String? {
        guard let extra = extraArguments, !extra.isEmpty else { return nil }
        switch step.action {
        case .tool, .postInstall, .build, .packages, .verify: return nil
        default:
            return "a \(step.kind.rawValue) step runs no command that could take \(extra.joined(separator: " "))"
        }
    }

    /// `step` as it runs again: timeout, root, jobs and arguments changed in the step, the rest carried in
    /// `step.adjustment` for the executor (environment) and the scheduler (attempts and waits).
    public func applied(to step: Step) -> Step {
        var adjusted = step
        let combined = step.adjustment.map { $0.merged(with: self) } ?? self
        if let timeout = timeoutSeconds { adjusted.timeoutSeconds = timeout }
        if asRoot == true { adjusted.needsRoot = true }
        let extra = extraArguments ?? []
        var environment = combined.environment ?? [:]
        switch adjusted.action {
        case .tool(var p):
            p.arguments += extra.filter { !p.arguments.contains($0) }
            adjusted.action = .tool(p)
        case .postInstall(var p):
            p.argv += extra.filter { !p.argv.contains($0) }
            adjusted.action = .postInstall(p)
        case .verify(var p):
            p.arguments += extra.filter { !p.arguments.contains($0) }
            adjusted.action = .verify(p)
        case .packages(var p):
            let earlier = p.extraArguments ?? []
            p.extraArguments = earlier + extra.filter { !earlier.contains($0) }
            adjusted.action = .packages(p)
        case .build(var p):
            p.arguments += extra.filter { !p.arguments.contains($0) }
            if let jobs { p.jobs = jobs }
            adjusted.action = .build(p)
        default:
            break
        }
        if let jobs, adjusted.kind != .build {
            environment["MAKEFLAGS"] = "-j\(jobs)"
            environment["CARGO_BUILD_JOBS"] = String(jobs)
        }
        var recorded = combined
        recorded.environment = environment.isEmpty ? nil : environment
        adjusted.adjustment = recorded
        return adjusted
    }
}
