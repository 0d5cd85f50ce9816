import Foundation
import Testing

@testable import Server

/// serve20 #1: `evlog serve --bundles` checks each bundle against the fleet's keyring (`bundles/keys/`) as
/// `export --fleet-html` does: a bundle of another host copied over a host's, and one sealed by a key in no keyring,
/// are not verified on `/fleet` and say why on their own page; the host's own bundle is done.
@Suite struct FleetServeKeyringTests {
    static let token = "fleet-serve-keyring-test-token"

    static func get(_ router: Router, _ path: String) async throws -> String {
        let request = ServerRequest(method: "GET", target: path, headers: [("Host", "127.0.0.1:8080"), ("Authorization", "Bearer \(token)")])
        let response = await router.respond(request)
        #expect(response.status == 200, "\(path)")
        guard case .bytes(let bytes) = response.body else { return "" }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'")
    }

    @Test(arguments: ["swapped", "stranger"])
    func theServedFleetChecksEachBundleAgainstItsHostsKey(_ case_: String) async throws {
        let fleet = try await FleetKeyringTests.Fleet.make()
        defer { fleet.remove() }
        try await fleet.bundle(fleet.web1, running: ["true"], to: fleet.bundles + "/web1.evb")
        if case_ == "swapped" {
            try FileManager.default.copyItem(atPath: fleet.bundles + "/web1.evb", toPath: fleet.bundles + "/web2.evb")
        } else {
            try await fleet.bundle(fleet.stranger, running: ["true"], to: fleet.bundles + "/web2.evb")
        }
        let configuration = ServeConfiguration(home: fleet.web1.home.path, bundles: fleet.bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: Self.token, listenHost: "127.0.0.1", port: 8080))
        let page = try await Self.get(router, "/fleet")
        #expect(page.contains("1 done") && page.contains("1 not verified"), "\(page)")
        let why = case_ == "swapped" ? "not this host's key: named for host web2, but sealed by web1" : "unverified: "
        #expect(page.contains(why), "\(page)")
        let web2 = try await Self.get(router, "/fleet/web2")
        #expect(web2.contains("Not verified as this host's bundle: ") && web2.contains(why), "\(web2.prefix(1500))")
        let web1 = try await Self.get(router, "/fleet/web1")
        #expect(!web1.contains("Not verified"), "\(web1.prefix(1500))")
    }
}
