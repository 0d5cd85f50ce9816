import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// Each step kind's real executor against this machine: real processes, real files in a temporary
/// directory, `file://` URLs standing in for servers (curl fetches them the same way). `packages` and
/// `repo_setup` run end to end in evlogTests (RealInstallTests), against apt and a local signed repository.
@Suite(.serialized)
struct RealExecutorTests {
    static let hasTools = ["git", "make", "tar", "curl", "sha256sum", "sh"].allSatisfy { name in
        ["/usr/bin/", "/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
    }

    let root: String
    let io = RecordingIO()

    init() throws {
        root = NSTemporaryDirectory() + "evlog-executors-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
    }

    var context: ExecutionContext { .realDebian(root: root, io: io) }

    func run(_ id: String, _ action: StepAction, needsRoot: Bool = false) async -> StepOutcome {
        await StepExecutors.execute(Step(id: StepID(id), label: id, action: action, needsRoot: needsRoot), context: context)
    }

    func write(_ text: String, to path: String, mode: Int = 0o644) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return String(output.prefix(64))
    }

    func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(command)")
    }

    @Test(.enabled(if: RealExecutorTests.hasTools, "needs git, make, tar, curl, sha256sum"))
    func sourceBuildInstallCleanupRunForReal() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A git repository holding a Makefile that builds a tiny script.
        let upstream = root + "/upstream"
        try write("all:\n\tprintf '#!/bin/sh\\necho built-tool 1.0\\n' > built-tool\n", to: upstream + "/Makefile")
        try shell("cd '\(upstream)' && git init -q -b main && git -c user.email=t@example.invalid -c user.name=t add . && git -c user.email=t@example.invalid -c user.name=t commit -q -m init")
        let checkout = root + "/build/tool"
        #expect(await run("source", .source(SourceParameters(gitURL: "file://" + upstream, gitRef: "main", destination: checkout))).isSuccess)
        #expect(FileManager.default.fileExists(atPath: checkout + "/Makefile"))
        #expect(await run("build", .build(BuildParameters(system: .make, directory: checkout))).isSuccess)
        #expect(FileManager.default.fileExists(atPath: checkout + "/built-tool"))
        let destination = root + "/bin/built-tool"
        let install = InstallParameters(method: .copyBinary, directory: checkout, source: "built-tool", destination: destination, mode: "0755")
        #expect(await run("install", .install(install)).isSuccess)
        #expect(FileManager.default.isExecutableFile(atPath: destination))
        #expect(await run("cleanup", .cleanup(CleanupParameters(paths: [root + "/build"]))).isSuccess)
        #expect(!FileManager.default.fileExists(atPath: root + "/build"))
        let verify = VerifyParameters(binary: destination, arguments: [], versionPattern: "built-tool 1\\.0")
        #expect(await run("verify", .verify(verify)).isSuccess, "\(io.text)")
    }

    @Test(.enabled(if: RealExecutorTests.hasTools, "needs tar, curl, sha256sum"))
    func downloadTarballSourceScriptAndReleaseAreCheckedBeforeUse() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let served = root + "/served"
        try write("data pack\n", to: served + "/pack.bin")
        let packDigest = try Self.sha256(served + "/pack.bin")
        let good = DownloadParameters(url: "file://" + served + "/pack.bin", destination: root + "/dl/pack.bin", sha256: packDigest)
        #expect(await run("download", .download(good)).isSuccess)
        var bad = good
        bad.destination = root + "/dl/other.bin"
        bad.sha256 = String(repeating: "0", count: 64)
        guard case .failed(let cause) = await run("download-bad", .download(bad)) else {
            Issue.record("a wrong checksum was accepted")
            return
        }
        #expect(cause.kind == .checksumMismatch && cause.message.contains(packDigest), "\(cause.message)")
        #expect(!FileManager.default.fileExists(atPath: bad.destination), "the mismatching download was kept")

        // A source tarball and a release archive with the project's checksums file.
        try write("#!/bin/sh\necho rel-tool 2.0\n", to: root + "/pkg/rel-tool-2.0/rel-tool", mode: 0o755)
        try shell("tar -C '\(root)/pkg' -czf '\(served)/rel-tool-2.0.tar.gz' rel-tool-2.0 && cd '\(served)' && sha256sum rel-tool-2.0.tar.gz > SHA256SUMS")
        let tarball = SourceParameters(
            tarballURL: "file://" + served + "/rel-tool-2.0.tar.gz", sha256: try Self.sha256(served + "/rel-tool-2.0.tar.gz"),
            destination: root + "/src/rel-tool")
        #expect(await run("source-tarball", .source(tarball)).isSuccess)
        #expect(FileManager.default.fileExists(atPath: root + "/src/rel-tool/rel-tool"))
        let release = GitHubReleaseParameters(
            repository: "acme/rel-tool", version: "2.0", assetURL: "file://" + served + "/rel-tool-2.0.tar.gz", sha256: nil,
            checksumFileURL: "file://" + served + "/SHA256SUMS", binaryInArchive: "rel-tool-2.0/rel-tool",
            installDirectory: root + "/home/.local/bin", installName: "rel-tool")
        #expect(await run("release", .githubRelease(release)).isSuccess, "\(io.text)")
        #expect(FileManager.default.isExecutableFile(atPath: root + "/home/.local/bin/rel-tool"))
        // The installed file's digest, read back from where it was written (truth12 F8: uninstall compares it).
        let recorded = io.installedFiles.withLock { $0 }
        #expect(recorded == [InstalledFile(path: release.installedPath, sha256: try Self.sha256(root + "/home/.local/bin/rel-tool"))])

        try write("touch \"$1\"\n", to: served + "/installer.sh")
        let script = ToolParameters(
            installer: nil, scriptURL: "file://" + served + "/installer.sh", scriptSHA256: try Self.sha256(served + "/installer.sh"),
            arguments: [root + "/script-ran"])
        #expect(await run("script", .tool(script)).isSuccess)
        #expect(FileManager.default.fileExists(atPath: root + "/script-ran"))
    }

    /// A tool that warns before its version line (terraform's CLI-configuration warning): an anchored pattern finds the
    /// line anyway; output with no line of that shape still fails (truth12 F11).
    @Test(arguments: [0, 1, 3])
    func aWarningBeforeTheVersionLineDoesNotHideIt(warnings: Int) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lines = (0..<warnings).map { "echo 'Warning: problem \($0) with the CLI configuration' >&2" }
        try write("#!/bin/sh\n" + lines.joined(separator: "\n") + "\necho 'Tool v1.11.4'\necho 'on linux_amd64'\n", to: root + "/bin/tool", mode: 0o755)
        let found = VerifyParameters(binary: root + "/bin/tool", arguments: [], versionPattern: "^Tool v\\d+\\.\\d+")
        #expect(await run("verify", .verify(found)).isSuccess, "\(io.text)")
        let other = VerifyParameters(binary: root + "/bin/tool", arguments: [], versionPattern: "^Other v\\d+")
        #expect(await !run("verify-other", .verify(other)).isSuccess)
    }

    /// A version asked for installed in ~/.local/bin while the user's own other version comes first on PATH: the
    /// verify step passes saying which one runs where; with the asked version nowhere it fails as a mismatch.
    @Test func aRequestedVersionBehindTheUsersOwnCopyOnPathPassesSayingWhichWins() async throws {
        let tool = "evlog-verify-\(UUID().uuidString.prefix(8).lowercased())"
        try write("#!/bin/sh\necho \"\(tool) 2.2.0\"\n", to: root + "/bin/" + tool, mode: 0o755)
        try write("#!/bin/sh\necho \"\(tool) 2.4.0\"\n", to: root + "/home/.local/bin/" + tool, mode: 0o755)
        var context = self.context
        context.environment["PATH"] = root + "/bin:" + (context.environment["PATH"] ?? "/usr/bin:/bin")
        let verify = { (version: String) in
            await StepExecutors.execute(
                Step(id: StepID("verify"), label: "verify", action: .verify(VerifyParameters(binary: tool, requestedVersion: version))), context: context)
        }
        guard case .done(_, let note?) = await verify("2.4") else { Issue.record("2.4 installed in ~/.local/bin did not pass"); return }
        #expect(note.contains(root + "/home/.local/bin/" + tool) && note.contains("\(tool) 2.2.0"), "\(note)")
        guard case .failed = await verify("2.9") else { Issue.record("2.9, installed nowhere, passed"); return }
    }

    @Test func configShellConfigPostInstallAndNotificationChangeRealFiles() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/etc/app.conf"
        #expect(await run("config", .config(ConfigParameters(path: file, action: .write, content: "a=1\n", mode: "0600"))).isSuccess)
        #expect(await run("config-line", .config(ConfigParameters(path: file, action: .ensureLine, content: "b=2"))).isSuccess)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "a=1\nb=2\n")
        #expect(await run("post", .postInstall(CommandParameters(argv: ["touch", root + "/post-ran"]))).isSuccess)
        #expect(FileManager.default.fileExists(atPath: root + "/post-ran"))
        #expect(await run("notify", .notification(NotificationParameters(message: "log out and back in"))).isSuccess)
        #expect(io.text.contains("log out and back in"))
    }

    @Test func shellProfileLinesSitBetweenMarkersAfterABackupAndRollbackRemovesExactlyThatBlock() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bashrc = root + "/home/.bashrc"
        let mine = "# the user's own lines\nalias ll='ls -l'\n"
        try write(mine, to: bashrc)
        var planned = context
        planned.planID = PlanID("p-0123456789ab")
        #expect(Backups.save(["~/.bashrc"], step: StepID("shell-path"), context: planned) == nil)
        let backup = root + "/backups/shell-path/" + bashrc.replacingOccurrences(of: "/", with: "_")
        #expect(try String(contentsOfFile: backup, encoding: .utf8) == mine)

        let add = ShellConfigParameters(shell: .bash, pathEntries: ["~/.local/bin"])
        guard case .done(_, let note) = await StepExecutors.execute(Step(id: "shell-path", label: "", action: .shellConfig(add)), context: planned) else {
            Issue.record("shell_config did not finish: \(io.text)")
            return
        }
        #expect(note?.contains("restart your shell") == true)
        let expected = mine + """
            # >>> evlog p-0123456789ab >>> (added by evlog; its rollback removes this block)
            export PATH="$HOME/.local/bin:$PATH"
            # <<< evlog p-0123456789ab <<<

            """
        #expect(try String(contentsOfFile: bashrc, encoding: .utf8) == expected)
        let again = await StepExecutors.execute(Step(id: "shell-path", label: "", action: .shellConfig(add)), context: planned)
        #expect(again == .skipped(detail: "\(bashrc) already has evlog p-0123456789ab's block"), "\(again)")

        try Data((try String(contentsOfFile: bashrc, encoding: .utf8) + "export EDITOR=vi\n").utf8).write(to: URL(fileURLWithPath: bashrc))
        var undo = add
        undo.removeBlock = true
        #expect(await StepExecutors.execute(Step(id: "shell-path-rollback", label: "", action: .shellConfig(undo)), context: planned).isSuccess)
        #expect(try String(contentsOfFile: bashrc, encoding: .utf8) == mine + "export EDITOR=vi\n", "rollback touched more than its block")
    }

    /// A profile that links into a dotfiles repository (relative link, through a second link) is edited there and
    /// stays a link, through the add and the rollback (reproduce7 finding 6).
    @Test func aLinkedShellProfileIsEditedWhereItPointsAndStaysALink() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = root + "/home/dotfiles/bash/rc"
        let mine = "# from my dotfiles\nalias g=git\n"
        try write(mine, to: target)
        try FileManager.default.createSymbolicLink(atPath: root + "/home/dotfiles/bashrc", withDestinationPath: "bash/rc")
        try FileManager.default.createSymbolicLink(atPath: root + "/home/.bashrc", withDestinationPath: "dotfiles/bashrc")
        var planned = context
        planned.planID = PlanID("p-0123456789ab")
        let add = ShellConfigParameters(shell: .bash, pathEntries: ["~/.local/bin"])
        let added = await StepExecutors.execute(Step(id: "shell-path", label: "", action: .shellConfig(add)), context: planned)
        // The note names the file the shell reads, as a reproduction (which has no links) does too (repro22 #1).
        guard case .done(_, let note) = added else {
            Issue.record("shell_config did not finish: \(io.text)")
            return
        }
        #expect(note == "restart your shell (or run `. \(root)/home/.bashrc`) to pick up the new PATH", "\(note ?? "")")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/home/.bashrc") == "dotfiles/bashrc")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("export PATH=\"$HOME/.local/bin:$PATH\""))
        var undo = add
        undo.removeBlock = true
        #expect(await StepExecutors.execute(Step(id: "shell-path-rollback", label: "", action: .shellConfig(undo)), context: planned).isSuccess)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/home/.bashrc") == "dotfiles/bashrc")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == mine)
    }

    /// repro22 #2: a tool an installer put where its own setting says (`PIPX_BIN_DIR`), off PATH, is installed and not on
    /// PATH — never "not installed"; without the setting it is not found there.
    @Test func aCommandInTheInstallersConfiguredDirectoryIsInstalled() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("#!/bin/sh\necho 'pipxtool 1.2.3'\n", to: root + "/pipx-bin/pipxtool", mode: 0o755)
        var configured = context
        configured.environment["PIPX_BIN_DIR"] = root + "/pipx-bin"
        let verify = Step(id: "verify-pipxtool", label: "", action: .verify(VerifyParameters(binary: "pipxtool", versionPattern: "pipxtool 1")))
        guard case .done(_, let note) = await StepExecutors.execute(verify, context: configured) else {
            Issue.record("verify failed: \(io.text)")
            return
        }
        #expect(note?.contains("installed at \(root)/pipx-bin/pipxtool, which is not on your PATH") == true, "\(note ?? "")")
        #expect(!(await StepExecutors.execute(verify, context: context)).isSuccess)
    }

    /// repro22 #5: a profile in another encoding (Latin-1 bytes), with CRLF lines or none at its end, keeps every byte
    /// outside evlog's block through the add and the removal; generated files, random bytes outside the block's markers.
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func aProfileInAnyEncodingKeepsEveryByteOutsideTheBlock(seed: UInt64) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        var random = SplitMix64(seed: seed)
        let ending: [UInt8] = random.next() % 2 == 0 ? [10] : [13, 10]
        var mine: [UInt8] = []
        for _ in 0..<Int(random.next() % 6 + 1) {
            // Any byte but a line end: Latin-1 letters, invalid UTF-8, controls.
            mine += (0..<Int(random.next() % 40)).map { _ in UInt8(random.next() % 256) }.map { $0 == 10 || $0 == 13 ? 0xE9 : $0 } + ending
        }
        if random.next() % 3 == 0 { mine += Array("export GREETING=\"Gr".utf8) + [0xFC, 0xDF] + Array("e\"".utf8) }
        let bashrc = root + "/home/.bashrc"
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
        try Data(mine).write(to: URL(fileURLWithPath: bashrc))
        var planned = context
        planned.planID = PlanID("p-0123456789ab")
        let add = ShellConfigParameters(shell: .bash, pathEntries: ["~/.local/bin"])
        #expect(await StepExecutors.execute(Step(id: "shell-path", label: "", action: .shellConfig(add)), context: planned).isSuccess, "\(io.text)")
        let added = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bashrc)))
        #expect(added.starts(with: mine), "bytes before the block changed")
        var undo = add
        undo.removeBlock = true
        #expect(await StepExecutors.execute(Step(id: "shell-path-rollback", label: "", action: .shellConfig(undo)), context: planned).isSuccess)
        let removed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bashrc)))
        let separator: [UInt8] = mine.isEmpty || mine.last == 10 ? [] : [10]
        #expect(removed == mine + separator, "the removal left \(removed.count) bytes, not the \(mine.count) before the add")
    }

    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/service"), "needs root and service(8)"))
    func serviceStatusRunsThroughTheInitScript() async throws {
        let name = "evlog-test-" + UUID().uuidString.prefix(6).lowercased()
        let script = "/etc/init.d/" + name
        defer {
            try? FileManager.default.removeItem(atPath: script)
            try? FileManager.default.removeItem(atPath: root)
        }
        try write("#!/bin/sh\necho \"\(name) is running ($1)\"\n", to: script, mode: 0o755)
        #expect(await run("service", .service(ServiceParameters(name: name, action: .status))).isSuccess, "\(io.text)")
        #expect(io.text.contains("\(name) is running (status)"), "\(io.text)")
    }
}
