import Foundation
import InstallModel
import Testing

@testable import Catalog

/// Uninstall takes with an apt package what its install pulled in and nothing else needs, never what was
/// already unneeded before (the user's own leftovers).
struct AptUnneededTests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Fixtures/apt/\(name)"), encoding: .utf8)
    }

    /// Captured on a Debian 12 machine that had 47 packages unneeded already: removing jq leaves its two
    /// libraries unneeded, and only those go with it.
    @Test func removingJqTakesItsLibrariesAndLeavesWhatWasUnneededBefore() throws {
        let withDependencies = AptRemovalProbe.removedPackages(inSimulation: try Self.fixture("simulate-auto-remove-jq.txt"))
        let alreadyUnneeded = AptRemovalProbe.removedPackages(inSimulation: try Self.fixture("simulate-autoremove.txt"))
        #expect(withDependencies.count > 40 && alreadyUnneeded.count > 40, "the captured outputs list every Remv line")
        let unneeded = AptRemovalProbe.newlyUnneeded(removing: ["jq"], withDependencies: withDependencies, alreadyUnneeded: alreadyUnneeded)
        #expect(unneeded == ["libjq1", "libonig5"])
    }

    /// Generated: the tool's packages, what it pulled in, and earlier leftovers, interleaved in apt's output in a
    /// seeded order; only what it pulled in comes back.
    @Test(arguments: Array(UInt64(1)...100))
    func onlyWhatTheRemovalLeavesUnneededComesBack(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let names = (0..<Int(1 + random.next() % 30)).map { "pkg\($0)-\(random.next() % 1000)" }
        var tool: [String] = [], pulledIn: [String] = [], leftovers: [String] = []
        for name in names {
            switch random.next() % 3 {
            case 0: tool.append(name)
            case 1: pulledIn.append(name)
            default: leftovers.append(name)
            }
        }
        let both = (tool + pulledIn + leftovers).shuffled(using: &random)
        let line = { (name: String) in "Remv \(name) [1.0-\(random.next() % 9)]" }
        let withDependencies = AptRemovalProbe.removedPackages(inSimulation: "Reading package lists...\n" + both.map(line).joined(separator: "\n"))
        let alreadyUnneeded = AptRemovalProbe.removedPackages(inSimulation: leftovers.map(line).joined(separator: "\n") + "\n")
        let unneeded = AptRemovalProbe.newlyUnneeded(removing: tool, withDependencies: withDependencies, alreadyUnneeded: alreadyUnneeded)
        #expect(Set(unneeded) == Set(pulledIn), "seed \(seed)")
    }
}

/// An apt that cannot answer (dpkg locked by another apt, or failing) is an error, never "nothing else goes":
/// uninstall relies on it to refuse taking essential packages and other packages' dependencies.
struct AptRemovalUnansweredTests {
    @Test func aFailingSimulationThrowsWithAptsLastLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apt-unanswered-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = "#!/bin/sh\necho 'Reading package lists...'\necho 'E: Could not get lock /var/lib/dpkg/lock-frontend' >&2\nexit 100\n"
        #expect(FileManager.default.createFile(
            atPath: directory.path + "/apt-get", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755]))
        #expect(throws: AptRemovalProbe.Unanswered.self) { try AptRemovalProbe.removal(["jq"], searchPath: directory.path) }
        do {
            _ = try AptRemovalProbe.removal(["jq"], searchPath: directory.path)
        } catch let unanswered as AptRemovalProbe.Unanswered {
            #expect(unanswered.reason.contains("exited 100") && unanswered.reason.contains("Could not get lock"), "\(unanswered)")
        }
        #expect(AptRemovalProbe.alsoRemoved(["jq"], searchPath: directory.path) == nil)
    }

    @Test func noAptGetIsNoAnswerToGive() throws {
        #expect(try AptRemovalProbe.removal(["jq"], searchPath: "/nonexistent-\(UUID().uuidString)") == nil)
    }
}
