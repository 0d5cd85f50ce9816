import Foundation
import Testing

@testable import Server

/// What `evlog serve` starts (an install, a resume) inherits none of the server's descriptors but its three
/// standard ones, and a refusal's reason is its error line, not the usage text after it (serve10 #3, #8).
struct DetachedProcessTests {
    @Test func aStartedProcessInheritsNoOtherDescriptor() throws {
        let leaked = open("/dev/null", O_RDONLY)  // not close-on-exec, as NIO's sockets are not
        try #require(leaked > 2)
        defer { close(leaked) }
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-detached-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        let process = try DetachedProcess.start(
            ["/bin/sh", "-c", "if test -e /proc/self/fd/\(leaked); then echo inherited >&2; else echo closed >&2; fi"], errorFile: errorFile)
        var status: Int32?
        for _ in 0..<400 where status == nil {
            status = process.exitStatus()
            if status == nil { usleep(25_000) }
        }
        #expect(status == 0)
        #expect(process.lastErrorLine == "closed", "descriptor \(leaked): \(process.lastErrorLine)")
    }

    @Test func theReasonIsTheErrorLineNotTheUsageAfterIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-reason-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "Error: Missing expected argument '<plan>'\nHelp:  <plan>  A plan id\nUsage: evlog resume <plan>\n  See 'evlog resume --help' for more information.\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(DetachedProcess.lastLine(of: file) == "Error: Missing expected argument '<plan>'")
        try "warming up\nevlog: plan p-1 is running (process 7)\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(DetachedProcess.lastLine(of: file) == "evlog: plan p-1 is running (process 7)")
        try "just this\n\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(DetachedProcess.lastLine(of: file) == "just this")
    }
}
