import Foundation
import Testing

/// integrity16 #5 rest: on a full file system every writer leaves whole-or-absent files and one line saying what failed.
@Suite struct FullDiskWriterTests {
    /// An export whose standard output cannot be written (`/dev/full`: no space left) says so and exits 1; it exited 0
    /// over an empty file.
    @Test(arguments: ["--jsonl", "--html", "--trace", "--asciicast"])
    func anExportToAFullDeviceSaysItsOutputIsIncomplete(_ format: String) async throws {
        let keyed = try KeyedHome.make()
        defer { keyed.home.remove() }
        let home = keyed.home.path + "/h"
        #expect(try await keyed.evlog(["install", "--simulate", "--yes", "--no-color", "--home", home, "jq"]).exitCode == 0)
        let export = Process()
        export.executableURL = URL(fileURLWithPath: EvlogBinary.path)
        export.arguments = ["export", "latest", format, "--home", home]
        export.environment = keyed.environment
        let errors = Pipe()
        export.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        export.standardError = errors
        try export.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        export.waitUntilExit()
        #expect(export.terminationStatus == 1, "\(said)")
        #expect(said.split(separator: "\n").count == 1 && said.contains("cannot write the output: No space left on device"), "\(said)")
    }

    /// `key generate` and a run's plan creation on a file system with room for some of what they write: the key pair is
    /// both files or neither, and `plans/` holds no log without a plan; each failure is one line.
    @Test func keyGenerateAndPlanCreationOnAFullDiskLeaveWholeOrAbsentFiles() async throws {
        let keyed = try KeyedHome.make()
        defer { keyed.home.remove() }
        let mounted = keyed.home.path + "/m"
        try FileManager.default.createDirectory(atPath: mounted, withIntermediateDirectories: true)
        guard VerifyRecordFailureTests.smallFileSystem(at: mounted) else {
            print("skipped: mounting a small tmpfs needs root and a kernel that allows it")
            return
        }
        defer { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [mounted]).waitUntilExit() }
        var environment = keyed.environment
        environment["XDG_CONFIG_HOME"] = mounted + "/cfg"
        // Left free: nothing, then a KiB more each round, so each write in turn meets the full disk.
        for left in 0...6 {
            try? FileManager.default.removeItem(atPath: mounted + "/cfg")
            try? FileManager.default.removeItem(atPath: mounted + "/h")
            try Self.fill(mounted, leaving: left * 1024)
            let generated = try await Evlog.run(["key", "generate"], environment: environment, mergeStandardError: true)
            let keys = Set((try? FileManager.default.contentsOfDirectory(atPath: mounted + "/cfg/evlog")) ?? []).intersection(["host.key", "host.pub"])
            #expect(keys.isEmpty || keys.count == 2, "left \(left) KiB: \(keys) \(generated.stdout)")
            #expect(generated.exitCode == 0 || generated.stdout.split(separator: "\n").count == 1, "\(generated.stdout)")
            try Self.fill(mounted, leaving: left * 1024)
            let ran = try await Evlog.run(["run", "--home", mounted + "/h", "--no-color", "--", "true"], environment: environment, mergeStandardError: true)
            let plans = ((try? FileManager.default.contentsOfDirectory(atPath: mounted + "/h/plans")) ?? []).filter { $0.hasSuffix(".evlog") }
            if ran.exitCode != 0, plans.isEmpty {
                #expect(ran.stdout.split(separator: "\n").count == 1, "left \(left) KiB: \(ran.stdout)")
            } else if ran.exitCode != 0 {
                // A log left in plans/ holds its plan (stopped on the way, to resume), never just a header.
                let status = try await Evlog.run(["status", "latest", "--home", mounted + "/h"], environment: environment, mergeStandardError: true)
                #expect(status.exitCode == 0, "left \(left) KiB: \(plans) \(ran.stdout) \(status.stdout)")
            }
        }
    }

    /// Fills the file system at `directory` (its file `fill`) until `bytes` are left free.
    static func fill(_ directory: String, leaving bytes: Int) throws {
        let path = directory + "/fill"
        try? FileManager.default.removeItem(atPath: path)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let fill = try #require(FileHandle(forWritingAtPath: path))
        while (try? fill.write(contentsOf: Data(count: 1024))) != nil {}
        try fill.truncate(atOffset: max(0, try fill.offset() - UInt64(bytes)))
        try fill.close()
    }
}
