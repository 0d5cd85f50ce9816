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

/// A user's hand-made source file for a repository (Docker's install docs, `dnf config-manager --add-repo`) is not
/// a dead end: used as it is when it points at the same URLs and keys as evlog's entry, else refused with the file
/// and the ways on (move it aside, add the marker, point it at the same URL and key).
struct HandMadeRepositoryTests {
    static let keyring = "/etc/apt/keyrings/docker.asc"
    static let url = "https://download.docker.com/linux/debian"
    static let path = "/etc/apt/sources.list.d/docker.list"

    static var docker: RepoSetupParameters {
        RepoSetupParameters(
            manager: .apt, name: "docker", keyURL: url + "/gpg", keyringPath: keyring,
            sourceEntry: "deb [arch=amd64 signed-by=\(keyring)] \(url) bookworm stable", sourcePath: path)
    }

    @Test func theUsersDockerListPointingAtTheSameRepositoryIsUsedAsItIs() async {
        let theirs = Array("# added by hand from docs.docker.com\ndeb [signed-by=\(Self.keyring) arch=amd64] \(Self.url)/ bookworm stable\n".utf8)
        let fileSystem = SimulatedFileSystem(files: [Self.path: theirs, Self.keyring: Array("KEY".utf8)])
        let io = RecordingIO()
        let outcome = await RepositoryFilesTests.run(Self.docker, on: fileSystem, io: io)
        guard case .skipped(let detail) = outcome else { Issue.record("not used as it is: \(outcome)"); return }
        #expect(detail.contains(Self.path) && detail.contains("used as it is"), "\(detail)")
        #expect(io.commands.isEmpty && (try? fileSystem.read(Self.path)) == theirs)
    }

    @Test(arguments: [
        "deb [signed-by=/usr/share/keyrings/docker-archive-keyring.gpg] \(url) bookworm stable",
        "deb [arch=amd64] \(url) bookworm stable",
        "deb [signed-by=\(keyring)] https://mirror.example/docker bookworm stable",
    ])
    func theUsersDockerListPointingElsewhereIsRefusedWithTheWaysOn(line: String) async {
        let theirs = Array((line + "\n").utf8)
        let fileSystem = SimulatedFileSystem(files: [Self.path: theirs, Self.keyring: Array("KEY".utf8)])
        let io = RecordingIO()
        let outcome = await RepositoryFilesTests.run(Self.docker, on: fileSystem, io: io)
        guard case .failed(let cause) = outcome else { Issue.record("\(line): \(outcome)"); return }
        let message = cause.message
        #expect(cause.isPolicyRefusal && !message.contains("\n"), "\(message)")
        for part in [Self.path, "sudo mv \(Self.path) \(Self.path).orig", RepositoryFiles.marker(for: "docker"), Self.url, Self.keyring, "uses it as it is"] {
            #expect(message.contains(part), "no \(part) in: \(message)")
        }
        #expect(io.commands.isEmpty && (try? fileSystem.read(Self.path)) == theirs)
    }

    @Test func aSameLookingListWhoseKeyringIsMissingIsRefused() async {
        let fileSystem = SimulatedFileSystem(files: [Self.path: Array((Self.docker.sourceEntry! + " \n").utf8)])
        let outcome = await RepositoryFilesTests.run(Self.docker, on: fileSystem, io: RecordingIO())
        #expect(!outcome.isSuccess, "\(outcome)")
    }

    /// Generated source texts in apt's one-line and deb822 forms and rpm's: the same URL (a trailing `/` aside) and
    /// key, with options in any order and any spacing, cover evlog's entry; another URL or key does not.
    @Test(arguments: 0..<200)
    func sourcePointersReadEveryFormByStructure(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let pick = { (choices: [String]) in choices[Int(generator.next() % UInt64(choices.count))] }
        let urls = ["https://download.docker.com/linux/debian", "https://pkgs.example/apt", "http://mirror.invalid/docker"]
        let keys = ["/etc/apt/keyrings/docker.asc", "/usr/share/keyrings/other.gpg", "https://download.docker.com/linux/fedora/gpg"]
        let (wantedURL, wantedKey) = (urls[0], keys[0])
        let (url, key) = (pick(urls), pick(keys))
        let space = pick([" ", "  ", "\t"])
        let slash = pick(["", "/"])
        let options = [pick(["arch=amd64", "arch=arm64,amd64"]), "signed-by=" + key].sorted { _, _ in generator.next() % 2 == 0 }
        let text: String
        switch generator.next() % 3 {
        case 0: text = "# mine\ndeb\(space)[\(options.joined(separator: " "))]\(space)\(url)\(slash) bookworm stable\n"
        case 1: text = "Types: deb\nURIs: \(url)\(slash)\nSuites: bookworm\nComponents: stable\nSigned-By:\(space)\(key)\n"
        default: text = "[docker-ce-stable]\nname=Docker\nbaseurl=\(url)\(slash)\nenabled=1\ngpgcheck=1\ngpgkey=\(key)\n"
        }
        let wanted = SourcePointers("deb [signed-by=\(wantedKey)] \(wantedURL) bookworm stable")
        #expect(SourcePointers(text).covers(wanted) == (url == wantedURL && key == wantedKey), "\(text)")
    }
}
