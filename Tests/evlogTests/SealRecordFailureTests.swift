import Foundation
import Testing

/// integrity13 #2: a writer that could not record its seals in the home's record (a full disk, a symbolic link)
/// warned and ran on, and afterwards every reader called the log cut back. It now stops before its next step, and
/// once the record can be written the plan resumes as the crash it is.
struct SealRecordFailureTests {
    @Test func aWriterThatCannotRecordItsSealStopsAndTheLogResumesOnceItCan() async throws {
        let keyed = try KeyedHome.make()
        defer { keyed.home.remove() }
        let home = keyed.home.path + "/h"
        #expect(try await keyed.evlog(["key", "generate"]).exitCode == 0)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: keyed.home.path + "/elsewhere", contents: Data())
        let record = home + "/last-seen-seals.jsonl"
        try FileManager.default.createSymbolicLink(atPath: record, withDestinationPath: keyed.home.path + "/elsewhere")
        let stopped = try await keyed.evlog(["install", "--simulate", "--yes", "--no-color", "--home", home, "jq"])
        #expect(stopped.exitCode != 0, "\(stopped.stdout)")
        #expect(stopped.stdout.contains("could not record its seal in \(record)") && stopped.stdout.contains("evlog resume"), "\(stopped.stdout)")
        #expect(!stopped.stdout.contains("$ apt-get"), "steps ran unrecorded: \(stopped.stdout)")

        try FileManager.default.removeItem(atPath: record)
        let resumed = try await keyed.evlog(["resume", "latest", "--yes", "--no-color", "--home", home])
        #expect(resumed.exitCode == 0, "\(resumed.stdout)")
        let log = try #require(try FileManager.default.contentsOfDirectory(atPath: home + "/plans").first { $0.hasSuffix(".evlog") })
        let verified = try await keyed.evlog(["verify", home + "/plans/" + log, "--key", keyed.publicKey, "--home", home])
        #expect(verified.exitCode == 0, "\(verified.stdout)")
    }
}
