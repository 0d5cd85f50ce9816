import Foundation
import InstallModel
import Testing

@testable import Diagnosis

/// Advice names what the failure names: the suite the apt source asks for (not this machine's codename), the
/// host of the URL, the unit, the file system that is full, the package a library is in.
@Suite struct DerivedValueTests {
    let catalog: RuleCatalog
    init() throws { catalog = try TestSupport.catalog() }

    static func word(_ random: inout SplitMix64) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return (0..<Int.random(in: 3...9, using: &random)).map { _ in String(letters.randomElement(using: &random)!) }.joined()
    }

    func summary(_ id: String, of diagnosis: Diagnosis) -> String {
        diagnosis.remediations.first { $0.id == id }?.summary ?? "(no \(id))"
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theRepositoryAdviceNamesTheSuiteOfTheFailingSourceLine(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<10 {
            let suite = Self.word(&random) + ["", "-updates", "-security"].randomElement(using: &random)!
            let host = Self.word(&random) + ".example.org"
            let line = "E: The repository 'https://\(host):8443/debian \(suite) Release' does not have a Release file."
            let diagnosis = try TestSupport.analyse(line, exitCode: 100, profile: TestSupport.profile())
            #expect(diagnosis.kind == .repoUnavailable)
            #expect(summary("check-repo-codename", of: diagnosis).contains("publishes \(suite) (this system is bookworm)"))
            #expect(DerivedValues.host(inURLOf: "https://user@\(host):8443/debian") == host)
            #expect(DerivedValues.suite(inRepository: "http://\(host)/debian/dists/\(suite)/InRelease") == suite)
        }
    }

    @Test func theNetworkAdviceNamesTheHostOfTheCommandWhenTheOutputDoesNot() throws {
        let diagnosis = try TestSupport.analyse(
            "curl: (7) Couldn't connect to server", exitCode: 7,
            command: ["curl -fsSL https://get.example.net/install.sh -o /tmp/i.sh"])
        #expect(diagnosis.kind == .networkUnreachable)
        #expect(summary("check-network", of: diagnosis).contains("getent hosts get.example.net"))
        let unknown = try TestSupport.analyse("Connection refused", exitCode: 1)
        #expect(summary("check-network", of: unknown) == "Check DNS, proxy and firewall for the server (try: echo $https_proxy)")
    }

    @Test func theServiceAdviceNamesTheUnitOfTheCommand() throws {
        let diagnosis = try TestSupport.analyse(
            "     Active: failed (Result: exit-code) since Sun 2026-12-06 13:42:31 UTC; 2s ago", exitCode: 3,
            command: ["systemctl --no-block restart evlogd.service"], profile: TestSupport.profile())
        #expect(diagnosis.kind == .serviceFailed)
        #expect(summary("show-service-logs", of: diagnosis) == "See why evlogd.service failed: journalctl -xeu evlogd.service")
        let bare = try TestSupport.analyse("Active: failed (Result: exit-code)", exitCode: 3, profile: TestSupport.profile())
        #expect(summary("show-service-logs", of: bare) == "See why the service failed: journalctl -xe")
        #expect(DerivedValues.unit(inCommand: ["sudo", "systemctl", "enable", "--now", "nginx"]) == "nginx")
        #expect(DerivedValues.unit(inCommand: ["service", "ssh", "start"]) == "ssh")
        #expect(DerivedValues.unit(inCommand: ["apt-get", "install", "nginx"]) == nil)
    }

    @Test(arguments: [UInt64(4), 5])
    func theDiskFullAdviceNamesTheFileSystemOfThePathInTheMessage(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<10 {
            let path = "/" + (0..<Int.random(in: 1...4, using: &random)).map { _ in Self.word(&random) }.joined(separator: "/")
            let line = [
                "cp: error writing '\(path)': No space left on device",
                "dd: Fehler beim Schreiben von '\(path)': Auf dem Gerät ist kein Speicherplatz mehr verfügbar",
                "OSError: [Errno 28] No space left on device: '\(path)'",
            ].randomElement(using: &random)!
            let diagnosis = try TestSupport.analyse(line, exitCode: 1)
            #expect(diagnosis.kind == .diskFull)
            #expect(summary("free-disk-space", of: diagnosis).contains("findmnt -T \(path) names its mount"), "\(line)")
        }
    }

    /// Debian's library packaging policy: the package is the soname without `.so.`, a hyphen before the
    /// version when the name ends in a digit.
    @Test(arguments: [UInt64(6), 7])
    func aSharedLibraryNamesItsDebianPackageAndTheLookupsTheHostHas(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<10 {
            let name = "lib" + Self.word(&random) + (Bool.random(using: &random) ? "2" : "")
            let version = "\(Int.random(in: 0...9, using: &random))" + (Bool.random(using: &random) ? ".1" : "")
            let expected = name + (name.hasSuffix("2") ? "-" : "") + version
            #expect(DerivedValues.debianLibraryPackage("\(name).so.\(version)") == expected)
            let line = "/opt/t/bin/t: error while loading shared libraries: \(name).so.\(version): cannot open shared object file: No such file or directory"
            let diagnosis = try TestSupport.analyse(line, exitCode: 127, profile: TestSupport.profile())
            #expect(diagnosis.kind == .missingSharedLibrary)
            let dpkg = summary("find-library-package-dpkg", of: diagnosis)
            #expect(dpkg.contains("dpkg -S \(name).so)") && dpkg.contains("apt-cache policy \(expected)"), "\(dpkg)")
        }
        #expect(DerivedValues.debianLibraryPackage("libfoo.so") == nil)
    }
}
