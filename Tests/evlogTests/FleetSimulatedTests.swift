import Foundation
import Testing

@testable import Server

/// integrity20 #6: a bundle of a simulated install (`install --simulate`, then `bundle`) changed nothing on its host. On
/// both fleet pages (`export --fleet-html` and `serve`'s `/fleet`) it is shown apart, "Simulated (n of N hosts): nothing
/// installed", counted neither done nor failed, its tools installed nowhere; so is a reproduction (`evlog reproduce`).
@Suite struct FleetSimulatedTests {
    /// web1 ran `true` for real; web2's ripgrep install was simulated. Both bundles verify against the keyring, and the
    /// pages count one host done, one simulated, and ripgrep installed on none.
    @Test func aSimulatedBundleBesideARealOneIsCountedApartOnBothPages() async throws {
        let fleet = try await FleetKeyringTests.Fleet.make()
        defer { fleet.remove() }
        try await fleet.bundle(fleet.web1, running: ["true"], to: fleet.bundles + "/web1.evb")
        try await Self.simulate(fleet.web2, "--simulate", bundle: fleet.bundles + "/web2.evb")

        let exported = try await fleet.page()
        #expect(exported.contains("2 of 2 bundles · 1 done · 0 failed · 0 other · 1 simulated · 0 not verified"), "\(exported)")
        #expect(exported.contains("Done (1 of 2 hosts)") && exported.contains("Simulated (1 of 2 hosts): nothing installed"), "\(exported)")
        #expect(exported.contains("done, simulated"), "\(exported)")
        #expect(exported.contains("ripgrep: installed on 0 of 2 hosts"), "\(exported)")

        let configuration = ServeConfiguration(home: fleet.web1.home.path, bundles: fleet.bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: FleetServeKeyringTests.token, listenHost: "127.0.0.1", port: 8080))
        let served = try await FleetServeKeyringTests.get(router, "/fleet")
        #expect(Self.counts(served) == Self.counts(exported), "\(served)")
        #expect(Self.counts(served).count == 5, "\(Self.counts(served))")
    }

    /// Without a keyring: a simulated install that failed (dpkg-interrupted) and a reproduction of its bundle are no
    /// failure of their hosts: both are listed as simulated, with the status each claims, and no "Failed:" heading.
    @Test func aFailedSimulationAndAReproductionAreNeitherFailedNorInstalled() async throws {
        let fleet = try await FleetKeyringTests.Fleet.make()
        defer { fleet.remove() }
        try FileManager.default.removeItem(atPath: fleet.keys)
        try await fleet.bundle(fleet.web1, running: ["true"], to: fleet.bundles + "/web1.evb")
        try await Self.simulate(fleet.web2, "--simulate=dpkg-interrupted", bundle: fleet.bundles + "/web2.evb")
        let elsewhere = fleet.web2.home.path + "/reproducing"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let reproduce = try await fleet.web2.evlog(["reproduce", fleet.bundles + "/web2.evb", "--home", elsewhere])
        #expect(reproduce.stdout.contains("outputs match the original"), "\(reproduce.stdout)")
        let reproductions = elsewhere + "/reproductions"
        let reproduced = try #require(try FileManager.default.contentsOfDirectory(atPath: reproductions).first { $0.hasSuffix(".evlog") })
        try FileManager.default.copyItem(atPath: reproductions + "/" + reproduced, toPath: fleet.bundles + "/web3.evlog")

        let page = try await fleet.page()
        #expect(page.contains("3 of 3 bundles · 1 done · 0 failed · 0 other · 2 simulated · 0 not verified"), "\(page)")
        #expect(page.contains("Simulated (2 of 3 hosts): nothing installed") && !page.contains("Failed: "), "\(page)")
        #expect(page.contains("failed, simulated") && page.contains("failed, reproduction"), "\(page)")
        #expect(page.contains("ripgrep: installed on 0 of 3 hosts"), "\(page)")
    }

    /// `install SIMULATE --yes ripgrep` on `host`, its plan bundled to `bundle`.
    static func simulate(_ host: KeyedHome, _ simulate: String, bundle: String) async throws {
        _ = try await host.evlog(["install", simulate, "--yes", "--no-color", "--home", host.home.path, "ripgrep"])
        let bundled = try await host.evlog(["bundle", "latest", "-o", bundle, "--home", host.home.path])
        #expect(bundled.exitCode == 0, "\(bundled.stdout)")
    }

    /// A page's counting lines, its tags removed: the header, the headings and the tools.
    static func counts(_ page: String) -> [String] {
        page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            $0.hasPrefix("Fleet: ") || $0.contains(" bundles · ") || $0.contains(" hosts)") || $0.contains(": installed on ")
        }
    }
}
