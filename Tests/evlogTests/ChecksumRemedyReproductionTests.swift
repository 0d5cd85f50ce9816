import Foundation
import Testing

/// A release whose download fails its checksum (`--fault STEP=fail:checksum-mismatch` is met at the digest, as a
/// real mismatch is), then remedied with each remedy the diagnosis offers, reproduces: the failed attempt removed
/// the download, so every later attempt fetches it again, in the original and in the reproduction (repro12 F4: the
/// reproduction still had the removed archive and went straight to sha256sum).
struct ChecksumRemedyReproductionTests {
    static let fault = ["--fault", "release-doctl=fail:checksum-mismatch", "doctl"]

    /// The ids of the remedies `evlog remedy --json` offers for the plan's failed steps.
    static func offered(_ plan: String, home: EvlogHome) async throws -> [String] {
        let listed = try await Evlog.run(["remedy", plan, "--json", "--home", home.path])
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.allOutput)")
        return steps.flatMap { ($0["remediations"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
    }

    @Test func everyOfferedRemedyOfAChecksumMismatchReproduces() async throws {
        let first = try EvlogHome.make()
        defer { first.remove() }
        _ = try await Evlog.run(["install", "--simulate=synthetic", "--yes", "--no-color", "--home", first.path] + Self.fault)
        let remedies = try await Self.offered(try #require(first.onlyPlan()), home: first)
        #expect(remedies.contains("redownload") && remedies.contains("retry"), "\(remedies)")
        for remedy in remedies {
            let home = try EvlogHome.make()
            defer { home.remove() }
            let failed = try await Evlog.run(["install", "--simulate=synthetic", "--yes", "--no-color", "--home", home.path] + Self.fault)
            #expect(failed.exitCode == 1, "\(failed.allOutput)")
            let plan = try #require(home.onlyPlan())
            _ = try await Evlog.run(["remedy", plan, remedy, "--yes", "--no-color", "--home", home.path])
            let ran = try await Evlog.run(["what-ran", plan, "--no-color", "--home", home.path]).stdoutLines
            let fetched = ran.filter { $0.contains(" curl ") && $0.contains(".tar.gz") }.count
            let digested = ran.filter { $0.contains(" sha256sum ") }.count
            #expect(digested > 0 && fetched == digested, "\(remedy): every digest is of a fresh download: \(ran)")
            let reproduced = try await Evlog.run(["reproduce", "--check", "--no-color", plan, "--home", home.path], mergeStandardError: true)
            #expect(reproduced.exitCode == 0 && reproduced.stdout.contains("match the original"), "\(remedy): \(reproduced.stdout)")
        }
    }
}
