import Foundation
import Testing

/// The default simulation fixtures, the catalog and the diagnosis rules ship with the binary: a copy
/// of evlog and its resource bundles, far from the source tree, simulates an install.
@Suite struct BundledFixturesTests {
    @Test func aCopiedBinarySimulatesAnInstallOutsideTheSourceTree() async throws {
        let scratch = try TemporaryDirectory.make(prefix: "evlog-bundled")
        defer { TemporaryDirectory.remove(scratch) }
        for folder in ["bin", "cwd", "home"] {
            try FileManager.default.createDirectory(atPath: scratch + "/" + folder, withIntermediateDirectories: true)
        }
        for item in [EvlogBinary.path] + EvlogBinary.resourceBundles {
            try FileManager.default.copyItem(atPath: item, toPath: scratch + "/bin/" + (item as NSString).lastPathComponent)
        }
        #expect(FileManager.default.fileExists(atPath: scratch + "/bin/evlog_SimulatorFixtures.resources/sim/default"))
        // Neither the working directory nor the binary's directory has a Fixtures/ above it.
        let outcome = try await ChildProcess.run(
            [scratch + "/bin/evlog", "install", "--simulate", "--yes", "ripgrep", "--home", scratch + "/home"],
            environment: Evlog.testEnvironment(), workingDirectory: scratch + "/cwd")
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(outcome.stdout.contains("ripgrep"), "\(outcome.stdout)")
        // A fault's recorded failure output comes from the bundled Fixtures/failures.
        let faulted = try await ChildProcess.run(
            [scratch + "/bin/evlog", "install", "--simulate", "--yes", "ripgrep", "--fault", "verify-ripgrep=fail:network-unreachable",
             "--home", scratch + "/home"],
            environment: Evlog.testEnvironment(), workingDirectory: scratch + "/cwd")
        #expect(faulted.exitCode == 1, "\(faulted.allOutput)")
        #expect(faulted.stdout.contains("why: network-unreachable"), "\(faulted.stdout)")
    }

    /// `./.build/debug/evlog install --simulate …`, as a developer types it: a relative program path
    /// (the parents of "." once ended in a Foundation trap while looking for Fixtures/).
    @Test func aBinaryRunByARelativePathSimulatesAnInstall() async throws {
        let scratch = try TemporaryDirectory.make(prefix: "evlog-relative")
        defer { TemporaryDirectory.remove(scratch) }
        try FileManager.default.createDirectory(atPath: scratch + "/bin", withIntermediateDirectories: true)
        for item in [EvlogBinary.path] + EvlogBinary.resourceBundles {
            try FileManager.default.copyItem(atPath: item, toPath: scratch + "/bin/" + (item as NSString).lastPathComponent)
        }
        // Only a shell's `exec` keeps argv[0] relative; the directory and home are its positional parameters.
        let outcome = try await ChildProcess.run(
            ["/bin/sh", "-c", "cd \"$1\" && exec ./bin/evlog install --simulate --yes ripgrep --home \"$1/home\"", "sh", scratch],
            environment: Evlog.testEnvironment(), workingDirectory: scratch)
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(outcome.stdout.contains("ripgrep"), "\(outcome.stdout)")
    }
}
