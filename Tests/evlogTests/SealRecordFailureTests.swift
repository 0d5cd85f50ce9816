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
        #expect(FileManager.default.createFile(atPath: keyed.home.path + "/elsewhere", contents: Data()))
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

/// integrity18 #8: `verify --keyring` that cannot write its record of seals seen (a full file system) says so and
/// exits 1, not 0: the record stays behind, so a later, older copy of the log would not be flagged.
struct VerifyRecordFailureTests {
    /// Mounts a 12 KiB tmpfs at `directory` (root, and a kernel that allows it), or nil.
    static func smallFileSystem(at directory: String) -> Bool {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=12k", "tmpfs", directory]
        guard (try? mount.run()) != nil else { return false }
        mount.waitUntilExit()
        return mount.terminationStatus == 0
    }

    @Test func aKeyringWhoseRecordCannotBeWrittenFailsTheCheck() async throws {
        let keyed = try KeyedHome.make()
        defer { keyed.home.remove() }
        let home = keyed.home.path + "/h", mounted = keyed.home.path + "/m"
        #expect(try await keyed.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await keyed.evlog(["install", "--simulate", "--yes", "--no-color", "--home", home, "jq"]).exitCode == 0)
        let bundle = keyed.home.path + "/web1.evb"
        #expect(try await keyed.evlog(["bundle", "latest", "-o", bundle, "--home", home]).exitCode == 0)
        try FileManager.default.createDirectory(atPath: mounted, withIntermediateDirectories: true)
        guard Self.smallFileSystem(at: mounted) else {
            print("skipped: mounting a small tmpfs needs root and a kernel that allows it")
            return
        }
        defer { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [mounted]).waitUntilExit() }
        try FileManager.default.createDirectory(atPath: mounted + "/keys", withIntermediateDirectories: true)
        let publicKey = try String(contentsOfFile: keyed.publicKey, encoding: .utf8)
        try publicKey.write(toFile: mounted + "/keys/web1.pub", atomically: false, encoding: .utf8)
        // Filled a KiB at a time until nothing more fits.
        let fill = try #require(FileHandle(forWritingAtPath: { _ = FileManager.default.createFile(atPath: mounted + "/fill", contents: nil); return mounted + "/fill" }()))
        while (try? fill.write(contentsOf: Data(count: 1024))) != nil {}
        try? fill.close()
        let verified = try await keyed.evlog(["verify", bundle, "--keyring", mounted + "/keys"])
        #expect(verified.exitCode == 1, "\(verified.allOutput)")
        #expect(verified.allOutput.contains("could not record"), "\(verified.allOutput)")
    }
}
