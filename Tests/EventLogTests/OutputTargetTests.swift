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
            FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        }
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: directory + "/old.evb")
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling", withDestinationPath: directory + "/nowhere")
        #expect(mkfifo(directory + "/fifo", 0o600) == 0)
        try FileManager.default.linkItem(atPath: log + ".lock", toPath: directory + "/hardlinked.lock")
        let check = { (path: String) in
            OutputTarget.problem(path, protectedDirectories: [plans], protectedFiles: [directory + "/outside.evlog"])
        }
        for allowed in [directory + "/new.evb", directory + "/old.evb"] { #expect(check(allowed) == nil, "\(allowed)") }
        let refused = ["", directory + "/link", directory + "/dangling", directory + "/fifo", directory, "/dev/null", log,
                       log + ".lock", directory + "/hardlinked.lock", directory + "/outside.evlog", plans + "/../plans/p-0123456789ab.evlog"]
        for path in refused { #expect(check(path) != nil, "\(path)") }
        #expect(FileManager.default.fileExists(atPath: directory + "/fifo"))
    }
}
