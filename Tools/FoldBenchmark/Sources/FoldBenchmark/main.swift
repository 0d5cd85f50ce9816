import Foundation
import InstallModel

// Fold and decode throughput of InstallModel over a log shaped like a real one: a ~10-step plan
// whose steps write mostly 4 KiB output chunks. Targets (issue 4): fold ≥ 5M events/s, decode ≥ 1 GB/s.

let eventCountTarget = 1_000_000
let chunkBytes = 4_096
let repetitions = 5
/// Distinct encoded payloads kept in memory for the decode pass (64 MiB, larger than the caches).
let encodedPayloadCount = 16_384

func benchmarkPlan() -> Plan {
    let profile = SystemProfile(
        name: "ubuntu-server", osFamily: "debian", distribution: "ubuntu", version: "24.04", codename: "noble",
        arch: "x86_64", initSystem: .systemd, packageManagers: [.apt, .pip], isRoot: false, hasSudo: true,
        inContainer: false, externallyManagedPython: true)
    let steps: [Step] = [
        Step(id: "apt-update", label: "refresh apt", action: .packages(PackagesParameters(manager: .apt, packages: [], refreshIndex: true)), needsRoot: true),
        Step(id: "repo", label: "docker repo", action: .repoSetup(RepoSetupParameters(manager: .apt, name: "docker")), dependsOn: ["apt-update"], needsRoot: true),
        Step(id: "build-deps", label: "toolchain", action: .packages(PackagesParameters(manager: .apt, packages: ["build-essential", "pkg-config"])), dependsOn: ["repo"], needsRoot: true),
        Step(id: "httpie", label: "pipx httpie", action: .tool(ToolParameters(installer: .pipx, package: "httpie")), lock: .pipx),
        Step(id: "source", label: "clone", action: .source(SourceParameters(gitURL: "https://example.org/x.git", gitRef: "v1", destination: "/tmp/x"))),
        Step(id: "build", label: "make", action: .build(BuildParameters(system: .make, directory: "/tmp/x")), dependsOn: ["source", "build-deps"]),
        Step(id: "install", label: "make install", action: .install(InstallParameters(method: .makeInstall, directory: "/tmp/x")), dependsOn: ["build"], needsRoot: true),
        Step(id: "cleanup", label: "rm build dir", action: .cleanup(CleanupParameters(paths: ["/tmp/x"])), dependsOn: ["install"]),
        Step(id: "shell", label: "PATH", action: .shellConfig(ShellConfigParameters(shell: .bash, pathEntries: ["~/.local/bin"])), dependsOn: ["install"]),
        Step(id: "verify", label: "x --version", action: .verify(VerifyParameters(binary: "x")), dependsOn: ["install", "shell"]),
    ]
    return Plan(id: PlanID("p-00000000bench"), tools: ["x", "httpie"], profile: profile, steps: steps)
}

/// The log: created, started, then each step in topological order with its share of the chunks, then done.
func benchmarkLog(_ plan: Plan) -> [Event] {
    var rng = SplitMix64(seed: 1)
    // One shared buffer: the events are values, so a million chunks need not hold a million copies.
    let data = (0..<chunkBytes).map { _ in UInt8(truncatingIfNeeded: rng.next() % 95 + 32) }
    var events: [Event] = []
    events.reserveCapacity(eventCountTarget)
    var time: Int64 = 1_700_000_000_000_000
    func add(_ body: EventBody) {
        time += 150
        events.append(Event(sequence: UInt64(events.count + 1), time: Timestamp(microseconds: time), body: body))
    }
    add(.planCreated(plan))
    add(.planStarted)
    let transitionCount = 2 + plan.steps.count * 2 + 1
    let chunksPerStep = (eventCountTarget - transitionCount) / plan.steps.count
    var extra = (eventCountTarget - transitionCount) % plan.steps.count
    for step in plan.steps {
        add(.stepStarted(step: step.id, attempt: 1, command: ["run", step.id.rawValue]))
        for index in 0..<(chunksPerStep + (extra > 0 ? 1 : 0)) {
            add(.outputChunk(step: step.id, stream: index % 7 == 0 ? .stderr : .stdout, data: data, redacted: false))
        }
        if extra > 0 { extra -= 1 }
        add(.stepDone(step: step.id, exitCode: 0, durationMicros: 1_000, note: nil))
    }
    add(.planDone)
    return events
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Runs `body` `repetitions` times and returns the fastest run in seconds, with the last result.
func best<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    let clock = ContinuousClock()
    var fastest = Double.infinity
    var last: T?
    for _ in 0..<repetitions {
        var result: T?
        let elapsed = try clock.measure { result = try body() }
        fastest = min(fastest, seconds(elapsed))
        last = result
    }
    guard let last else { fatalError("repetitions must be positive") }
    return (fastest, last)
}

