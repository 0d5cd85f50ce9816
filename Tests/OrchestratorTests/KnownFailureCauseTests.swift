import InstallModel
import Orchestrator
import Simulator
import Testing

/// Executors that know why a step failed say so with a typed cause, and the analyser takes that kind
/// as-is (confidence 1, the executor's message as evidence) even when the output suggests otherwise.
@Suite struct KnownFailureCauseTests {
    /// Output that the rules would call `package-not-found`: a known cause must win over it.
    static let misleadingOutput = "E: Unable to locate package nosuchpkg\n"

    @Test func downloadWithoutRoomFailsAsDiskFull() async {
        let step = Step(id: "dl", label: "download", action: .download(DownloadParameters(
            url: "http://127.0.0.1:9/x.tar.gz", destination: "/tmp/x.tar.gz", sizeBytes: 1 << 40)))
        await expectKnown(.diskFull, running: step, fileSystem: SimulatedFileSystem(freeBytes: 1 << 20), mentioning: "free")
    }

    @Test func downloadWithAnotherDigestFailsAsChecksumMismatch() async {
        let step = Step(id: "dl", label: "download", action: .download(DownloadParameters(
            url: "http://127.0.0.1:9/x.tar.gz", destination: "/tmp/x.tar.gz", sha256: String(repeating: "a", count: 64))))
        let fixtures = [
            Fixture(source: "test", command: "mkdir -p /tmp", responses: [.init(exitCode: 0, chunks: [])]),
            Fixture(source: "test", command: "curl *", responses: [.init(exitCode: 0, chunks: [])]),
            Fixture(source: "test", command: "sha256sum /tmp/x.tar.gz", responses: [
                .init(exitCode: 0, chunks: [.init(delayMilliseconds: 0, stream: .stdout, text: String(repeating: "b", count: 64) + "  /tmp/x.tar.gz\n")])
            ]),
        ]
        await expectKnown(.checksumMismatch, running: step, fixtures: fixtures, mentioning: "expected")
    }

    @Test func pacmanLockHeldTooLongFailsAsPackageManagerLocked() async {
        let step = Step(id: "pkgs", label: "pacman", action: .packages(PackagesParameters(manager: .pacman, packages: ["ripgrep"])))
        let locked = SimulatedFileSystem(files: ["/var/lib/pacman/db.lck": []])
        let fixtures = [Fixture(source: "test", command: "pacman -Qq ripgrep", responses: [.init(exitCode: 1, chunks: [])])]
        await expectKnown(.packageManagerLocked, running: step, fileSystem: locked, fixtures: fixtures, mentioning: "db.lck")
    }

    @Test func serviceWithoutInitSystemFailsAsServiceFailed() async {
        let step = Step(id: "svc", label: "start docker", action: .service(ServiceParameters(name: "docker", action: .start)))
        await expectKnown(.serviceFailed, running: step, mentioning: "docker")
    }

    @Test func buildWithoutCompilerFailsAsCompilerMissing() async {
        let step = Step(id: "build", label: "make", action: .build(BuildParameters(system: .make, directory: "/tmp/src")))
        await expectKnown(.compilerMissing, running: step, fixtures: [Self.notFound("cc --version")], mentioning: "cc")
    }

    @Test func commandPastItsTimeoutFailsAsStepTimeout() async {
        let step = Step(id: "slow", label: "slow", action: .postInstall(CommandParameters(argv: ["sleep", "100"])), timeoutSeconds: 1)
        let fixtures = [Fixture(source: "test", command: "sleep 100", responses: [.init(exitCode: 0, chunks: [], tailMilliseconds: 100_000)])]
        await expectKnown(.stepTimeout, running: step, fixtures: fixtures, mentioning: "timeout")
    }

    @Test func verifyOfAMissingBinaryFailsAsCommandNotFound() async {
        let step = Step(id: "verify", label: "verify", action: .verify(VerifyParameters(binary: "nosuchtool")))
        await expectKnown(.commandNotFound, running: step, fixtures: [Self.notFound("nosuchtool --version")], mentioning: "nosuchtool")
    }

