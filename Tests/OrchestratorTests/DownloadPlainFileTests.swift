import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// A download is checked and used as one plain file: a link (or a FIFO) left where it goes could give the
/// checksum one content and the command that runs it another (integrity10 N6: a FIFO in the work directory
/// passed `sha256sum` with the good bytes and fed `sh` other ones on resume). It is removed and fetched afresh.
@Suite struct DownloadPlainFileTests {
    @Test(.enabled(if: ["curl", "sha256sum"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }, "needs curl and sha256sum"))
    func aLinkWhereTheDownloadGoesIsReplacedByTheDownload() async throws {
        let root = NSTemporaryDirectory() + "evlog-plain-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
        let content = Data("#!/bin/sh\necho good\n".utf8)
        try content.write(to: URL(fileURLWithPath: root + "/served.sh"))
        // The same bytes, reached through a link an attacker can point elsewhere once the checksum passed.
        try content.write(to: URL(fileURLWithPath: root + "/attacker.sh"))
        let destination = root + "/work/installer.sh"
        try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: root + "/attacker.sh")
        let context = ExecutionContext.realDebian(root: root, io: RecordingIO())
        let digest = try #require(await context.sha256(of: root + "/served.sh"))
        let outcome = await Downloading.fetch("file://" + root + "/served.sh", to: destination, sha256: digest, sizeBytes: nil, context: context)
        #expect(outcome.isSuccess, "\(outcome)")
        let kind = (try FileManager.default.attributesOfItem(atPath: destination))[.type] as? FileAttributeType
        #expect(kind == .typeRegular, "\(destination) is still \(String(describing: kind))")
    }

    /// A partial file the server cannot resume (curl exit 33 or 36: here a leftover longer than the file served) goes,
    /// and the download starts again from the first byte, instead of failing every retry (repro13 F12).
    @Test(.enabled(if: ["curl", "sha256sum"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }, "needs curl and sha256sum"))
    func aPartialFileTheServerCannotResumeIsDownloadedAgainFromTheStart() async throws {
        let root = NSTemporaryDirectory() + "evlog-resume-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
        try Data("#!/bin/sh\necho good\n".utf8).write(to: URL(fileURLWithPath: root + "/served.sh"))
        let destination = root + "/work/installer.sh"
        try Data(String(repeating: "partial ", count: 64).utf8).write(to: URL(fileURLWithPath: destination))
        let io = RecordingIO()
        let context = ExecutionContext.realDebian(root: root, io: io)
        let digest = try #require(await context.sha256(of: root + "/served.sh"))
        let outcome = await Downloading.fetch("file://" + root + "/served.sh", to: destination, sha256: digest, sizeBytes: nil, context: context)
        #expect(outcome.isSuccess, "\(outcome)")
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "#!/bin/sh\necho good\n")
    }
}
