import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// The verify step runs a program named by its path (an overlay's `/opt/acme/bin/acme`, a second copy's
/// `~/.local/bin/x`) only when nobody but root and this user can change it or a directory on its way — as the
/// "already installed?" probe does before consent; the step may run as root. Real files in a temp directory.
struct VerifyPathTrustTests {
    let root = NSTemporaryDirectory() + "evlog-verify-path-" + UUID().uuidString.prefix(8)

    /// `directory/acme`, a script that leaves `ran` beside `directory` when it runs, in a directory with `mode`.
    func plantProgram(inDirectoryWithMode mode: Int) throws -> (program: String, marker: String) {
        let directory = root + "/bin"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root)
        let program = directory + "/acme", marker = root + "/ran"
        try Data("#!/bin/sh\ntouch '\(marker)'\necho 'acme 1.0'\n".utf8).write(to: URL(fileURLWithPath: program))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: directory)
        return (program, marker)
    }

    func verify(_ binary: String) async -> StepOutcome {
        let context = ExecutionContext.realDebian(root: root, io: RecordingIO())
        let step = Step(id: StepID("verify-acme"), label: "Check that acme runs", action: .verify(VerifyParameters(binary: binary)))
        return await StepExecutors.execute(step, context: context)
    }

    @Test func aProgramInADirectoryEveryUserWritesIsNotRun() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (program, marker) = try plantProgram(inDirectoryWithMode: 0o777)
        let outcome = await verify(program)
        guard case .failed(let cause) = outcome else { Issue.record("verify of a planted program: \(outcome)"); return }
        #expect(cause.message.contains("was not run"))
        #expect(cause.message.contains("writable by every user"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func theSameProgramInALockedDirectoryRuns() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (program, marker) = try plantProgram(inDirectoryWithMode: 0o755)
        let outcome = await verify(program)
        guard case .done = outcome else { Issue.record("verify of a locked program: \(outcome)"); return }
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    @Test func aMissingProgramIsNotInstalledAndNothingRuns() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (program, marker) = try plantProgram(inDirectoryWithMode: 0o777)
        try FileManager.default.removeItem(atPath: program)
        let outcome = await verify(program)
        guard case .failed(let cause) = outcome else { Issue.record("verify of a missing program: \(outcome)"); return }
        #expect(cause.kind == .commandNotFound)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
