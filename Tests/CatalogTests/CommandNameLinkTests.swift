import Foundation
import Testing

@testable import Catalog

/// The `--link-names` scripts run for real under /bin/sh in a throwaway home: evlog's link is made and removed, and
/// nothing else that sits at the usual name (the user's own file, directory or link) is replaced or deleted.
@Suite struct CommandNameLinkTests {
    /// A throwaway home and a PATH directory holding an executable named `installed`.
    struct Sandbox {
        let home: String
        let bin: String
        var linkPath: String { home + "/.local/bin/tool" }

        init(installed: String = "tool-renamed") throws {
            let root = NSTemporaryDirectory() + "evlog-link-" + UUID().uuidString.prefix(8)
            home = root + "/home"
            bin = root + "/bin"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: bin + "/" + installed, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        }

        /// Runs `argv` with this home and PATH; the exit status and standard error.
        func run(_ argv: [String]) throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = Array(argv.dropFirst())
            process.environment = ["HOME": home, "PATH": bin + ":/usr/bin:/bin"]
            process.currentDirectoryURL = URL(fileURLWithPath: home)
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }

        func putUsersFile() throws {
            try FileManager.default.createDirectory(atPath: home + "/.local/bin", withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: linkPath, contents: Data("#!/bin/sh\necho mine\n".utf8)))
        }

        var usersFileIsThere: Bool {
            (try? String(contentsOfFile: linkPath, encoding: .utf8)) == "#!/bin/sh\necho mine\n"
        }

        var linkTarget: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: linkPath) }

        func remove() { try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent) }
    }

    @Test func theLinkIsMadeToTheCommandOnPathAndMakingItAgainIsDone() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let argv = CommandNameLink.makeArgv(installed: "tool-renamed", usual: "tool")
        #expect(try box.run(argv).status == 0)
        #expect(box.linkTarget == box.bin + "/tool-renamed")
        #expect(try box.run(argv).status == 0)
        #expect(box.linkTarget == box.bin + "/tool-renamed")
    }

    @Test func theUsersOwnFileAtTheUsualNameIsNeverReplaced() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.putUsersFile()
        let made = try box.run(CommandNameLink.makeArgv(installed: "tool-renamed", usual: "tool"))
        #expect(made.status == 1 && made.stderr.contains("left as it is"), "\(made)")
        #expect(box.usersFileIsThere)
    }

    @Test func aLinkElsewhereIsNeitherReplacedNorRemoved() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.createDirectory(atPath: box.home + "/.local/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.linkPath, withDestinationPath: "/usr/bin/env")
        #expect(try box.run(CommandNameLink.makeArgv(installed: "tool-renamed", usual: "tool")).status == 1)
        #expect(try box.run(CommandNameLink.removeArgv(usual: "tool", installed: "tool-renamed")).status == 0)
        #expect(box.linkTarget == "/usr/bin/env")
    }

    @Test func removingTakesEvlogsLinkAndLeavesWhatTheUserPutInItsPlace() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(try box.run(CommandNameLink.makeArgv(installed: "tool-renamed", usual: "tool")).status == 0)
        #expect(try box.run(CommandNameLink.removeArgv(usual: "tool", installed: "tool-renamed")).status == 0)
        #expect(box.linkTarget == nil && !FileManager.default.fileExists(atPath: box.linkPath))

        try box.putUsersFile()
        let left = try box.run(CommandNameLink.removeArgv(usual: "tool", installed: "tool-renamed"))
        #expect(left.status == 0 && left.stderr.contains("left as it is"), "\(left)")
        #expect(box.usersFileIsThere)

        try FileManager.default.removeItem(atPath: box.linkPath)
        try FileManager.default.createDirectory(atPath: box.linkPath + "/inside", withIntermediateDirectories: true)
        #expect(try box.run(CommandNameLink.removeArgv(usual: "tool", installed: "tool-renamed")).status == 0)
        #expect(FileManager.default.fileExists(atPath: box.linkPath + "/inside"))
    }

    @Test func aLogThatDidNotNameTheCommandRemovesOnlyALink() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.putUsersFile()
        #expect(try box.run(CommandNameLink.removeArgv(usual: "tool", installed: nil)).status == 0)
        #expect(box.usersFileIsThere)
        try FileManager.default.removeItem(atPath: box.linkPath)
        try FileManager.default.createSymbolicLink(atPath: box.linkPath, withDestinationPath: "/usr/bin/env")
        #expect(try box.run(CommandNameLink.removeArgv(usual: "tool", installed: nil)).status == 0)
        #expect(box.linkTarget == nil)
    }

    /// Names are positional parameters: shell text in them is never run (the grammars refuse such names earlier).
    @Test func shellTextInANameIsNotRun() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let marker = box.home + "/ran"
        _ = try box.run(CommandNameLink.makeArgv(installed: "x$(touch \(marker))", usual: "y;touch \(marker)"))
        _ = try box.run(CommandNameLink.removeArgv(usual: "y`touch \(marker)`", installed: "$(touch \(marker))"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func onlyTheLinkStepsOwnShapeNamesACommand() {
        #expect(CommandNameLink.installedCommand(inRecordedArgv: CommandNameLink.makeArgv(installed: "fdfind", usual: "fd")) == "fdfind")
        #expect(CommandNameLink.installedCommand(inRecordedArgv: ["sh", "-c", "old script", "sh", "batcat", "bat"]) == "batcat")
        #expect(CommandNameLink.installedCommand(inRecordedArgv: ["sh", "-c", "x", "sh", "../etc", "bat"]) == nil)
        #expect(CommandNameLink.installedCommand(inRecordedArgv: ["rm", "-rf", "/"]) == nil)
        #expect(CommandNameLink.usualName(ofLinkPath: "~/.local/bin/fd") == "fd")
        #expect(CommandNameLink.usualName(ofLinkPath: "~/.local/bin/../x") == nil)
        #expect(CommandNameLink.usualName(ofLinkPath: "/usr/bin/fd") == nil)
    }
}
