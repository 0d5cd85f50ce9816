import Foundation
import InstallModel
import Sealing
import Testing

@testable import Orchestrator

/// An installer script is run from the bytes whose sha256 was checked (integrity N6): real curl from a real HTTP
/// server on 127.0.0.1, real sha256sum and sh, and the file rewritten between the check and the run.
@Suite(.serialized)
struct CheckedScriptTests {
    static let canRun = ["python3", "curl", "sha256sum", "sh"].allSatisfy { name in
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
            || ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: $0 + "/" + name)
            } == true
    }

    /// A runner that, like another user who could write the downloaded file, rewrites every `.sh` file under
    /// `workDirectory` to `replacement` as soon as a checksum tool has answered.
    struct RewritingAfterTheCheck: CommandRunner {
        let real = SubprocessRunner()
        let workDirectory: String
        let replacement: String
        var reportsLaunch: Bool { real.reportsLaunch }

        func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
            let result = await real.run(command, io: io)
            if command.argv.first == "sha256sum" {
                let walker = FileManager.default.enumerator(atPath: workDirectory)
                while let relative = walker?.nextObject() as? String {
                    guard relative.hasSuffix(".sh") else { continue }
                    // In place (the same inode), as an open descriptor or a re-opened path would both see it.
                    let handle = FileHandle(forWritingAtPath: workDirectory + "/" + relative)
                    handle?.truncateFile(atOffset: 0)
                    handle?.write(Data(replacement.utf8))
                    try? handle?.close()
                }
            }
            return result
        }
    }

    /// `python3 -m http.server` on port 0; the port is read from its first line, printed once it listens.
    static func serve(_ directory: String) throws -> (Process, Int) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory]
        let pipe = Pipe()
        server.standardOutput = pipe
        server.standardError = FileHandle.nullDevice
        try server.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard let index = words.firstIndex(of: "port"), let port = Int(words[words.index(after: index)]) else {
            kill(server.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadUnknown)
        }
        return (server, port)
    }

    @Test(.enabled(if: CheckedScriptTests.canRun, "needs python3, curl, sha256sum, sh"))
    func aScriptRewrittenBetweenItsCheckAndItsRunStillRunsTheCheckedBytes() async throws {
        let root = NSTemporaryDirectory() + "evlog-checked-script-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/served", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
        let checked = "touch \"$1.checked\"\n"
        try Data(checked.utf8).write(to: URL(fileURLWithPath: root + "/served/install.sh"))
        let (server, port) = try Self.serve(root + "/served")
        // SIGKILL: the test process blocks SIGTERM, and its children inherit the mask.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }

        let io = RecordingIO()
        var context = ExecutionContext.realDebian(root: root, io: io)
        context.runner = RewritingAfterTheCheck(workDirectory: root + "/work", replacement: "touch \"$1.replaced\"\n")
        let marker = root + "/ran"
        let script = ToolParameters(
            installer: nil, scriptURL: "http://127.0.0.1:\(port)/install.sh",
            scriptSHA256: ContentDigest.sha256Hex(Array(checked.utf8)), arguments: [marker])
        let outcome = await StepExecutors.execute(Step(id: StepID("script"), label: "script", action: .tool(script)), context: context)

        #expect(outcome.isSuccess, "\(io.text)")
        #expect(FileManager.default.fileExists(atPath: marker + ".checked"), "the checked script did not run: \(io.text)")
        #expect(!FileManager.default.fileExists(atPath: marker + ".replaced"), "the bytes written after the check ran")
        #expect(io.commands.contains { $0.first == "sha256sum" }, "the checksum was not asked of the system's tool")
    }

    @Test(.enabled(if: CheckedScriptTests.canRun, "needs python3, curl, sha256sum, sh"))
    func aScriptWhoseBytesDoNotMatchThePinIsNeverRun() async throws {
        let root = NSTemporaryDirectory() + "evlog-checked-script-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/served", withIntermediateDirectories: true)
        try Data("touch \"$1\"\n".utf8).write(to: URL(fileURLWithPath: root + "/served/install.sh"))
        let (server, port) = try Self.serve(root + "/served")
        // SIGKILL: the test process blocks SIGTERM, and its children inherit the mask.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }

        let io = RecordingIO()
        let context = ExecutionContext.realDebian(root: root, io: io)
        let marker = root + "/ran"
        let script = ToolParameters(
            installer: nil, scriptURL: "http://127.0.0.1:\(port)/install.sh",
            scriptSHA256: String(repeating: "ab", count: 32), arguments: [marker])
        let outcome = await StepExecutors.execute(Step(id: StepID("script"), label: "script", action: .tool(script)), context: context)

        guard case .failed(let cause) = outcome else {
            Issue.record("a script with the wrong sha256 was accepted: \(io.text)")
            return
        }
        #expect(cause.kind == .checksumMismatch, "\(cause.message)")
        #expect(!FileManager.default.fileExists(atPath: marker), "the mismatching script ran")
    }
}
