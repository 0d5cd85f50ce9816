import Foundation
import InstallModel
import Synchronization
import Testing

@testable import Orchestrator

/// A pipx install over a venv that was already here records that the step added none (`package_set_changed`
/// with nothing added), so the history takes the tool for the user's and `uninstall` leaves it; a venv the step
/// made is recorded as added. Real pipx, in a throwaway `PIPX_HOME` (truth10 F3).
struct PipxVenvFoundTests {
    @Test(arguments: [true, false])
    func aVenvHereBeforeIsNotTheSteps(venvWasHere: Bool) async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pipx") else {
            try #require(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs pipx, and it is missing")
            print("skipped: pipx is not installed (apt-get install pipx)")
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-pipx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for directory in ["home", "work", "backups", "pipx"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        let package = "zz-evlog-absent-package"
        if venvWasHere { try FileManager.default.createDirectory(atPath: root + "/pipx/venvs/" + package, withIntermediateDirectories: true) }
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
        if venvWasHere {
            #expect(changes == [PackageSetChange(manager: .pipx, added: [])], "\(changes)")
        } else {
            #expect(changes.allSatisfy { !$0.added.isEmpty }, "a step that made no venv recorded \(changes)")
        }
    }
}

/// Keeps the package-set changes a step reports.
private final class PackageChangeIO: StepIO {
    let changes = Mutex<[PackageSetChange]>([])
    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {}
    func elapse(microseconds: Int64) {}
    func commandStarted(_ argv: [String], process: ProcessIdentity?) {}
    func commandFinished(_ result: CommandResult) {}
    func pause(microseconds: Int64) async {}
    func packageSetChanged(_ change: PackageSetChange) { changes.withLock { $0.append(change) } }
}
