import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Only regular files are read as logs or outputs: a FIFO or a device given to any reading command is
/// one line and exit 2, never a hang; a file that is not a profile is bad input (exit 2).
@Suite(.serialized) struct HostileInputTests {
    @Test func fifoGivenToReadingCommandsIsRefusedWithoutHanging() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let fifo = home.path + "/pipe.evlog"
        try #require(mkfifo(fifo, 0o644) == 0)
        let commands: [[String]] = [
            ["verify", fifo], ["cat", fifo], ["status", fifo], ["replay", fifo, "--instant"], ["export", fifo, "--jsonl"],
            ["what-ran", fifo], ["critical-path", fifo], ["resume", fifo], ["diagnose", fifo],
            ["diagnose", "--output", fifo], ["import", fifo], ["profile", "--profile", fifo],
        ]
        for command in commands {
            let outcome = try await Evlog.run(command + ["--home", home.path], timeoutSeconds: 30)
            #expect(!outcome.timedOut, "\(command) hung on a FIFO")
            #expect(outcome.exitCode == 2, "\(command): \(outcome.allOutput)")
            #expect(outcome.stderr.contains("FIFO"), "\(command): \(outcome.stderr)")
        }
    }

    @Test func endlessDeviceAsOutputToDiagnoseIsRefused() async throws {
        let outcome = try await Evlog.run(["diagnose", "--output", "/dev/zero"], timeoutSeconds: 30)
        #expect(!outcome.timedOut)
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
    }

    @Test func randomBytesAsAProfileFileAreBadInput() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let file = home.path + "/random.bin"
        var generator = SystemRandomNumberGenerator()
        try Data((0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: file))
        let outcome = try await Evlog.run(["profile", "--profile", file])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(ChildOutcome.lines(outcome.stderr).count == 1, "\(outcome.stderr)")
    }
}
