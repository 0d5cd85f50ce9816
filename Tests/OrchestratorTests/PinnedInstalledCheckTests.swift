import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// The is-installed check of an apt package pinned to a version (`rsync=3.5.0+ds1-0+deb12u1`) asks dpkg about the
/// package by name and compares the version it prints: `dpkg-query -W rsync=…` reads the pin as a name and prints
/// "no packages found matching" in every versioned install (truth11 F6).
struct PinnedInstalledCheckTests {
    /// A generated Debian version: maybe an epoch, upstream parts, maybe a revision with a `+debNNuN` tail.
    static func version(_ random: inout SplitMix64) -> String {
        let epoch = random.next() % 3 == 0 ? "\(random.next() % 3 + 1):" : ""
        let upstream = (0..<Int(random.next() % 3 + 1)).map { _ in String(random.next() % 40) }.joined(separator: ".")
        let revision = random.next() % 2 == 0 ? "-\(random.next() % 9 + 1)" + (random.next() % 2 == 0 ? "+deb12u\(random.next() % 20)" : "") : ""
        return epoch + upstream + revision
    }

    @Test(arguments: [1, 2, 3, 17, 99, 2026] as [UInt64])
    func aPinIsAskedByNameAndMetOnlyByItsVersion(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for index in 0..<50 {
            let name = "pkg\(index)-\(random.next() % 1000)"
            let pinned = Self.version(&random)
            let other = Self.version(&random)
            let check = PackageManagerCommands.installedCheck(.apt, "\(name)=\(pinned)")
            #expect(check == ["dpkg-query", "-W", "-f=${Status} ${Version}", name], "seed \(seed): \(check ?? [])")
            #expect(check.map(PackageManagerCommands.isInstalledCheck) == true, "seed \(seed): \(check ?? [])")
            let installed = { (status: String, version: String) in
                PackageManagerCommands.isInstalled(.apt, "\(name)=\(pinned)", succeeded: true, output: "\(status) \(version)")
            }
            #expect(installed("install ok installed", pinned), "seed \(seed): \(name)=\(pinned)")
            #expect(installed("install ok installed", other) == (other == pinned), "seed \(seed): \(pinned) vs \(other)")
            #expect(!installed("deinstall ok config-files", pinned), "seed \(seed)")
            // A package the user holds (`apt-mark hold`) is installed all the same (truth12 F19).
            #expect(installed("hold ok installed", pinned), "seed \(seed)")
            #expect(PackageManagerCommands.isInstalled(.apt, name, succeeded: true, output: "hold ok installed"), "seed \(seed)")
            #expect(!PackageManagerCommands.isInstalled(.apt, name, succeeded: true, output: "hold ok config-files"), "seed \(seed)")
            // A pin made for another system is a version prefix (`rsync=3.5*`).
            let prefix = String(pinned.prefix { $0 != "-" })
            #expect(PackageManagerCommands.isInstalled(.apt, "\(name)=\(prefix)*", succeeded: true, output: "install ok installed \(pinned)"))
            // A bare name keeps the check every older log recorded.
            #expect(PackageManagerCommands.installedCheck(.apt, name) == ["dpkg-query", "-W", "-f=${Status}", name])
        }
    }

    /// Asked of this machine's dpkg about dpkg itself (always installed): the pin of its installed version is met and
    /// another version is not, and dpkg-query complains about neither.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-query"), "needs dpkg-query (a Debian system)"))
    func dpkgAnswersAPinnedCheckWithoutComplaint() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-pin-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let context = ExecutionContext.realDebian(root: root, io: RecordingIO())
        let (_, bare) = await context.runCapturing(["dpkg-query", "-W", "-f=${Version}", "dpkg"])
        let version = bare.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!version.isEmpty, "dpkg-query printed no version of dpkg")
        for (pin, expected) in [("dpkg=\(version)", true), ("dpkg=0.0.0-evlog", false), ("dpkg", true)] {
            let check = try #require(PackageManagerCommands.installedCheck(.apt, pin))
            let (result, output) = await context.runCapturing(check)
            #expect(PackageManagerCommands.isInstalled(.apt, pin, result: result, output: output) == expected, "\(pin): \(output)")
            #expect(!output.contains("no packages found"), "\(pin): \(output)")
        }
    }
}
