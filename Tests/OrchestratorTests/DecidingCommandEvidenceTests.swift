import Diagnosis
import Foundation
import InstallModel
import Orchestrator
import Testing

/// A verify step whose program is not on PATH runs the copy in ~/.local/bin instead; when that copy was found and
/// crashed (a Python ImportError, a Perl or Node module missing, a shared library missing), the failure is that crash,
/// judged by the command that decided the step, never by evlog's own "command not found" of the first probe
/// (truth12 F3: httpie 3.2.1 beside urllib3 2.x was diagnosed command-not-found, 95%, "install http").
///
/// Generated from every captured verify fixture of a program that was found and could not load what it needs: each
/// is replayed by a real program in a throwaway home, run by a real plan, and the live diagnosis and the one
/// `evlog diagnose` makes again from the log must both name the fixture's kind.
@Suite struct DecidingCommandEvidenceTests {
    struct Captured: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: String
        var exitCode: Int32
        var output: String
        var testDescription: String { name }
    }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/failures")

    /// The captured verify fixtures whose program ran and failed to load something.
    static let loadFailures: [Captured] = {
        let kinds: Set<String> = [FailureKind.brokenDependencies.rawValue, FailureKind.missingSharedLibrary.rawValue]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { file -> Captured? in
            let name = String(file.dropLast(5))
            guard let sidecar = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8),
                let output = try? String(contentsOf: directory.appendingPathComponent(name + ".out"), encoding: .utf8)
            else { return nil }
            var fields: [String: String] = [:]
            for line in sidecar.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " '"))
            }
            guard fields["step_kind"] == "verify", fields["source"] == "captured", fields["locale"] == nil, let kind = fields["kind"],
                kinds.contains(kind), let code = fields["exit_code"].flatMap({ Int32($0) })
            else { return nil }
            return Captured(name: name, kind: kind, exitCode: code, output: output)
        }
    }()

    @Test func theFixturesCoverPythonPerlNodeAndTheLoader() {
        let outputs = Self.loadFailures.map(\.output).joined(separator: "\n")
        for mark in ["ImportError: cannot import name", "ModuleNotFoundError", "Can't locate", "Cannot find module", "error while loading shared libraries"] {
            #expect(outputs.contains(mark), "no captured verify fixture shows \(mark)")
        }
    }

    @Test(arguments: DecidingCommandEvidenceTests.loadFailures)
    func aFoundProgramThatCannotLoadIsDiagnosedByItsCrashNotAsNotFound(_ fixture: Captured) async throws {
        let root = NSTemporaryDirectory() + "evlog-deciding-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bin = root + "/home/.local/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root)
        try Data(fixture.output.utf8).write(to: URL(fileURLWithPath: root + "/crash.txt"))
        let program = bin + "/f3tool"
        try Data("#!/bin/sh\ncat '\(root)/crash.txt' >&2\nexit \(fixture.exitCode)\n".utf8).write(to: URL(fileURLWithPath: program))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)

        let step = Step(id: "verify-f3tool", label: "Check that f3tool runs", action: .verify(VerifyParameters(binary: "f3tool")), tool: "f3tool")
        let plan = Plan(id: PlanID("p-f3deciding01"), tools: ["f3tool"], profile: SealTrustTests.profile, steps: [step])
        let clock = SystemClock()
        let host = PlanHost(
            runner: SubprocessRunner(), fileSystem: LocalFileSystem(), clock: clock, makeDriver: { ConcurrentDriver(clock: clock) },
            environment: ["PATH": "/usr/bin:/bin", "HOME": root + "/home"], userHome: root + "/home", workDirectory: root + "/work",
            backupDirectory: root + "/backups")
        let store = MemoryEventStore()
        let session = PlanSession(store: store, host: host, settings: .init(run: RunSettings(jobs: 1)))
        #expect(try await session.start(plan) == .failed)
        try session.close()
        let events = try store.events()

        // The step ran two commands: the probe on PATH (not found, evlog's own line) and the copy that crashed.
        let statuses = events.compactMap { event -> Int32? in
            guard case .commandFinished(_, let code, _, _) = event.body else { return nil }
            return code
        }
        #expect(statuses == [127, fixture.exitCode])
        let live = events.compactMap { event -> Diagnosis? in
            guard case .failureAnalysed(_, let diagnosis) = event.body else { return nil }
            return diagnosis
        }
        #expect(live.map(\.kind.rawValue) == [fixture.kind], "\(live.map(\.evidence))")
        #expect(live.first?.evidence.contains { $0.contains("command not found") } == false)
        let again = LogDiagnosis.rediagnose(events: events, catalog: try RuleCatalog.bundled())
        #expect(again.map(\.current.kind.rawValue) == [fixture.kind])
    }
}
