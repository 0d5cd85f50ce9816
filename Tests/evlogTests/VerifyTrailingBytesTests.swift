import Foundation
import Testing

/// integrity13 #13: a bundle with bytes after its final seal failed `verify --key`, but its JSON said `"covered": true,
/// "why": null` and its text "nothing after it": what a script reads now says the bytes are not covered.
struct VerifyTrailingBytesTests {
    @Test(arguments: [1, 4096])
    func bytesAfterABundlesFinalSealAreNotCovered(count: Int) async throws {
        let keyed = try KeyedHome.make(mergeStandardError: false)
        defer { keyed.home.remove() }
        let home = keyed.home.path
        #expect(try await keyed.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await keyed.evlog(["install", "--simulate", "--yes", "--no-color", "--home", home, "jq"]).exitCode == 0)
        let bundle = home + "/b.evb"
        #expect(try await keyed.evlog(["bundle", "latest", "-o", bundle, "--home", home]).exitCode == 0)
        let whole = try await keyed.evlog(["verify", bundle, "--key", keyed.publicKey, "--home", home, "--json"])
        #expect(whole.exitCode == 0 && whole.stdout.contains(#""covered": true"#), "\(whole.stdout)")

        let file = try #require(FileHandle(forWritingAtPath: bundle))
        try file.seekToEnd()
        try file.write(contentsOf: Data(count: count))
        try file.close()
        let verified = try await keyed.evlog(["verify", bundle, "--key", keyed.publicKey, "--home", home, "--json"])
        #expect(verified.exitCode == 1, "\(verified.stdout)")
        #expect(verified.stdout.contains(#""covered": false"#) && verified.stdout.contains(#""why": "damaged""#), "\(verified.stdout)")
        #expect(verified.stdout.contains("\(count) bytes after it are not a valid block"), "\(verified.stdout)")
    }
}
