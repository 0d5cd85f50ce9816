import Foundation
import Testing

/// Damage never costs bytes: resume moves the cut part aside before cutting, refuses without touching
/// a log whose kept part would hold no plan, and `status`/`list` name the damage instead of advising
/// a blind resume.
@Suite(.serialized) struct HostileDamageTests {
    /// A recorded `evlog run` of a command with a lot of output, and its log's bytes.
    static func recordedLog(_ home: EvlogHome) async throws -> (plan: String, path: String, bytes: [UInt8]) {
        let outcome = try await Evlog.run(["run", "--home", home.path, "--no-color", "--", "sh", "-c", "seq 1 300000"])
        try #require(outcome.exitCode == 0, "\(outcome.stderr)")
        let plan = try #require(home.onlyPlan())
        let path = home.path + "/plans/" + plan + ".evlog"
        return (plan, path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Flips one bit at `offset` of `original` and writes the result to `path`; returns the damaged bytes.
    static func flipBit(of original: [UInt8], at offset: Int, writingTo path: String) throws -> [UInt8] {
        var damaged = original
        damaged[offset] ^= 0x10
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        return damaged
    }

    /// Offsets of the block markers ("EVBK") in a log.
    static func blockOffsets(_ bytes: [UInt8]) -> [Int] {
        (0..<(bytes.count - 3)).filter { bytes[$0] == 0x45 && bytes[$0 + 1] == 0x56 && bytes[$0 + 2] == 0x42 && bytes[$0 + 3] == 0x4B }
    }

    @Test func resumeOfADamagedLogKeepsEveryByte() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (plan, path, original) = try await Self.recordedLog(home)
        let blocks = Self.blockOffsets(original)
        try #require(blocks.count > 4, "the log has only \(blocks.count) blocks")
        let damaged = try Self.flipBit(of: original, at: blocks[blocks.count / 2] + 100, writingTo: path)

        let status = try await Evlog.run(["status", plan, "--home", home.path, "--no-color"])
        #expect(status.stdout.contains("damaged at byte"), "\(status.stdout)")
        #expect(!status.stdout.contains("continue with: evlog resume"), "\(status.stdout)")

        let resume = try await Evlog.run(["resume", plan, "--yes", "--home", home.path, "--no-color"])
        let names = try FileManager.default.contentsOfDirectory(atPath: home.path + "/plans")
        let saved = try #require(names.first { $0.hasPrefix(plan + ".evlog.damaged-") }, "no .damaged file in \(names); \(resume.stderr)")
        let side = Array(try Data(contentsOf: URL(fileURLWithPath: home.path + "/plans/" + saved)))
        let cut = damaged.count - side.count
        let log = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(damaged[cut...]) == side, "the saved file is not the cut tail")
        #expect(Array(log.prefix(cut)) == Array(damaged.prefix(cut)), "the kept part changed")
        #expect(resume.stderr.contains("moved the \(side.count) bytes after it to \(home.path)/plans/\(saved)"), "\(resume.stderr)")
        #expect(!resume.stderr.contains("RecoveryReport("), "\(resume.stderr)")
    }

    @Test func resumeRefusesWithoutTouchingALogWhoseKeptPartHoldsNoPlan() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (plan, path, original) = try await Self.recordedLog(home)
        let blocks = Self.blockOffsets(original)
        let damaged = try Self.flipBit(of: original, at: blocks[0] + 60, writingTo: path)

        let resume = try await Evlog.run(["resume", plan, "--yes", "--home", home.path, "--no-color"])
        #expect(resume.exitCode == 2, "\(resume.stderr)")
        #expect(resume.stderr.contains("damaged at byte \(blocks[0])"), "\(resume.stderr)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == damaged, "the log was changed")
        let names = try FileManager.default.contentsOfDirectory(atPath: home.path + "/plans")
        #expect(!names.contains { $0.contains(".damaged-") }, "\(names)")
    }

    /// A sealed log damaged after a seal this home saw cannot be continued (steps would run again): `status` says so
    /// rather than advising the `resume` that refuses it.
    @Test func statusOfADamagedLogPastASeenSealAdvisesNoResume() async throws {
        let host = try KeyedHome.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        _ = try await host.evlog(["install", "--simulate", "--yes", "--home", host.home.path, "--crash-at-event", "30", "ripgrep"])
        let plan = try #require(host.home.onlyPlan())
        let path = host.home.path + "/plans/" + plan + ".evlog"
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        _ = try Self.flipBit(of: original, at: original.count - 40, writingTo: path)

        let resume = try await host.evlog(["resume", plan, "--yes", "--home", host.home.path])
        try #require(resume.exitCode == 2 && resume.stderr.contains("already seen here"), "\(resume.allOutput)")
        let status = try await host.evlog(["status", plan, "--home", host.home.path])
        #expect(status.stdout.contains("damaged at byte") && status.stdout.contains("`evlog resume` refuses it"), "\(status.stdout)")
        #expect(!status.stdout.contains("evlog resume \(plan)"), "\(status.stdout)")
    }

    @Test func verifySaysWhatItCheckedAndWhatFollowsTheDamage() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (_, path, original) = try await Self.recordedLog(home)
        let blocks = Self.blockOffsets(original)
        _ = try Self.flipBit(of: original, at: blocks[2] + 100, writingTo: path)
        let verify = try await Evlog.run(["verify", path])
        #expect(verify.exitCode == 1)
        #expect(verify.stdout.contains("checked records 0-"), "\(verify.stdout)")
        #expect(verify.stdout.contains("intact blocks"), "\(verify.stdout)")
    }
}
