import Foundation
import Orchestrator
import Testing

/// integrity23 #9: an entry of `plans/` named as a log that is no regular file (a directory, a FIFO, a symbolic link) is
/// passed over by every way of naming logs: `latest` is the newest log still, and nothing lists it for `prune`.
struct NotALogEntryTests {
    @Test(arguments: ["directory", "fifo", "symlink"])
    func latestAndTheListPassOverAnEntryThatIsNoRegularFile(kind: String) throws {
        let home = try PlanLogTests.Home([("p-aaaa00000001", "done")])
        defer { home.remove() }
        let odd = home.path + "/plans/p-cccccccccccc.evlog"
        switch kind {
        case "directory":
            try FileManager.default.createDirectory(atPath: odd, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: odd + "/inside"))
        case "fifo": try #require(mkfifo(odd, 0o600) == 0)
        default: try FileManager.default.createSymbolicLink(atPath: odd, withDestinationPath: home.path + "/plans/p-aaaa00000001.evlog")
        }
        #expect(PlanLog.all(home: home.path).map(\.id.rawValue) == ["p-aaaa00000001"])
        #expect(try PlanLog.open("latest", home: home.path).id.rawValue == "p-aaaa00000001")
        #expect(PlanLog.notLogs(inDirectory: home.path + "/plans") == [odd])
    }
}
