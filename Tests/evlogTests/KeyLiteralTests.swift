import Foundation
import Testing

/// `--key` given as base64 is that key (integrity20 #4): a file in the current directory named as the trusted key's
/// base64, holding another host's key, does not stand in for it.
@Suite struct KeyLiteralTests {
    @Test func aKeyWrittenOutIsThatKeyWhateverFileIsNamedAsIt() async throws {
        let trusted = try KeyedHome.make(mergeStandardError: false, noColor: true)
        defer { trusted.home.remove() }
        let other = try KeyedHome.make(mergeStandardError: false, noColor: true)
        defer { other.home.remove() }
        #expect(try await trusted.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await other.evlog(["key", "generate"]).exitCode == 0)
        let trustedKey = try String(contentsOfFile: trusted.publicKey, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let plan = try await other.failedPlan()
        let bundle = other.home.path + "/other.evb"
        #expect(try await other.evlog(["bundle", plan, "-o", bundle, "--home", other.home.path]).exitCode == 0)
        // The planted file: the trusted key's base64 as a path (its '/' make directories), holding the other key.
        let directory = other.home.path + "/cwd"
        let planted = directory + "/" + trustedKey
        try FileManager.default.createDirectory(
            atPath: (planted as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: other.publicKey, toPath: planted)
        let verified = try await Evlog.run(
            ["verify", bundle, "--key", trustedKey, "--home", other.home.path, "--no-color"], environment: other.environment,
            workingDirectory: directory)
        #expect(verified.exitCode != 0, "the other host's bundle verified with the trusted key's text: \(verified.allOutput)")
        let byItsOwnKey = try await Evlog.run(
            ["verify", bundle, "--key", other.publicKey, "--home", other.home.path, "--no-color"], environment: other.environment,
            workingDirectory: directory)
        #expect(byItsOwnKey.exitCode == 0, "\(byItsOwnKey.allOutput)")
    }
}