func format(_ value: Double, _ digits: Int = 2) -> String {
    let scale = pow10(digits)
    return String(Double((value * scale).rounded()) / scale)
}

func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 10 } }

/// `fold-benchmark fold` runs only the fold (for a profiler); no argument runs everything.
let foldOnly = CommandLine.arguments.dropFirst().first == "fold"

let plan = benchmarkPlan()
let log = benchmarkLog(plan)
print("events: \(log.count) (\(log.count - 2 - plan.steps.count * 2 - 1) output chunks of \(chunkBytes) bytes, \(plan.steps.count) steps); MemoryLayout<Event>.stride = \(MemoryLayout<Event>.stride) bytes")

// 1. The fold itself, over decoded events in memory.
let fold = best { PlanState.fold(log) }
precondition(fold.result.status == .done && fold.result.eventCount == log.count, "the benchmark log must fold to a done plan")
let foldRate = Double(log.count) / fold.seconds
print("fold:            \(format(fold.seconds * 1e3)) ms  \(format(foldRate / 1e6)) M events/s")

if foldOnly {
    for _ in 0..<20 { precondition(PlanState.fold(log).eventCount == log.count) }
    exit(0)
}

// 2. Decoding stored payloads (EventPayload.decode), over more bytes than the caches hold.
let chunkEvents = log.filter { if case .outputChunk = $0.body { true } else { false } }
let payloads: [[UInt8]] = try chunkEvents.prefix(encodedPayloadCount).map { try EventPayload.encode($0) }
let payloadBytes = payloads.reduce(0) { $0 + $1.count }
let decodePasses = max(1, log.count / payloads.count)
let decode = try best { () throws(EventDecodingError) -> Int in
    var bytes = 0
    for _ in 0..<decodePasses {
        for payload in payloads {
            let event = try EventPayload.decode(payload)
            if case .outputChunk(_, _, let data, _) = event.body { bytes &+= data.count }
        }
    }
    return bytes
}
let decodedBytes = Double(payloadBytes * decodePasses)
let decodeCount = Double(payloads.count * decodePasses)
print("decode:          \(format(decode.seconds * 1e3)) ms  \(format(decodedBytes / decode.seconds / 1e6)) MB/s of payload, \(format(decodeCount / decode.seconds / 1e6)) M events/s")

// 3. Decode and fold together, as a reader opening a log does.
let planPayloads = try log.prefix(2 + 1).map { try EventPayload.encode($0) }
let decodeAndFold = try best { () throws(EventDecodingError) -> PlanState in
    var state = PlanState()
    for payload in planPayloads { state.apply(try EventPayload.decode(payload)) }
    for _ in 0..<decodePasses {
        for payload in payloads { state.apply(try EventPayload.decode(payload)) }
    }
    return state
}
precondition(decodeAndFold.result.ignoredEventCount == 0, "decoded chunks must apply")
print("decode + fold:   \(format(decodeAndFold.seconds * 1e3)) ms  \(format(decodedBytes / decodeAndFold.seconds / 1e6)) MB/s, \(format(decodeCount / decodeAndFold.seconds / 1e6)) M events/s")

// 4. JSON events (every state transition): a slower path, measured so nobody is surprised by it.
let jsonPayloads = try log.filter { if case .outputChunk = $0.body { false } else { true } }.map { try EventPayload.encode($0) }
let jsonRounds = 200
let json = try best { () throws(EventDecodingError) -> Int in
    var count = 0
    for _ in 0..<jsonRounds { for payload in jsonPayloads { _ = try EventPayload.decode(payload); count += 1 } }
    return count
}
print("json decode:     \(format(Double(json.result) / json.seconds / 1e3)) K events/s (\(jsonPayloads.count) transition events incl. plan_created)")
