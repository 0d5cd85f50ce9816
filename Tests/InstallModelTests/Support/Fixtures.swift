import InstallModel

/// Small plans and steps for tests, built the same way every time.
enum Fixtures {
    static let profile = SystemProfile(
        name: "ubuntu-server", osFamily: "debian", distribution: "ubuntu", version: "24.04", codename: "noble",
        arch: "x86_64", initSystem: .systemd, packageManagers: [.apt, .pip, .cargo], isRoot: false, hasSudo: true,
        inContainer: false, externallyManagedPython: true)

    /// A `post_install` command step: no lock unless one is given.
    static func command(_ id: StepID, dependsOn: [StepID] = [], lock: PackageManager? = nil) -> Step {
        Step(
            id: id, label: "run \(id)", action: .postInstall(CommandParameters(argv: ["true", id.rawValue])),
            dependsOn: dependsOn, lock: lock)
    }

    /// A `packages` step through a system package manager; it holds that manager's lock.
    static func packages(_ id: StepID, _ manager: PackageManager = .apt, dependsOn: [StepID] = []) -> Step {
        Step(
            id: id, label: "install \(id) with \(manager)",
            action: .packages(PackagesParameters(manager: manager, packages: [id.rawValue])), dependsOn: dependsOn,
            needsRoot: true)
    }

    /// A `tool` step installing with pip; it holds pip's lock, never apt's.
    static func pipTool(_ id: StepID, dependsOn: [StepID] = []) -> Step {
        Step(
            id: id, label: "pip install \(id)", action: .tool(ToolParameters(installer: .pip, package: id.rawValue)),
            dependsOn: dependsOn, lock: .pip)
    }

    static func plan(_ steps: [Step], id: String = "p-00000000002a") -> Plan {
        Plan(id: PlanID(id), tools: ["demo"], profile: profile, steps: steps)
    }
}

/// Builds a valid-looking event log one event at a time: sequence numbers from 1, a clock that moves 1 ms per event.
struct EventScript {
    private(set) var events: [Event] = []
    private var nowMicros: Int64 = 1_700_000_000_000_000

    init() {}

    init(plan: Plan, started: Bool = true) {
        add(.planCreated(plan))
        if started { add(.planStarted) }
    }

    mutating func add(_ body: EventBody, afterMicros: Int64 = 1_000) {
        nowMicros += afterMicros
        events.append(Event(sequence: UInt64(events.count + 1), time: Timestamp(microseconds: nowMicros), body: body))
    }

    var state: PlanState { PlanState.fold(events) }

    mutating func start(_ step: StepID, attempt: Int = 1) {
        add(.stepStarted(step: step, attempt: attempt, command: ["run", step.rawValue]))
    }

    mutating func succeed(_ step: StepID) {
        add(.stepDone(step: step, exitCode: 0, durationMicros: 1_000, note: nil))
    }

    mutating func fail(_ step: StepID, exitCode: Int32 = 1) {
        add(.stepFailed(step: step, cause: .unexplained("exit \(exitCode)", exitCode: exitCode), durationMicros: 1_000))
    }

    /// Starts and finishes a step in one go.
    mutating func run(_ step: StepID, attempt: Int = 1, succeeds: Bool = true) {
        start(step, attempt: attempt)
        if succeeds { succeed(step) } else { fail(step) }
    }
}

extension PlanState {
    func status(of id: StepID) -> StepStatus? { step(id)?.status }
}
