import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// trust13 #3: a release's checksum file is bounded — a plan made now fetches it with curl's `--max-filesize` and
/// `--max-time`, and a file larger than the bound is refused as larger (never read as a digest "not listed" from
/// its first part); a log's release without the bound (older logs) runs the command it ran, so it reproduces byte
/// for byte. Real curl against `file://` files (curl cannot tell a file's size there, so evlog's own cap decides).
@Suite(.serialized, .enabled(if: ["curl", "sha256sum"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }, "needs curl and sha256sum"))
struct ChecksumFileBoundTests {
    let root = NSTemporaryDirectory() + "evlog-checksum-bound-" + UUID().uuidString.prefix(8)

    /// A release whose asset is a bare file and whose checksum file holds `lines` other assets' digests then the
    /// asset's own (its last line), run with or without the bound; the outcome and the checksum command.
    func run(otherLines: Int, bounded: Bool, onThisMachine: Bool = false) async throws -> (outcome: StepOutcome, command: [String]) {
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
        let asset = root + "/acmebin"
        try Data("#!/bin/sh\necho acme 1.0\n".utf8).write(to: URL(fileURLWithPath: asset))
        let digest = try RealExecutorTests.sha256(asset)
        let other = String(repeating: "a", count: 64) + "  other.tar.gz\n"
        try Data((String(repeating: other, count: otherLines) + digest + "  acmebin\n").utf8).write(to: URL(fileURLWithPath: root + "/SUMS"))
        let release = GitHubReleaseParameters(
            repository: "acme/t", version: "1.0", assetURL: "file://" + asset, sha256: nil, checksumFileURL: "file://" + root + "/SUMS",
            checksumFileBytesMax: bounded ? GitHubReleaseParameters.checksumFileBytesCap : nil, binaryInArchive: "acmebin",
            installDirectory: root + "/home/.local/bin", installName: "acmebin")
        let io = RecordingIO()
        var context = ExecutionContext.realDebian(root: root, io: io)
        context.boundsUnrecordedFetches = onThisMachine
        let outcome = await StepExecutors.execute(Step(id: "release", label: "release", action: .githubRelease(release)), context: context)
        let command = try #require(io.commands.first { $0.last == "file://" + root + "/SUMS" })
        return (outcome, command)
    }

    @Test(arguments: [false, true]) func aSmallFileIsReadWithOrWithoutTheBound(bounded: Bool) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (outcome, command) = try await run(otherLines: 20, bounded: bounded)
        #expect(outcome.isSuccess, "\(outcome)")
        let bound = ["--max-filesize", String(GitHubReleaseParameters.checksumFileBytesCap), "--max-time", "60"]
        #expect(command == ["curl", "-fsSL", "--retry", "3"] + (bounded ? bound : []) + ["--proto-redir", "=https", "file://" + root + "/SUMS"], "\(command)")
    }

    /// trust16 #12: a log (from elsewhere) that leaves the bound out, run on this machine (`PlanHost.local`), is
    /// fetched with today's bound; only a simulation keeps the recorded unbounded command.
    @Test func aStepWithoutTheBoundGetsTodaysOnThisMachine() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (_, command) = try await run(otherLines: 20, bounded: false, onThisMachine: true)
        let bound = ["--max-filesize", String(GitHubReleaseParameters.checksumFileBytesCap), "--max-time", "60"]
        #expect(command == ["curl", "-fsSL", "--retry", "3"] + bound + ["--proto-redir", "=https", "file://" + root + "/SUMS"], "\(command)")
        let (outcome, _) = try await run(otherLines: 4000, bounded: false, onThisMachine: true)
        guard case .failed(let cause) = outcome else {
            Issue.record("an unbounded step read a checksum file past the bound: \(outcome)")
            return
        }
        #expect(cause.summary.contains("is larger than"), "\(cause)")
        #expect(PlanHost.local(environment: ChildEnvironment(variables: [:], secrets: []), userHome: root, workDirectory: root, backupDirectory: root)
            .boundsUnrecordedFetches)
    }

    @Test(arguments: [false, true]) func aFileLargerThanTheBoundIsRefusedAsLarger(bounded: Bool) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        // 4,000 lines of 80 bytes: past the 256 KiB an executor reads; the asset's own line comes last.
        let (outcome, _) = try await run(otherLines: 4000, bounded: bounded)
        guard case .failed(let cause) = outcome else {
            Issue.record("a checksum file past the bound was read: \(outcome)")
            return
        }
        #expect(cause.summary.contains("is larger than"), "\(cause)")
        #expect(!cause.summary.contains("lists no sha256"), "\(cause)")
        #expect(!FileManager.default.fileExists(atPath: root + "/home/.local/bin/acmebin"))
    }
}
