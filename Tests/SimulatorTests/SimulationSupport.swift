import InstallModel
import Orchestrator
import Simulator

/// Builds simulated runs for tests: a plan, a fixture set, a memory store, a virtual clock.
struct SimulationHarness {
    var plan: Plan
    var fixtures: FixtureSet
    var faults: [SimulationFault] = []
    var jobs = 4
    var autoRemediate = false
    /// Resume a paused plan as `evlog resume --ack` would (a simulated restart happens at once).
    var acknowledgePauses = false
    var analyser: any FailureAnalysing = LastLinesAnalyser()
    var alternatives: (any AlternativeMethods)?
    /// Each run gets a fresh simulated filesystem from this.
    var makeFileSystem: @Sendable () -> SimulatedFileSystem = { SimulatedFileSystem() }
    /// When set, the plan runs in this simulated system (synthetic or recorded, with the plan's faults) instead.
    var makeSystem: (@Sendable () throws -> SimulatedSystem)?
    static let start = Timestamp(microseconds: 1_764_000_000_000_000)

    /// Runs the plan from `records` (a previous run's surviving log) and returns the store and status.
    func run(records: [[UInt8]] = [], crashAfter: UInt64? = nil, confirmed: Bool = true) async throws -> (MemoryEventStore, PlanStatus?) {
        let store = MemoryEventStore(records: records)
        let previous = PlanState.fold(try store.events())
        if previous.status == .done { return (store, .done) }
        let crash = crashAfter.map { n in CrashInjection(afterEvent: n) { throw SimulatedCrash(afterEvent: n) } }
        let start = previous.lastEventAt ?? SimulationHarness.start
        let host = try makeSystem.map { PlanHost.simulated(try $0(), start: start) }
            ?? PlanHost.simulated(fixtures: fixtures, faults: faults, start: start, fileSystem: makeFileSystem())
        let session = PlanSession(
            store: store, state: previous, host: host,
            settings: .init(
                run: RunSettings(jobs: jobs, autoRemediate: autoRemediate), crash: crash, analyser: analyser,
                alternatives: alternatives))
        do {
            if previous.status == .empty { return (store, try await session.start(plan)) }
            let status = try await session.resume { recorder in
                for body in try ResumePreparation.events(for: previous, acknowledged: acknowledgePauses, confirmed: confirmed) {
                    try recorder.record(body)
                }
                return true
            }
            return (store, status)
        } catch is SimulatedCrash {
            return (MemoryEventStore(records: store.survivingRecords), nil)
        }
    }
}

/// A stand-in analyser: `unknown` with the last lines as evidence; retry/skip/cancel.
struct LastLinesAnalyser: FailureAnalysing {
    func makeSession(for step: Step, command: [String], profile: SystemProfile) -> any FailureAnalysisSession { Session() }
    func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation] {
        [Remediation(id: "retry", strategy: .retry, summary: "Run the step again")]
    }
    final class Session: FailureAnalysisSession {
        var tail: [UInt8] = []
        func feed(_ stream: OutputChannel, _ bytes: [UInt8]) { tail = Array((tail + bytes).suffix(4096)) }
        func finish(cause: FailureCause) -> Diagnosis {
            let lines = String(decoding: tail, as: UTF8.self).split(separator: "\n").suffix(3).map(String.init)
            return Diagnosis(kind: cause.kind ?? .unknown, confidence: 0, evidence: lines + [cause.message])
        }
    }
}

enum Samples {
    static let profile = SystemProfile(
        name: "debian-container", osFamily: "debian", distribution: "debian", version: "12", codename: "bookworm",
        arch: "x86_64", initSystem: .none, packageManagers: [.apt, .pip], isRoot: true, hasSudo: false,
        inContainer: true, externallyManagedPython: true)

    static func response(_ text: String, exit: Int32 = 0, delayMs: Int = 100, stream: OutputChannel = .stdout) -> Fixture.Response {
        Fixture.Response(exitCode: exit, chunks: [Fixture.Chunk(delayMilliseconds: delayMs, stream: stream, text: text)], tailMilliseconds: 10)
    }

    static func fixture(_ command: String, _ responses: Fixture.Response...) -> Fixture {
        Fixture(source: "written for tests", command: command, responses: responses)
    }

    /// Two tools through apt plus a pipx tool and a config step, so parallel branches exist.
    static func parallelPlan() -> Plan {
        let steps = [
            Step(id: "apt-packages", label: "Install jq ripgrep with apt",
                 action: .packages(PackagesParameters(manager: .apt, packages: ["jq", "ripgrep"], refreshIndex: true)),
                 needsRoot: true, timeoutSeconds: 600),
            Step(id: "apt-extra", label: "Install tree with apt",
                 action: .packages(PackagesParameters(manager: .apt, packages: ["tree"])), needsRoot: true),
            Step(id: "pipx-black", label: "Install black with pipx",
                 action: .tool(ToolParameters(installer: .pipx, package: "black"))),
            Step(id: "config-rc", label: "Configure ripgrep",
                 action: .config(ConfigParameters(path: "/home/dev/.ripgreprc", action: .ensureLine, content: "--smart-case"))),
            Step(id: "verify-rg", label: "Check rg", action: .verify(VerifyParameters(binary: "rg")), dependsOn: ["apt-packages"]),
            Step(id: "verify-jq", label: "Check jq", action: .verify(VerifyParameters(binary: "jq")), dependsOn: ["apt-packages"]),
            Step(id: "verify-black", label: "Check black", action: .verify(VerifyParameters(binary: "black")), dependsOn: ["pipx-black"]),
            Step(id: "verify-tree", label: "Check tree", action: .verify(VerifyParameters(binary: "tree")), dependsOn: ["apt-extra"]),
        ]
        return Plan(id: PlanID("p-test"), tools: ["jq", "ripgrep", "tree", "black"], profile: profile, steps: steps)
    }

    static func parallelFixtures() -> FixtureSet {
        FixtureSet(name: "test", fixtures: [
            fixture("dpkg-query -W -f=${Status} *", response("dpkg-query: no packages found\n", exit: 1, delayMs: 5, stream: .stderr)),
            fixture("apt-get update", response("Hit:1 http://deb.debian.org/debian bookworm InRelease\nReading package lists...\n", delayMs: 800)),
            fixture("apt-get install -y -o DPkg::Lock::Timeout=600 *", response("Setting up packages ...\n", delayMs: 1500)),
            fixture("pipx install -- black", response("  installed package black 24.10.0\n", delayMs: 2500)),
            fixture("rg --version", response("ripgrep 13.0.0\n", delayMs: 3)),
            fixture("jq --version", response("jq-1.6\n", delayMs: 3)),
            fixture("tree --version", response("tree v2.1.0\n", delayMs: 3)),
            fixture("black --version", response("black, 24.10.0\n", delayMs: 3)),
        ])
    }
}
