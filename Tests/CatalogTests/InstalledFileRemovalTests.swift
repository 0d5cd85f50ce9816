import Foundation
import InstallModel
import Testing

@testable import Catalog

/// The removal of a release file runs for real under /bin/sh: the file goes only while it holds the bytes its install
/// recorded; another file put at that path since (the user's own build), a link or a directory stays, and the step
/// fails saying so (truth12 F8).
@Suite struct InstalledFileRemovalTests {
    /// SHA-256 of "abc" (FIPS 180-2's example).
    static let abc = (bytes: Data("abc".utf8), sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

    /// Runs `argv` under /bin/sh as the link scripts' tests do (their throwaway home and PATH).
    static func run(_ argv: [String]) throws -> (status: Int32, stderr: String) {
        let box = try CommandNameLinkTests.Sandbox()
        defer { box.remove() }
        return try box.run(argv)
    }

    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "evlog-filerm-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theFileTheInstallPutThereGoes() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/tool"
        #expect(FileManager.default.createFile(atPath: path, contents: Self.abc.bytes, attributes: [.posixPermissions: 0o755]))
        let result = try Self.run(InstalledFileRemoval.removeArgv(path: path, sha256: Self.abc.sha256))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        // Nothing there (removed by hand since): done, nothing to say.
        #expect(try Self.run(InstalledFileRemoval.removeArgv(path: path, sha256: Self.abc.sha256)).status == 0)
    }

    /// Generated replacements: other bytes (one byte changed, appended, truncated, random), a link to a file holding
    /// the recorded bytes, a directory. Each stays, and the step fails naming it.
    @Test(arguments: 0..<24)
    func whatWasPutThereSinceStays(seed: Int) throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/tool"
        var generator = SplitMix64(seed: UInt64(seed))
        var bytes = Array(Self.abc.bytes)
        switch seed % 6 {
        case 0: bytes[Int(generator.next() % 3)] ^= UInt8(1 + generator.next() % 255)
        case 1: bytes.append(UInt8(generator.next() % 256))
        case 2: bytes.removeLast(Int(1 + generator.next() % 3))
        case 3: bytes = (0..<Int(generator.next() % 4096)).map { _ in UInt8(generator.next() % 256) }
        case 4:
            #expect(FileManager.default.createFile(atPath: root + "/same", contents: Self.abc.bytes))
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: root + "/same")
        default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        if seed % 6 < 4 { #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o755])) }
        let before = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        let result = try Self.run(InstalledFileRemoval.removeArgv(path: path, sha256: Self.abc.sha256))
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path) is no longer the file the install put there"), "\(result.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType == before)
        if seed % 6 < 4 { #expect(FileManager.default.contents(atPath: path) == Data(bytes)) }
    }

    /// The path and the digest are positional parameters of a constant script: a path with shell syntax is a name.
    @Test func thePathIsNeverScriptText() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The name's `$(touch ROOT/pwned)` holds slashes, so the file lies in directories named by the script text.
        let path = root + "/to ol;$(touch " + root + "/pwned)"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Self.abc.bytes))
        let argv = InstalledFileRemoval.removeArgv(path: path, sha256: Self.abc.sha256)
        #expect(argv[2] == InstalledFileRemoval.script)
        #expect(try Self.run(argv).status == 0)
        #expect(!FileManager.default.fileExists(atPath: path) && !FileManager.default.fileExists(atPath: root + "/pwned"))
    }

    /// The uninstall plan uses it for a release file whose log recorded a digest, and a plain `rm -f` only when the
    /// check was forced away (no digest).
    @Test func theRemovalStepChecksTheDigestWhenTheLogRecordedOne() {
        let recorded = LifecyclePlanner.removeCommand(.file("/usr/local/bin/tool"), fileSHA256: Self.abc.sha256).argv
        #expect(recorded == InstalledFileRemoval.removeArgv(path: "/usr/local/bin/tool", sha256: Self.abc.sha256))
        #expect(LifecyclePlanner.removeCommand(.file("/usr/local/bin/tool")).argv == ["rm", "-f", "--", "/usr/local/bin/tool"])
    }
}
