import Foundation
import Glibc
import InstallModel
import Testing

@testable import Server

/// `/fleet` over a bundles directory that holds files that are no evlog bundle: each is named in a row
/// ("not an evlog bundle: NAME"), none of its bytes shown, the page counts "N of M bundles", and its own
/// page is a 422 saying so, not a 500. A bundle is summarised again only when its file changes.
@Suite struct FleetFilesTests {
    static func fleet(_ recorded: RecordedPlan) -> (router: Router, bundles: String) {
        let bundles = recorded.home + "/bundles"
        let configuration = ServeConfiguration(home: recorded.home, bundles: bundles, simulationFixtureSet: nil, executable: "/bin/false")
        return (Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port)), bundles)
    }

    static func page(_ router: Router, _ path: String) async throws -> (status: Int, text: String) {
        let response = await router.respond(AccessTests.request(path, headers: [AccessTests.bearer]))
        return (response.status, try await SplitSecretTests.body(response))
    }

    @Test(arguments: [UInt64(41), 42, 43])
    func filesThatAreNoBundleAreNamedNotQuoted(seed: UInt64) async throws {
        let recorded = try RecordedPlan(seed: seed)
        try recorded.finish()
        let (router, bundles) = Self.fleet(recorded)
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: recorded.log.path, toPath: bundles + "/good.evb")
        var generator = SplitMix64(seed: seed)
        let magic: [UInt8] = [0x89, 0x65, 0x76, 0x6C, 0x6F, 0x67, 0x0D, 0x0A]
        var strangers: [String: [UInt8]] = [:]
        for index in 0..<(2 + Int(generator.next() % 4)) {
            // Text, random bytes, or the start of the magic and then something else; some empty.
            let length = Int(generator.next() % 64)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() % 26) + UInt8(ascii: "A") }
            if generator.next() % 2 == 0 { bytes = Array(magic.prefix(Int(generator.next() % 8))) + bytes }
            let name = "stranger\(index)"
            strangers[name] = bytes
            try Data(bytes).write(to: URL(fileURLWithPath: bundles + "/\(name)" + (index % 2 == 0 ? ".evb" : ".evlog")))
        }
        let (status, page) = try await Self.page(router, "/fleet")
        #expect(status == 200)
        #expect(page.contains("1 of \(strangers.count + 1) bundles"))
        #expect(page.contains("Done (1 of 1 host)"))
        for (name, bytes) in strangers {
            #expect(page.contains("not an evlog bundle: \(name)"))
            #expect(!page.contains("/fleet/\(name)"), "a file that is no bundle is linked as one")
            let hex = bytes.prefix(4).map { String(format: "%02x", $0) }.joined(separator: " ")
            if bytes.count >= 4 { #expect(!page.contains(hex), "\(name)'s bytes are on the page") }
            let own = try await Self.page(router, "/fleet/\(name)")
            #expect(own.status == 422 && own.text.contains("not an evlog bundle: \(name)"))
        }
        #expect(!page.contains(bundles), "the page shows the server's directory")
    }

    /// A bundle edited in place, one byte flipped anywhere, with its inode, size and modification time as they
    /// were (serve16 #11), is summarised again from its new bytes: never "done" for bytes not checked. An
    /// unchanged one is not summarised again.
    @Test(arguments: [UInt64(44), 45, 46, 47])
    func aBundleIsSummarisedAgainWhenItsBytesChange(seed: UInt64) async throws {
        let recorded = try RecordedPlan(seed: seed)
        try recorded.finish()
        let (router, bundles) = Self.fleet(recorded)
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        let path = bundles + "/host.evb"
        try FileManager.default.copyItem(atPath: recorded.log.path, toPath: path)
        #expect(try await Self.page(router, "/fleet").text.contains("Done (1 of 1 host)"))
        #expect(try await Self.page(router, "/fleet").text.contains("Done (1 of 1 host)"))
        #expect(router.fleetSummaries.summariesMade == 1, "an unchanged bundle was summarised again")
        var status = stat()
        lstat(path, &status)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        var generator = SplitMix64(seed: seed)
        let flipped = Int(generator.next() % UInt64(bytes.count))
        bytes[flipped] ^= UInt8(1 << (generator.next() % 8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        var times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        lstat(path, &after)
        #expect(after.st_ino == status.st_ino && after.st_size == status.st_size && after.st_mtim.tv_nsec == status.st_mtim.tv_nsec)
        let changed = try await Self.page(router, "/fleet").text
        #expect(!changed.contains("Done (1 of 1 host)"), "byte \(flipped) flipped, the fleet page still says done")
        #expect(router.fleetSummaries.summariesMade == 2)
    }
}