    /// An asset evlog refused by its own policy is diagnosed by the refusal line alone: no redownload or retry,
    /// which would meet the same refusal.
    @Test func aPolicyRefusalOffersNoRemediation() async {
        let release = GitHubReleaseParameters(
            repository: "acme/rel", version: "1.0", assetURL: "https://example.com/rel-1.0.7z", sha256: nil, checksumFileURL: nil,
            binaryInArchive: "rel", installDirectory: "/usr/local/bin", installName: "rel")
        let step = Step(id: "release", label: "release", action: .githubRelease(release))
        let diagnosis = await expectKnown(.unknown, running: step, mentioning: "does not unpack")
        #expect(diagnosis?.remediations.map(\.id) == ["skip", "cancel"], "\(diagnosis?.remediations.map(\.id) ?? [])")
        #expect(diagnosis?.isPolicyRefusal == true)
        // A plan's runner proposes from the diagnosis again: the same, never a retry.
        let proposed = diagnosis.map { RuleBasedAnalyser().propose(for: $0, step: step, profile: Samples.debian, chain: []) }
        #expect(proposed?.map(\.id) == ["skip", "cancel"], "\(proposed?.map(\.id) ?? [])")
    }

    @Test func anUnexplainedFailureGoesToTheRules() {
        let step = Step(id: "pkgs", label: "apt", action: .packages(PackagesParameters(manager: .apt, packages: ["nosuchpkg"])))
        let session = RuleBasedAnalyser().makeSession(for: step, command: [], profile: Samples.debian)
        session.feed(.stderr, Array(Self.misleadingOutput.utf8))
        let diagnosis = session.finish(cause: .unexplained("apt-get exited with 100", exitCode: 100))
        #expect(diagnosis.kind == .packageNotFound)
        #expect(diagnosis.confidence < 1.0)
    }

    /// A program that is not there, as a shell reports it (exit 127). A command with no recording at all
    /// is not run, which says nothing about the program.
    static func notFound(_ command: String) -> Fixture {
        Fixture(source: "test", command: command, responses: [.init(exitCode: 127, chunks: [])])
    }

    /// Runs `step`'s real executor on the simulator and analyses its outcome after misleading output.
    @discardableResult
    private func expectKnown(
        _ kind: FailureKind, running step: Step, fileSystem: SimulatedFileSystem = SimulatedFileSystem(),
        fixtures: [Fixture] = [], mentioning word: String
    ) async -> Diagnosis? {
        let context = ExecutionContext(
            runner: SimulatedRunner(fixtures: FixtureSet(name: "known-causes", fixtures: fixtures)), fileSystem: fileSystem,
            profile: Samples.debian, io: SilentIO(), environment: [:], userHome: "/root", workDirectory: "/tmp/work",
            backupDirectory: "/tmp/backup", sudoPassword: nil, timeoutSeconds: step.timeoutSeconds)
        guard case .failed(let cause) = await StepExecutors.execute(step, context: context) else {
            Issue.record("\(step.id) did not fail")
            return nil
        }
        #expect(cause.kind == kind)
        #expect(cause.message.contains(word), "message: \(cause.message)")
        let session = RuleBasedAnalyser().makeSession(for: step, command: [], profile: Samples.debian)
        session.feed(.stderr, Array(Self.misleadingOutput.utf8))
        let diagnosis = session.finish(cause: cause)
        #expect(diagnosis.kind == kind)
        #expect(diagnosis.confidence == 1.0)
        #expect(diagnosis.evidence == [cause.message])
        return diagnosis
    }
}

/// Output goes nowhere; time passes nowhere.
private struct SilentIO: StepIO {
    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {}
    func elapse(microseconds: Int64) {}
    func commandStarted(_ argv: [String], process: ProcessIdentity?) {}
    func commandFinished(_ result: CommandResult) {}
    func pause(microseconds: Int64) async {}
}

private enum Samples {
    static let debian = SystemProfile(
        name: "debian-container", osFamily: "debian", distribution: "debian", version: "12", codename: "bookworm",
        arch: "x86_64", initSystem: .none, packageManagers: [.apt, .pip], isRoot: true, hasSudo: false,
        inContainer: true, externallyManagedPython: true)
}
