import Foundation
import InstallModel
import Synchronization
import Testing

@testable import Orchestrator

/// A pipx install over a venv that was already here records that the step added none (`package_set_changed`
/// with nothing added), so the history takes the tool for the user's and `uninstall` leaves it; a venv the step
/// made is recorded as added. Real pipx, in a throwaway `PIPX_HOME` (truth10 F3).
struct PipxVenvFoundTests {
    /// The venv here before the step: none, a whole one (pipx's metadata in it), or a half-made one (an install
    /// killed while pipx made it: made again with `--force`, and the step's own, truth10 F11).
    enum Before: CaseIterable { case none, whole, halfMade }

    static let hasPipx = FileManager.default.isExecutableFile(atPath: "/usr/bin/pipx")

    /// Skipped (saying so) where pipx is not installed; CI installs it, so there it runs and fails without it.
    @Test(
        .enabled(if: hasPipx || ProcessInfo.processInfo.environment["CI"] != nil, "needs pipx at /usr/bin/pipx (apt-get install pipx)"),
        arguments: Before.allCases, ["zz-evlog-absent-package", "zz-evlog-absent-package==1.0.*"])
    func aVenvHereBeforeIsNotTheSteps(before: Before, package: String) async throws {
        try #require(Self.hasPipx, "CI installs pipx, and it is missing")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-pipx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for directory in ["home", "work", "backups", "pipx"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        let venv = root + "/pipx/venvs/zz-evlog-absent-package"
        if before != .none { try FileManager.default.createDirectory(atPath: venv, withIntermediateDirectories: true) }
        if before == .whole { try Data("{}".utf8).write(to: URL(fileURLWithPath: venv + "/pipx_metadata.json")) }
        let io = PackageChangeIO()
        var context = ExecutionContext.realDebian(root: root, io: io)
        context.environment["PIPX_HOME"] = root + "/pipx"
        context.environment["PIPX_BIN_DIR"] = root + "/home/.local/bin"
        // An index that answers nothing at once: the install fails without reaching the network.
        context.environment["PIP_INDEX_URL"] = "http://127.0.0.1:9/simple"
        context.environment["PIP_RETRIES"] = "0"
        let step = Step(id: "pipx-zz", label: "Install zz with pipx", action: .tool(ToolParameters(installer: .pipx, package: package)), tool: "zz")
        _ = await StepExecutors.execute(step, context: context)
        let changes = io.changes.withLock { $0 }
        if before == .whole {
            #expect(changes == [PackageSetChange(manager: .pipx, added: [])], "\(changes)")
        } else {
            #expect(changes.allSatisfy { !$0.added.isEmpty }, "a step that made no venv of its own recorded \(changes)")
        }
        #expect(io.commands.withLock { $0 }.first?.contains("--force") == (before == .halfMade), "\(io.commands.withLock { $0 })")
    }
}

/// Keeps the package-set changes a step reports, and the commands it starts.
private final class PackageChangeIO: StepIO {
    let changes = Mutex<[PackageSetChange]>([])
    let commands = Mutex<[[String]]>([])
    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {}
    func elapse(microseconds: Int64) {}
    func commandStarted(_ argv: [String], process: ProcessIdentity?) { commands.withLock { $0.append(argv) } }
    func commandFinished(_ result: CommandResult) {}
    func pause(microseconds: Int64) async {}
    func packageSetChanged(_ change: PackageSetChange) { changes.withLock { $0.append(change) } }
}
