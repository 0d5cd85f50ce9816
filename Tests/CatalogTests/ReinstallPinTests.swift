import Foundation
import InstallModel
import Testing

@testable import Catalog

/// A machine where curl 7.88.1-10+deb12u14 is installed and has left the archive (it offers deb12u15 and an older
/// security build), as on the Debian 12 machine the fixture was captured on, and jq is installed at a version the
/// archive still has. The dry run of a reinstall is the captured one for curl, none for jq.
private struct ArchiveLeftBehind: PackageVersionProbe {
    var simulation: String?
    func availableVersions(manager: PackageManager, package: String) -> [String]? {
        switch package {
        case "curl": ["7.88.1-10+deb12u15", "7.88.1-10+deb12u5"]
        case "jq": ["1.6-2.1+deb12u3", "1.6-2.1+deb12u2"]
        default: []
        }
    }
    func installedVersion(manager: PackageManager, package: String) -> String? {
        ["curl": "7.88.1-10+deb12u14", "jq": "1.6-2.1+deb12u2"][package]
    }
    func reinstallEffect(manager: PackageManager, packages: [String]) -> ReinstallEffect? {
        simulation.map(ReinstallEffect.parsingApt)
    }
}

/// `install --reinstall` of an installed apt tool installs exactly the installed version when the archive has it,
/// and otherwise says in the plan, before consent, every version it changes (truth10 F4: `--reinstall jq` upgraded
/// jq and libjq1 and the plan said "Install jq with apt").
struct ReinstallPinTests {
    static func reinstallPlan(_ tool: String, simulation: String?) throws -> Plan {
        var options = ResolveOptions(reinstall: true, method: "apt", packageVersions: ArchiveLeftBehind(simulation: simulation))
        options.pinsReinstalledVersions = true
        return try TestSupport.plan([tool], on: "debian-container", options: options)
    }

    static func packages(_ plan: Plan) -> [String] {
        plan.steps.flatMap { step -> [String] in if case .packages(let p) = step.action { p.packages } else { [] } }
    }

    @Test func theCapturedDryRunNamesEveryVersionChange() throws {
        let output = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Fixtures/apt/simulate-reinstall-curl.txt"), encoding: .utf8)
        let effect = ReinstallEffect.parsingApt(output)
        #expect(effect.changed.map(\.package) == ["curl", "libcurl4", "libcurl3-gnutls", "libcurl3-nss"])
        #expect(effect.changed.allSatisfy { $0.from == "7.88.1-10+deb12u14" && $0.to == "7.88.1-10+deb12u15" })
        #expect(effect.added.isEmpty && effect.removed.isEmpty)
    }

    /// Generated dry runs: reinstalls (same version), version changes, new packages and removals in a seeded order;
    /// each comes back as what it is.
    @Test(arguments: Array(UInt64(1)...60))
    func aDryRunIsReadLineByLine(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var lines = ["Reading package lists...", "The following packages will be upgraded:"]
        var expected = ReinstallEffect()
        for index in 0..<Int(random.next() % 12) {
            let name = "pkg\(index)"
            let from = "1.\(random.next() % 5)-\(random.next() % 3)"
            switch random.next() % 4 {
            case 0: lines.append("Inst \(name) [\(from)] (\(from) Debian:12.15/oldstable [amd64])")
            case 1:
                let to = from + "+b1"
                lines.append("Inst \(name) [\(from)] (\(to) Debian:12.15/oldstable [amd64]) []")
                expected.changed.append(PackageUpgrade(package: name, from: from, to: to))
            case 2:
                lines.append("Inst \(name) (\(from) Debian-Security:12/oldstable-security [all])")
                expected.added.append("\(name) \(from)")
            default:
                lines.append("Remv \(name) [\(from)]")
                expected.removed.append(name)
            }
            lines.append("Conf \(name) (\(from) Debian:12.15/oldstable [amd64])")
        }
        #expect(ReinstallEffect.parsingApt(lines.joined(separator: "\n") + "\n") == expected, "seed \(seed)")
    }

    @Test func aVersionTheArchiveStillHasIsReinstalledExactly() throws {
        let plan = try Self.reinstallPlan("jq", simulation: "Inst jq [1.6-2.1+deb12u2] (1.6-2.1+deb12u2 Debian:12.15/oldstable [amd64])\n")
        #expect(Self.packages(plan) == ["jq=1.6-2.1+deb12u2"])
        #expect(plan.notes.contains("jq: --reinstall installs the installed jq 1.6-2.1+deb12u2 again and changes no other package"), "\(plan.notes)")
    }

    @Test func aVersionThatLeftTheArchiveIsAnUpgradeThePlanNames() throws {
        let output = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Fixtures/apt/simulate-reinstall-curl.txt"), encoding: .utf8)
        let plan = try Self.reinstallPlan("curl", simulation: output)
        #expect(Self.packages(plan) == ["curl"])
        let note = try #require(plan.notes.first { $0.hasPrefix("curl: warning: --reinstall changes") }, "\(plan.notes)")
        #expect(note.contains("curl 7.88.1-10+deb12u14 is no longer in the archive"), "\(note)")
        for library in ["libcurl4", "libcurl3-gnutls", "libcurl3-nss"] {
            #expect(note.contains("\(library) 7.88.1-10+deb12u14→7.88.1-10+deb12u15"), "\(note)")
        }
        let unknown = try Self.reinstallPlan("curl", simulation: nil)
        #expect(unknown.notes.contains { $0.hasPrefix("curl: warning: curl 7.88.1-10+deb12u14 is no longer in the archive") }, "\(unknown.notes)")
    }

    @Test func withoutReinstallNothingIsPinned() throws {
        let plan = try TestSupport.plan(["jq"], on: "debian-container", options: ResolveOptions(method: "apt", packageVersions: ArchiveLeftBehind()))
        #expect(Self.packages(plan) == ["jq"])
        // `catalog` and `upgrade` resolve installed tools again with reinstall on: they ask apt nothing.
        let again = try TestSupport.plan(["jq"], on: "debian-container", options: ResolveOptions(reinstall: true, method: "apt", packageVersions: ArchiveLeftBehind()))
        #expect(Self.packages(again) == ["jq"])
    }
}
