import Catalog
import InstallModel
import Testing

/// An archive that offers `offered` for every apt package, has `installed` installed, and whose dry run refuses
/// `refused` pins with apt's words.
private struct Archive: PackageVersionProbe {
    var offered: [String]
    var installed: String?
    var refused: [String: String] = [:]

    func availableVersions(manager: PackageManager, package: String) -> [String]? { manager == .apt ? offered : nil }
    func installedVersion(manager: PackageManager, package: String) -> String? { manager == .apt ? installed : nil }
    func installProblem(manager: PackageManager, packages: [String]) -> String? { packages.compactMap { refused[$0] }.first }
}

private func plan(_ request: String, _ archive: Archive, method: String? = nil) throws(CatalogError) -> Plan {
    try TestSupport.plan([request], on: "debian-container", options: ResolveOptions(method: method, packageVersions: archive))
}

private func pins(_ plan: Plan) -> [String] {
    plan.steps.flatMap { step -> [String] in
        switch step.action {
        case .packages(let p): p.packages
        case .tool(let p): p.package.map { [$0] } ?? []
        default: []
        }
    }
}

/// Versions as each manager writes them are accepted where that manager accepts them (truth11 F1, F2): Debian's
/// `epoch:upstream-revision` exactly as dpkg prints it, and zero-padded calendar components (yt-dlp's `2024.03.10`,
/// p7zip's `16.02`) that dpkg and PEP 440 compare as numbers. Generated versions.
struct VersionGrammarTests {
    static let seeds: [UInt64] = Array(1...60)

    /// `a.b.c-0+deb12uN` with an epoch: the full version typed as dpkg prints it pins that version; a wrong epoch is
    /// refused; no epoch matches the same version. The refusal never lists the asked version as one the archive has.
    @Test(arguments: seeds)
    func anEpochVersionAsDpkgPrintsItIsPinned(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let epoch = 1 + Int(random.next() % 3)
        let upstream = (0..<3).map { _ in String(random.next() % 40) }.joined(separator: ".")
        let versions = (2...3).map { "\(epoch):\(upstream)-0+deb12u\($0)" }
        let archive = Archive(offered: versions.reversed())
        for version in versions {
            #expect(pins(try plan("tree@" + version, archive)) == ["tree=" + version], "\(version)")
            #expect(pins(try plan("tree@" + version.drop { $0 != ":" }.dropFirst(), archive)) == ["tree=" + version], "\(version)")
            let wrong = "\(epoch + 1):" + version.drop { $0 != ":" }.dropFirst()
            do {
                _ = try plan("tree@" + wrong, archive)
                Issue.record("\(wrong) was accepted")
            } catch {
                #expect(error.description.contains("tree \(wrong) is not available") && !error.description.contains("has \(wrong)"), "\(error)")
            }
        }
        // Only a package manager has an epoch: pipx is refused with the reason.
        #expect(throws: CatalogError.self) { try plan("black@1:24.2.0", archive, method: "pipx") }
    }

    /// Zero-padded components: accepted, pinned as each manager reads them (pipx by PEP 440's normal form, apt by
    /// the archive's own version), and the verify step asks for the same number.
    @Test(arguments: seeds)
    func zeroPaddedComponentsAreAVersion(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let numbers = (0..<3).map { _ in Int(random.next() % 12) }
        let padded = numbers.enumerated().map { $0.offset > 0 && $0.element < 10 ? "0\($0.element)" : String($0.element) }.joined(separator: ".")
        let normal = numbers.map(String.init).joined(separator: ".")
        let pipx = try plan("yt-dlp@" + padded, Archive(offered: []), method: "pipx")
        #expect(pins(pipx).filter { $0.hasPrefix("yt-dlp") } == ["yt-dlp==" + normal], "\(padded)")
        #expect(pipx.notes.contains { $0.contains("pipx asks its index for \(normal);") }, "\(pipx.notes)")
        let verify = pipx.steps.compactMap { if case .verify(let p) = $0.action { p } else { nil } }.first
        #expect(verify?.namesRequestedVersion("\(padded)\n") == true, "\(String(describing: verify))")
        let series = padded.split(separator: ".").prefix(2).joined(separator: ".")
        let archive = Archive(offered: ["\(padded)+really9.9+dfsg-0+deb12u1"])
        #expect(pins(try plan("tree@" + series, archive)) == ["tree=\(padded)+really9.9+dfsg-0+deb12u1"], "\(series)")
    }

    /// The installed version, gone from the archive, is "already installed, left alone", not "not available" (F5).
    @Test func theInstalledVersionTheArchiveNoLongerHasIsLeftAlone() throws {
        let archive = Archive(offered: ["7.88.1-10+deb12u15", "7.88.1-10+deb12u5"], installed: "7.88.1-10+deb12u14")
        let left = try plan("tree@7.88.1-10+deb12u14", archive)
        #expect(left.steps.allSatisfy { $0.kind != .packages }, "\(pins(left))")
        #expect(left.notes.contains { $0.contains("already installed (tree 7.88.1-10+deb12u14), left alone") }, "\(left.notes)")
    }

    /// Another version than the installed one: the plan names the version it replaces and a downgrade as such
    /// (F4, F6); one apt's dry run cannot install (jq's libjq1 pinned at the same version, F3) is refused before
    /// anything runs, in apt's words.
    @Test func aVersionChangeIsNamedAndOneAptCannotMakeIsRefused() throws {
        let archive = Archive(offered: ["1.6-2.1+deb12u3", "1.6-2.1+deb12u2"], installed: "1.6-2.1+deb12u3")
        let down = try plan("tree@1.6-2.1+deb12u2", archive)
        #expect(down.notes.contains { $0.contains("replaces the installed tree 1.6-2.1+deb12u3 with 1.6-2.1+deb12u2 (a downgrade)") }, "\(down.notes)")
        var refusing = archive
        let apt = "tree : Depends: libtree1 (= 1.6-2.1+deb12u2) but 1.6-2.1+deb12u3 is to be installed"
        refusing.refused = ["tree=1.6-2.1+deb12u2": apt]
        do {
            _ = try plan("tree@1.6-2.1+deb12u2", refusing)
            Issue.record("a pin apt cannot install was planned")
        } catch {
            #expect(error.description.contains("tree=1.6-2.1+deb12u2 cannot be installed here: " + apt), "\(error)")
        }
    }
}
