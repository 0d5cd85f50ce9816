import Foundation
import Testing

/// A fresh `--home` for one test, and the read-only commands (`status`, `export`, `replay`) run on its plans.
struct EvlogHome {
    let path: String

    static func make(mode: Int = 0o700) throws -> EvlogHome {
        EvlogHome(path: try TemporaryDirectory.make(prefix: "evlog-home", mode: mode))
    }

    func remove() { TemporaryDirectory.remove(path) }

    /// A fresh home whose `plans/` holds captured real logs (`Fixtures/logs/lifecycle/<name>.evlog`), each under the
    /// id of the plan it records.
    static func holding(lifecycleLogs logs: [(name: String, plan: String)]) throws -> EvlogHome {
        let home = try make()
        try FileManager.default.createDirectory(atPath: home.path + "/plans", withIntermediateDirectories: true)
        let fixtures = CLIHabitsTests.fixtures.deletingLastPathComponent().appendingPathComponent("lifecycle")
        for (name, plan) in logs {
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(name + ".evlog").path, toPath: home.path + "/plans/\(plan).evlog")
        }
        return home
    }

    /// Plan ids with a log under `plans/`, sorted.
    var planIDs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path + "/plans")) ?? []
        return names.filter { $0.hasSuffix(".evlog") }.map { String($0.dropLast(".evlog".count)) }.sorted()
    }

    /// The plan a single command left in this home; records an issue when there is not exactly one.
    func onlyPlan(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let ids = planIDs
        guard ids.count == 1 else {
            Issue.record("expected one plan log under \(path)/plans, found \(ids)", sourceLocation: sourceLocation)
            return nil
        }
        return ids[0]
    }

    /// `evlog status <plan> --json --home H`, decoded.
    func status(_ plan: String) async throws -> [String: Any] {
        let outcome = try await Evlog.run(["status", plan, "--json", "--home", path])
        guard let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] else {
            throw EvlogTestError.unexpectedOutput("evlog status --json printed \(outcome.stdout) \(outcome.stderr)")
        }
        return object
    }

    /// `evlog export <plan> --jsonl --home H`: the raw text and the decoded events.
    func export(_ plan: String) async throws -> ExportedLog {
        let outcome = try await Evlog.run(["export", plan, "--jsonl", "--home", path])
        guard outcome.exitCode == 0 else {
            throw EvlogTestError.unexpectedOutput("evlog export exited with \(outcome.exitCode): \(outcome.stderr)")
        }
        return try ExportedLog(text: outcome.stdout)
    }

    /// `evlog replay <plan> --instant --no-color --home H`, standard error merged as on a terminal.
    func replay(_ plan: String) async throws -> ChildOutcome {
        try await Evlog.run(["replay", plan, "--instant", "--no-color", "--home", path], mergeStandardError: true)
    }

    /// Replays `plan` and expects exactly what the live run printed, less its closing `log: …` line.
    func expectReplayMatchesLive(_ live: ChildOutcome, plan: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        var printed = live.stdoutLines
        #expect(printed.last?.hasPrefix("log: ") == true, "the live run ends by naming its log", sourceLocation: sourceLocation)
        printed.removeLast()
        let replay = try await replay(plan)
        #expect(replay.exitCode == 0, sourceLocation: sourceLocation)
        let difference = TextComparison.firstDifference(expected: printed, actual: replay.stdoutLines)
        #expect(difference == nil, "replay differs from the live run: \(difference ?? "")", sourceLocation: sourceLocation)
    }

    /// `evlog reproduce --check` of every plan this home holds, as CI does at the end of a real install:
    /// each log a real run wrote reproduces offline, event for event.
    func expectEveryPlanReproduces(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for plan in planIDs {
            let reproduced = try await Evlog.run(
                ["reproduce", "--check", "--no-color", "--home", path, path + "/plans/" + plan + ".evlog"], mergeStandardError: true)
            #expect(reproduced.exitCode == 0, "\(plan) does not reproduce: \(reproduced.stdout)", sourceLocation: sourceLocation)
        }
    }

    /// Every regular file below the home (logs, lock files, work directories), with its bytes.
    func files() -> [(path: String, bytes: Data)] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var found: [(String, Data)] = []
        for case let relative as String in walker {
            let full = path + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append((full, FileManager.default.contents(atPath: full) ?? Data()))
        }
        return found
    }
}

/// The `evlog` binary, run with the arguments a user would type.
enum Evlog {
    static func run(
        _ arguments: [String], input: ChildInput = .none, environment: [String: String]? = nil,
        workingDirectory: String? = nil, mergeStandardError: Bool = false,
        timeoutSeconds: Double = ChildProcess.timeoutSecondsDefault
    ) async throws -> ChildOutcome {
        try await ChildProcess.run(
            [EvlogBinary.path] + arguments, input: input, environment: environment ?? testEnvironment(),
            workingDirectory: workingDirectory ?? NSTemporaryDirectory(), mergeStandardError: mergeStandardError,
            timeoutSeconds: timeoutSeconds)
    }

    /// This process's environment without what would steer evlog away from the test's own `--home` or colors.
    static func testEnvironment(home: String? = nil) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["EVLOG_HOME", "EVLOG_FIXTURES", "PIPX_HOME", "PIPX_BIN_DIR", "CLICOLOR_FORCE", "FORCE_COLOR"] {
            environment[key] = nil
        }
        environment["NO_COLOR"] = "1"
        if let home { environment["HOME"] = home }
        return environment
    }
}

/// One exported event: its `type`, its `step` when it has one, and every field.
struct ExportedEvent {
    var type: String
    var step: String?
    var fields: [String: Any]
    var line: String

    var argv: [String] { (fields["argv"] as? [String]) ?? [] }
}

/// The JSONL `evlog export` printed.
struct ExportedLog {
    var text: String
    var events: [ExportedEvent]

    init(text: String) throws {
        self.text = text
        events = try ChildOutcome.lines(text).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let type = object["type"] as? String
            else { throw EvlogTestError.unexpectedOutput("not an event line: \(line)") }
            return ExportedEvent(type: type, step: object["step"] as? String, fields: object, line: line)
        }
    }

    func events(_ type: String, step: String? = nil) -> [ExportedEvent] {
        events.filter { $0.type == type && (step == nil || $0.step == step) }
    }

    /// The plan's steps as `plan_created` recorded them: id → action kind.
    var stepKinds: [String: String] {
        guard let plan = events.first(where: { $0.type == "plan_created" })?.fields["plan"] as? [String: Any],
              let steps = plan["steps"] as? [[String: Any]]
        else { return [:] }
        var kinds: [String: String] = [:]
        for step in steps {
            if let id = step["id"] as? String, let action = step["action"] as? [String: Any], let kind = action["kind"] as? String {
                kinds[id] = kind
            }
        }
        return kinds
    }

    /// Steps started again after the log recorded them done (a resume must never do that).
    var doneStepsStartedAgain: [String] {
        var done: Set<String> = []
        var again: [String] = []
        for event in events {
            guard let step = event.step else { continue }
            if event.type == "step_started", done.contains(step) { again.append(step) }
            if event.type == "step_done" { done.insert(step) }
        }
        return again
    }
}

enum EvlogTestError: Error, CustomStringConvertible {
    case unexpectedOutput(String)
    var description: String {
        switch self {
        case .unexpectedOutput(let detail): detail
        }
    }
}
