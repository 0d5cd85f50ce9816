import Foundation
import Testing
@testable import EventLog

/// `bundle -o PATH` may replace only an absent name or a plain regular file that is not a plan log or lock.
@Suite struct OutputTargetTests {
    @Test func onlyAbsentNamesAndUnprotectedRegularFilesMayBeReplaced() throws {
        let directory = NSTemporaryDirectory() + "evlog-output-" + UUID().uuidString
        let plans = directory + "/plans"
        try FileManager.default.createDirectory(atPath: plans, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = plans + "/p-0123456789ab.evlog"
        for file in [log, log + ".lock", directory + "/old.evb", directory + "/outside.evlog"] {
            #expect(FileManager.default.createFile(atPath: file, contents: file.hasSuffix(".evb") ? Data(LogFormat.magic + [1]) : Data("x".utf8)))
        }
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: directory + "/old.evb")
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling", withDestinationPath: directory + "/nowhere")
        #expect(mkfifo(directory + "/fifo", 0o600) == 0)
        try FileManager.default.linkItem(atPath: log + ".lock", toPath: directory + "/hardlinked.lock")
        let check = { (path: String) in
            OutputTarget.problem(path, protectedDirectories: [plans], protectedFiles: [directory + "/outside.evlog"])
        }
        for allowed in [directory + "/new.evb", directory + "/old.evb"] { #expect(check(allowed) == nil, "\(allowed)") }
        // A name in a directory that does not exist, or under a file (integrity11 #6: a raw Foundation error before).
        let refused = ["", directory + "/link", directory + "/dangling", directory + "/fifo", directory, "/dev/null", log,
                       log + ".lock", directory + "/hardlinked.lock", directory + "/outside.evlog", plans + "/../plans/p-0123456789ab.evlog",
                       directory + "/nodir/x.evb", directory + "/old.evb/x.evb"]
        for path in refused { #expect(check(path) != nil, "\(path)") }
        #expect(FileManager.default.fileExists(atPath: directory + "/fifo"))
    }

    /// Another home's plan log (integrity attack round 8, F11: `bundle -o` renamed a bundle over a log being
    /// resumed), or any file an evlog process holds as a writer, is refused; a bundle may replace a bundle.
    @Test func anotherHomesPlanLogOrALiveLogIsNeverReplaced() throws {
        let directory = NSTemporaryDirectory() + "evlog-output-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logBytes = Data(LogFormat.magic + Array("rest of a log".utf8))
        for name in ["other-home.evlog", "old.evb", "plain.txt", "held.evb"] {
            #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: name == "plain.txt" ? Data("x".utf8) : logBytes))
        }
        let held = open(directory + "/held.evb", O_RDONLY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        let check = { (name: String) in OutputTarget.problem(directory + "/" + name, protectedDirectories: []) }
        #expect(check("other-home.evlog")?.contains("plan log") == true)
        #expect(check("held.evb")?.contains("is writing") == true)
        for allowed in ["old.evb", "new.evlog"] { #expect(check(allowed) == nil, "\(allowed)") }
        #expect(check("plain.txt")?.contains("is not an evlog bundle") == true)
    }

    /// integrity13 #14: a file that is no evlog file — the host's private key, the home's record of seals seen, any
    /// user's file, whatever its name — is never replaced by a bundle; an empty file (`mktemp`) is.
    @Test(arguments: ["host.key", "host.pub", "last-seen-seals.jsonl", "notes.evb", "x"])
    func aFileThatIsNoEvlogFileIsNeverReplaced(name: String) throws {
        let directory = NSTemporaryDirectory() + "evlog-output-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + name
        #expect(FileManager.default.createFile(atPath: path, contents: Data("AAAAC3NzaC1lZDI1NTE5AAAA\n".utf8)))
        #expect(OutputTarget.problem(path, protectedDirectories: [])?.contains("exists and is not an evlog bundle") == true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(OutputTarget.problem(path, protectedDirectories: []) == nil)
    }
}
