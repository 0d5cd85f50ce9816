import Foundation
import Testing

/// Every remedy the diagnosis offers for a simulated failure, each applied in a home of its own to a plan that
/// failed the same way, then the remedied plan reproduced (issue 26: remediated runs reproduce).
enum RemedySweep {
    /// One remedy applied to a failed plan, and `reproduce --check` of the result.
    struct Applied {
        var remedy: String
        var plan: String
        var home: EvlogHome
        var remedied: ChildOutcome
        var reproduced: ChildOutcome
    }

    /// The ids of the remedies `evlog remedy --json` offers for the plan's failed steps.
    static func offered(_ plan: String, home: EvlogHome) async throws -> [String] {
        let listed = try await Evlog.run(["remedy", plan, "--json", "--home", home.path])
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.allOutput)")
        return steps.flatMap { ($0["remediations"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
    }

    /// Runs `evlog install --simulate=synthetic --yes` with `install` (a fault and the tools), takes the remedies
    /// offered for its failure, and for each: applies the remedy to the failed plan in a copy of its home, reproduces
    /// the plan and hands the result to `check` (the copy is removed after it). Returns the remedies offered.
    /// `sparing` names remedies offered but not applied (another case of the caller's applies them).
    @discardableResult
    static func eachRemedy(install: [String], sparing: Set<String> = [], check: (Applied) async throws -> Void) async throws -> [String] {
        let failed = try await failedPlan(install)
        defer { failed.home.remove() }
        let remedies = try await offered(failed.plan, home: failed.home)
        for remedy in remedies where !sparing.contains(remedy) {
            let scratch = try TemporaryDirectory.make(prefix: "evlog-remedy")
            defer { TemporaryDirectory.remove(scratch) }
            let home = EvlogHome(path: scratch + "/home")
            try FileManager.default.copyItem(atPath: failed.home.path, toPath: home.path)
            // The copy stands for the home restored from a backup, the original gone: without the place the original's id
            // was made in, it records its own, and its plans are its to continue (HomeIdentity.copiedFrom).
            try? FileManager.default.removeItem(atPath: home.path + "/home-place")
            let plan = failed.plan
            let remedied = try await Evlog.run(["remedy", plan, remedy, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
            let reproduced = try await Evlog.run(["reproduce", "--check", "--no-color", plan, "--home", home.path], mergeStandardError: true)
            try await check(Applied(remedy: remedy, plan: plan, home: home, remedied: remedied, reproduced: reproduced))
        }
        return remedies
    }

    /// A fresh home holding the one plan `install` left, which failed.
    private static func failedPlan(_ install: [String]) async throws -> (home: EvlogHome, plan: String) {
        let home = try EvlogHome.make()
        let ran = try await Evlog.run(["install", "--simulate=synthetic", "--yes", "--no-color", "--home", home.path] + install)
        #expect(ran.exitCode == 1, "\(install): \(ran.allOutput)")
        guard let plan = home.onlyPlan() else {
            home.remove()
            throw EvlogTestError.unexpectedOutput("\(install) left no single plan: \(ran.allOutput)")
        }
        return (home, plan)
    }
}
