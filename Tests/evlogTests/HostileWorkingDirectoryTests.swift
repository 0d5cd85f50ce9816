import Foundation
import Testing

/// A directory evlog is started from is the caller's project, not evlog's: a `./pip` package there is what
/// `python3 -m pip` would import, a `rust-toolchain.toml` what rustup's `cargo` would obey (trust19 #10). The
/// steps evlog plans run in `/`; only `evlog run`'s own command runs where the user typed it.
@Suite("hostile working directory")
struct HostileWorkingDirectoryTests {
    /// A directory holding a `pip` package that writes `canary` when imported, as a cloned project could.
    private static func project(canary: String) throws -> URL {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-cwd-\(UUID().uuidString)")
        let package = project.appendingPathComponent("pip")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        let code = "open(\(String(reflecting: canary)), \"w\").write(\"imported\")\n"
        try Data(code.utf8).write(to: package.appendingPathComponent("__init__.py"))
        try Data("print('project pip')\n".utf8).write(to: package.appendingPathComponent("__main__.py"))
        return project
    }

    @Test func aRemediationRunsAwayFromTheCallersDirectory() async throws {
        try #require(SubprocessPython.available, "python3 is needed to import the planted package")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let canary = home.path + "/canary-remediation"
        let project = try Self.project(canary: canary)
        defer { try? FileManager.default.removeItem(at: project) }
        let failing = ["sh", "-c", "echo 'error: [Errno 28] No space left on device' >&2; exit 1"]
        let run = try await Evlog.run(
            ["run", "--no-color", "--home", home.path, "--"] + failing, workingDirectory: project.path, mergeStandardError: true)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        let remedy = try await Evlog.run(
            ["remedy", "latest", "clean-pip-cache", "--yes", "--no-color", "--home", home.path],
            workingDirectory: project.path, mergeStandardError: true)
        #expect(remedy.allOutput.contains("python3 -m pip cache purge"), "the remediation ran: \(remedy.allOutput)")
        #expect(!FileManager.default.fileExists(atPath: canary), "`python3 -m pip` imported the caller's ./pip: \(remedy.allOutput)")
    }

    @Test func theUsersOwnCommandRunsWhereTheyTypedIt() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let project = try Self.project(canary: home.path + "/unused")
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try await Evlog.run(
            ["run", "--no-color", "--home", home.path, "--", "sh", "-c", "pwd -P; ls"], workingDirectory: project.path, mergeStandardError: true)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.allOutput.contains(project.resolvingSymlinksInPath().path), "\(run.allOutput)")
        #expect(run.allOutput.contains("pip"), "`evlog run` lists the caller's directory: \(run.allOutput)")
    }

    /// review15 R3: a relative command (`evlog run -- ./x`) is the file in the directory the step recorded, wherever
    /// `resume` is typed: resumed from a directory holding an `x` of its own, it runs the recorded directory's `x`.
    @Test func aResumedRelativeCommandRunsTheRecordedDirectorysFile() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-relative-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for place in ["project", "caller"] {
            try FileManager.default.createDirectory(atPath: root + "/" + place, withIntermediateDirectories: true)
            try Data("#!/bin/sh\ntouch \"$(dirname \"$0\")/ran\"\n".utf8).write(to: URL(fileURLWithPath: root + "/\(place)/x"))
            chmod(root + "/\(place)/x", 0o755)
        }
        // Killed right after its step started (plan_created, plan_started, step_started): the step is left open.
        let cut = try await Evlog.run(
            ["run", "--crash-at-event", "3", "--no-color", "--home", home.path, "--", "./x"], workingDirectory: root + "/project", mergeStandardError: true)
        #expect(cut.signal == SIGKILL, "\(cut.allOutput)")
        for place in ["project", "caller"] { try? FileManager.default.removeItem(atPath: root + "/\(place)/ran") }
        let plan = try #require(home.onlyPlan())
        let resumed = try await Evlog.run(
            ["resume", plan, "--yes", "--no-color", "--home", home.path], workingDirectory: root + "/caller", mergeStandardError: true)
        #expect(resumed.exitCode == 0, "\(resumed.allOutput)")
        #expect(FileManager.default.fileExists(atPath: root + "/project/ran"), "the recorded directory's x did not run: \(resumed.allOutput)")
        #expect(!FileManager.default.fileExists(atPath: root + "/caller/ran"), "the resume ran its caller's ./x")
    }
}

/// Whether `python3` is on this machine's PATH.
private enum SubprocessPython {
    static let available = ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"]
        .split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
}
