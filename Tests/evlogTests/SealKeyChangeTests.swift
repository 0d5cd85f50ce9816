import Foundation
import Testing

/// What a host whose key is gone or replaced can do with the logs it sealed (Docs/FORMAT.md §9.3–9.5).
@Suite("seals across a key change")
struct SealKeyChangeTests {
    /// A crashed plan sealed by a key since replaced (`key generate --force`) cannot be continued under another
    /// key, and the refusal says so, with or without `--key OLD`, instead of advising what cannot work.
    @Test func aCrashedPlanOfAReplacedKeySaysItCannotBeContinuedHere() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await host.evlog(
            ["install", "--simulate", "--yes", "--no-color", "--home", host.home.path, "--crash-at-event", "12", "ripgrep"]).exitCode != 0)
        let plan = try #require(host.home.onlyPlan())
        let old = host.home.path + "/old.pub"
        try FileManager.default.copyItem(atPath: host.publicKey, toPath: old)
        #expect(try await host.evlog(["key", "generate", "--force"]).exitCode == 0)
        for extra in [[], ["--key", old]] {
            let resumed = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", host.home.path] + extra)
            #expect(resumed.exitCode == 2, "\(extra): \(resumed.stdout)")
            #expect(resumed.stdout.contains("a log is sealed by one key until it is closed, so only the key that began it can continue it"),
                    "\(extra): \(resumed.stdout)")
            #expect(!resumed.stdout.contains("with --key PUB"), "\(extra): \(resumed.stdout)")
        }
    }

    /// A bundle made on a host without a key is written, says so on stderr, and verifies as unsealed, not forged.
    @Test func aBundleWithoutAHostKeySaysItIsUnsealed() async throws {
        let host = try KeyedHome.make(mergeStandardError: false)
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await host.evlog(["install", "--simulate", "--yes", "--no-color", "--home", host.home.path, "ripgrep"]).exitCode == 0)
        let plan = try #require(host.home.onlyPlan())
        let old = host.home.path + "/old.pub"
        try FileManager.default.moveItem(atPath: host.publicKey, toPath: old)
        try FileManager.default.removeItem(atPath: host.config + "/evlog/host.key")

        let bundle = host.home.path + "/host.evb"
        let bundled = try await host.evlog(["bundle", plan, "-o", bundle, "--home", host.home.path])
        #expect(bundled.exitCode == 0, "\(bundled.stderr)")
        #expect(bundled.stderr == "evlog: no host key: the bundle is unsealed; run `evlog key generate`\n")
        let verified = try await host.evlog(["verify", bundle, "--key", old, "--no-color"])
        #expect(verified.exitCode == 1, "\(verified.stdout)")
        #expect(verified.stdout.contains("the bundle is unsealed"), "\(verified.stdout)")
        #expect(!verified.stdout.contains("forged"), "\(verified.stdout)")
    }
}
