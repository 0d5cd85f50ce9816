import InstallModel
import Simulator
import Testing

@testable import Orchestrator

/// `repo_setup` replaces a keyring or source file only when evlog wrote it for the same repository: another
/// repository's key (`/etc/apt/keyrings/docker.asc`) or the distribution's sources are refused before anything runs.
struct RepositoryFilesTests {
    static let profile = SystemProfile(
        name: "debian-container", osFamily: "debian", distribution: "debian", version: "12", codename: "bookworm",
        arch: "x86_64", initSystem: .none, packageManagers: [.apt], isRoot: true, hasSudo: false,
        inContainer: true, externallyManagedPython: true)

    static func setup(_ name: String, keyring: String?, sourcePath: String) -> RepoSetupParameters {
        RepoSetupParameters(
            manager: .apt, name: name, keyURL: keyring.map { _ in "https://example.invalid/key.asc" }, keyringPath: keyring,
            sourceEntry: "deb [signed-by=\(keyring ?? "/etc/apt/keyrings/none.gpg")] https://example.invalid/apt stable main",
            sourcePath: sourcePath)
    }

    /// Runs the real executor on `fileSystem` with no command recorded (any command it starts fails).
    static func run(_ p: RepoSetupParameters, on fileSystem: SimulatedFileSystem, io: RecordingIO) async -> StepOutcome {
        let context = ExecutionContext(
            runner: SimulatedRunner(fixtures: FixtureSet(name: "repository-files", fixtures: [])), fileSystem: fileSystem,
            profile: profile, io: io, environment: [:], userHome: "/root", workDirectory: "/tmp/work",
            backupDirectory: "/tmp/backup", sudoPassword: nil, timeoutSeconds: 60)
        return await StepExecutors.execute(Step(id: StepID("repo-" + p.name), label: "repo", action: .repoSetup(p), needsRoot: true), context: context)
    }

    @Test(arguments: [
        ("/etc/apt/keyrings/docker.asc", "/etc/apt/sources.list.d/evil.list", "/etc/apt/keyrings/docker.asc"),
        ("/etc/apt/keyrings/evil.gpg", "/etc/apt/sources.list.d/ubuntu.sources", "/etc/apt/sources.list.d/ubuntu.sources"),
        ("/etc/apt/keyrings/docker.gpg", "/etc/apt/sources.list.d/docker.list", "/etc/apt/keyrings/docker.gpg"),
    ])
    func anotherOwnersFileIsNotReplaced(keyring: String, sourcePath: String, existing: String) async {
        let original: [UInt8] = Array("someone else's\n".utf8)
        let fileSystem = SimulatedFileSystem(files: [existing: original])
        let io = RecordingIO()
        let outcome = await Self.run(Self.setup(sourcePath.contains("docker") ? "docker" : "evil", keyring: keyring, sourcePath: sourcePath), on: fileSystem, io: io)
        guard case .failed(let cause) = outcome else { Issue.record("\(existing) replaced: \(outcome)"); return }
        #expect(cause.isPolicyRefusal && cause.message.contains(existing), "\(cause.summary)")
        #expect(io.commands.isEmpty, "ran \(io.commands) before refusing")
        #expect((try? fileSystem.read(existing)) == original)
    }

    /// What evlog wrote for a repository it may write again; a source file marked for another repository it may not.
    @Test func itsOwnSourceFileIsReplacedAndAnotherRepositorysIsNot() async throws {
        let fileSystem = SimulatedFileSystem()
        let first = Self.setup("acme", keyring: nil, sourcePath: "/etc/apt/sources.list.d/acme.list")
        #expect(await Self.run(first, on: fileSystem, io: RecordingIO()).isSuccess)
        let written = String(decoding: try fileSystem.read("/etc/apt/sources.list.d/acme.list") ?? [], as: UTF8.self)
        #expect(written.hasPrefix(RepositoryFiles.marker(for: "acme") + "\n"), "\(written)")
        var changed = first
        changed.sourceEntry = "deb [signed-by=/etc/apt/keyrings/none.gpg] https://example.invalid/apt v2 main"
        #expect(await Self.run(changed, on: fileSystem, io: RecordingIO()).isSuccess)
        var other = first
        other.name = "acme2"
        #expect(!(await Self.run(other, on: fileSystem, io: RecordingIO()).isSuccess))
        // A file an older evlog wrote (exactly the entry, no marker) is still this repository's.
        let legacy = SimulatedFileSystem(files: ["/etc/apt/sources.list.d/acme.list": Array((first.sourceEntry! + "\n").utf8)])
        #expect(await Self.run(first, on: legacy, io: RecordingIO()).isSuccess)
    }
}
