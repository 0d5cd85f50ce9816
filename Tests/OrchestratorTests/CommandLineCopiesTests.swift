import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// A command line is stored four times — the plan step's label and argv, `step_started.command`,
/// `command_started.argv` — and the live header is drawn from them. Redacted one by one, they disagreed
/// (`htpasswd -b FILE alice X` kept X in the label only, `yarn config set npmAuthToken X` in the plan's argv
/// only: secrets10 finding 13). The argv is redacted once, word by word, and the label's command is drawn
/// from that redacted argv, so every copy says the same and none holds the value.
@Suite struct CommandLineCopiesTests {
    /// Ways a secret rides a command line: (words before it, how it is glued to its option).
    static let forms: [(prefix: [String], glue: @Sendable (String) -> [String])] = [
        (["mysql", "-u", "root"], { ["--password", $0] }),
        (["mysql"], { ["--password=" + $0] }),
        (["mysql"], { ["-p" + $0] }),
        (["htpasswd", "-b", "FILE", "alice"], { [$0] }),
        (["yarn", "config", "set", "npmAuthToken"], { [$0] }),
        (["gpg", "--batch"], { ["--passphrase", "correct horse " + $0] }),
        (["curl"], { ["-u", "alice:" + $0, "https://example.org/"] }),
        (["sh", "-c"], { ["DB_PASSWORD=" + $0 + " ./migrate; echo done"] }),
        (["docker", "login"], { ["-p", $0, "registry.example.org"] }),
        (["env"], { ["API_TOKEN=" + $0, "deploy"] }),
    ]

    /// The four stored copies of one `evlog run`-style step's command line, as the recorder keeps them.
    static func storedCopies(argv: [String]) throws -> (label: String, plan: [String], started: [String], command: [String]) {
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        let step = Step(id: "run", label: "run: " + Self.line(argv), action: .postInstall(CommandParameters(argv: argv)))
        let profile = SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
            packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
        try recorder.record(.planCreated(Plan(id: PlanID("p-copies"), tools: [], profile: profile, steps: [step])))
        try recorder.record(.stepStarted(step: "run", attempt: 1, command: argv))
        try recorder.record(.commandStarted(step: "run", argv: argv))
        try recorder.close()
        var copies = (label: "", plan: [String](), started: [String](), command: [String]())
        for event in try store.events() {
            switch event.body {
            case .planCreated(let plan):
                copies.label = plan.steps[0].label
                if case .postInstall(let parameters) = plan.steps[0].action { copies.plan = parameters.argv }
            case .stepStarted(_, _, let command, _): copies.started = command
            case .commandStarted(_, let argv, _): copies.command = argv
            default: break
            }
        }
        return copies
    }

    static func line(_ argv: [String]) -> String { argv.map(ShellQuoting.quote).joined(separator: " ") }

    @Test(arguments: Array(UInt64(1)...60))
    func everyCopyOfACommandLineIsTheOneRedaction(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let value = String((0..<(12 + Int(random.next() % 16))).map { _ in pick(secretAlphabet, &random) })
        let form = pick(Self.forms, &random)
        let argv = form.prefix + form.glue(value)
        let copies = try Self.storedCopies(argv: argv)
        #expect(copies.plan == copies.started && copies.started == copies.command, "\(copies)")
        #expect(copies.label == "run: " + Self.line(copies.command), "\(copies)")
        let all = ([copies.label] + copies.plan + copies.started + copies.command).joined(separator: " ")
        #expect(!all.contains(value), "\(copies)")
    }
}
