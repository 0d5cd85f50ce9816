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
}
