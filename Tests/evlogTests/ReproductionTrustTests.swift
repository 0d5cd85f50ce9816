import Foundation
import Testing

/// integrity18 #10: a reproduction is a simulation of someone's log, never a plan this host ran: `reproduce` does not
/// seal it with the host's key (an unsealed log reproduced came out host-sealed), and `bundle` refuses it.
@Suite("reproduction trust")
struct ReproductionTrustTests {
    @Test(arguments: [false, true])
    func aReproductionIsNeitherHostSealedNorBundled(sourceSealed: Bool) async throws {
        let host = try KeyedHome.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        let home = host.home.path
        if sourceSealed { #expect(try await host.evlog(["key", "generate"]).exitCode == 0) }
        _ = try await host.evlog(["install", "--simulate", "--yes", "--home", home, "jq"])
        let plan = try #require(host.home.onlyPlan())
        if !sourceSealed { #expect(try await host.evlog(["key", "generate"]).exitCode == 0) }

        let reproduced = try await host.evlog(["reproduce", plan, "--home", home])
        #expect(reproduced.exitCode == 0, "\(reproduced.allOutput)")
        let line = try #require(reproduced.stdout.split(separator: "\n").first { $0.hasPrefix("log: ") }, "\(reproduced.stdout)")
        let reproduction = String(line.dropFirst("log: ".count))
        let verified = try await host.evlog(["verify", reproduction, "--key", host.publicKey, "--home", home])
        #expect(verified.exitCode != 0 && verified.stdout.contains("not sealed"), "\(verified.allOutput)")
        let bundled = try await host.evlog(["bundle", reproduction, "-o", home + "/r.evb", "--home", home])
        #expect(bundled.exitCode == 2 && bundled.stderr.contains("is a reproduction"), "\(bundled.allOutput)")
        #expect(!FileManager.default.fileExists(atPath: home + "/r.evb"))
    }
}
