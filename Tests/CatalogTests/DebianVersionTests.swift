import Catalog
import Foundation
import InstallModel
import Testing

/// Debian versions are ordered as dpkg orders them: the revision counts (`1.2-1 < 1.2-2`), `~` sorts before
/// everything, epochs first.
struct DebianVersionTests {
    /// Pairs dpkg's documentation and the issue name, with the order dpkg gives them.
    static let known: [(String, String, Int)] = [
        ("1.2-1", "1.2-2", -1), ("1.0~rc1-1", "1.0-1", -1), ("1:0.9", "2.0", 1), ("1.01", "1.1", 0),
        ("2.36-9+deb12u10", "2.36-9+deb12u14", -1), ("1.0", "1.0-0", 0), ("1.0a", "1.0+", -1), ("1.0~", "1.0", -1),
        ("7.88.1-10+deb12u12", "7.88.1-10+deb12u14", -1), ("1.0.0", "1.0", 1), ("1.6-2.1", "1.6-2", 1),
    ]

    @Test func knownPairsAreOrderedAsDpkgOrdersThem() throws {
        for (left, right, order) in Self.known {
            let a = try #require(DebianVersion(left)), b = try #require(DebianVersion(right))
            #expect((a < b ? -1 : b < a ? 1 : 0) == order, "\(left) vs \(right)")
            #expect((a == b) == (order == 0), "\(left) vs \(right)")
        }
    }

    /// `outdated` compares whole Debian versions: the upstream part alone (what it compared before) says current.
    @Test func aNewDebianRevisionIsAnUpdate() {
        #expect(DebianVersion.status(installed: "1.2-1", candidate: "1.2-2") == "outdated")
        #expect(DebianVersion.status(installed: "1.2-2", candidate: "1.2-2") == "current")
        #expect(DebianVersion.status(installed: "1:1.0-1", candidate: "2.0-1") == "current")
        #expect(DebianVersion.status(installed: "1.6-2.1", candidate: nil) == nil)
        #expect(Version.upstream(of: "1.2-1") == Version.upstream(of: "1.2-2"))
    }

    /// A version from fragments that make every rule matter: epochs, `~`, letters, `+`, leading zeros, revisions.
    static func generated(_ random: inout SplitMix64) -> String {
        let pieces = ["0", "1", "01", "2", "10", "9", ".", ".", "~", "~rc", "a", "b", "+", "+deb12u", "z"]
        var upstream = String(random.next() % 3)
        for _ in 0..<Int(random.next() % 5) { upstream += pieces[Int(random.next() % UInt64(pieces.count))] }
        let epoch = random.next() % 4 == 0 ? "\(random.next() % 2):" : ""
        let revision = random.next() % 2 == 0 ? "" : "-" + String(random.next() % 3) + (random.next() % 2 == 0 ? "" : pieces[Int(random.next() % UInt64(pieces.count))])
        return epoch + upstream + revision
    }

    static let dpkg = "/usr/bin/dpkg"

    /// Whether dpkg says `left op right`.
    static func dpkgSays(_ left: String, _ op: String, _ right: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dpkg)
        process.arguments = ["--compare-versions", left, op, right]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: dpkg), "needs dpkg to compare with"), arguments: [1, 2, 3] as [UInt64])
    func generatedPairsAreOrderedAsDpkgOrdersThem(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<60 {
            let left = Self.generated(&random), right = Self.generated(&random)
            let a = try #require(DebianVersion(left)), b = try #require(DebianVersion(right))
            #expect((a < b) == (try Self.dpkgSays(left, "lt", right)), "\(left) < \(right), seed \(seed)")
            #expect((a == b) == (try Self.dpkgSays(left, "eq", right)), "\(left) = \(right), seed \(seed)")
        }
    }
}
