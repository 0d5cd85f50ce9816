import InstallModel
import Orchestrator
import Simulator
import Testing

/// `FileFacts`: what a plan's environment records of the files its steps change is enough for those
/// steps to decide as they did and to say they wrote the same bytes, and holds nothing of the file but
/// the plan's own lines and texts.
@Suite("file facts a reproduction decides from")
struct FileFactsTests {
    static let home = "/home/dev"
    static let plan = Plan(
        id: PlanID("p-facts"), tools: ["black"], profile: Samples.profile,
        steps: [
            Step(id: "shell-path", label: "PATH", action: .shellConfig(ShellConfigParameters(shell: .bash, pathEntries: ["~/.local/bin"])),
                 risk: .high, backupBefore: ["~/.bashrc"]),
            Step(id: "config-rc", label: "rc", action: .config(ConfigParameters(path: "~/.ripgreprc", action: .ensureLine, content: "--smart-case"))),
            Step(id: "config-write", label: "write", action: .config(ConfigParameters(path: "~/.npmrc", action: .write, content: "fund=false\n"))),
            Step(id: "config-template", label: "template", action: .config(ConfigParameters(
                path: "/etc/acme.conf", action: .template, content: "url={{url}}\n", templateValues: ["url": "https://acme.example"]))),
            Step(id: "config-append", label: "append", action: .config(ConfigParameters(path: "~/.gitconfig", action: .append, content: "[pull]\n\trebase = true\n"))),
        ])

    /// A file of user lines, with some of the plan's own lines (and its block) mixed in, or exactly a
    /// text the plan writes whole, or ending with one it appends, drawn from `seed`.
    static func files(seed: UInt64) -> [String: [UInt8]] {
        var generator = SplitMix64(seed: seed)
        let interest = FileFacts.interest(in: plan, userHome: home)
        var files: [String: [UInt8]] = [:]
        for path in interest.keys.sorted() where generator.next() % 4 != 0 {
            let wanted = interest[path, default: FileFacts.Interest()]
            if let whole = wanted.wholeTexts.sorted().first, generator.next() % 2 == 0 {
                files[path] = Array(whole.utf8)
                continue
            }
            let own = wanted.lines.sorted()
            let lines = (0..<Int(generator.next() % 6)).map { index -> String in
                generator.next() % 3 == 0 && !own.isEmpty ? own[Int(generator.next() % UInt64(own.count))] : "export SECRET_\(index)=s3cr3t"
            }
            let ending = wanted.endings.sorted().first.flatMap { generator.next() % 2 == 0 ? $0 : nil } ?? ""
            files[path] = Array((lines.map { $0 + "\n" }.joined() + ending).utf8)
        }
        return files
    }

    /// The outcome and words of every step of the plan on a filesystem holding `files`.
    static func outcomes(_ files: [String: [UInt8]]) async -> [String] {
        let fileSystem = SimulatedFileSystem(files: files)
        var said: [String] = []
        for step in plan.steps {
            let io = RecordingIO()
            let context = ExecutionContext(
                runner: SyntheticRunner(step: step, seed: 1, fileSystem: fileSystem), fileSystem: fileSystem, profile: Samples.profile,
                io: io, environment: [:], userHome: home, workDirectory: "/tmp/w", backupDirectory: "/tmp/b", sudoPassword: nil,
                timeoutSeconds: 30, planID: plan.id)
            if step.risk >= .high, let path = step.backupBefore.first.map(context.expandingHome), fileSystem.exists(path) {
                said.append("backup \(path)")
            }
            said.append("\(await StepExecutors.execute(step, context: context)) \(io.text)")
        }
        return said
    }

    @Test(arguments: 1...24 as ClosedRange<UInt64>)
    func stepsDecideOnTheRecordedFilesAsOnTheRealOnes(seed: UInt64) async throws {
        let real = FileFactsTests.files(seed: seed)
        let recorded = FileFacts.record(FileFacts.interest(in: FileFactsTests.plan, userHome: FileFactsTests.home), in: SimulatedFileSystem(files: real))
        let kept = recorded.flatMap { $0.lines + [$0.text, $0.ending].compactMap { $0 } }
        #expect(!kept.contains { $0.contains("SECRET") }, "a line the plan does not write was recorded")
        let replayed = Dictionary(uniqueKeysWithValues: recorded.map { ($0.path, $0.contents) })
        let decidedOnRecorded = await FileFactsTests.outcomes(replayed)
        let decidedOnReal = await FileFactsTests.outcomes(real)
        #expect(decidedOnRecorded == decidedOnReal)
    }

    /// A config step that writes says how many bytes and their SHA-256 (the whole file; for `append`, only
    /// what it appended, never the user's part), so a reproduction that writes other bytes differs.
    @Test func configStepsSayWhatTheyWrote() async throws {
        let said = await FileFactsTests.outcomes(["/home/dev/.gitconfig": Array("[user]\n\tname = someone\n".utf8)])
        #expect(said.contains { $0.contains("evlog: wrote 11 bytes to /home/dev/.npmrc (sha256 77ec85a9bc168be5fd78f44e976edfa76721d0cbfa2fe4c86f7cfaf7352fa004)") }, "\(said)")
        #expect(said.contains { $0.contains("evlog: appended 22 bytes to /home/dev/.gitconfig (sha256 bc0467d3fc1c7e7cdfd6ccae9004825503a352c4c809ff4dbda05d8ca7a64eb3)") }, "\(said)")
    }
}
