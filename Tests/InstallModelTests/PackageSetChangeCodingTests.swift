import Foundation
import InstallModel
import Testing

/// A package-set change keeps what the step's transaction upgraded and what others installed through the log,
/// and a change written by an older evlog (without those lists) still reads.
struct PackageSetChangeCodingTests {
    @Test func upgradesAndOthersPackagesRoundTrip() throws {
        let change = PackageSetChange(
            manager: .apt, added: ["jq"], upgraded: [PackageUpgrade(package: "libc6", from: "2.36-9", to: "2.36-9+deb12u1")],
            installedByOthers: ["intruder"], byDifference: true)
        let decoded = try JSONDecoder().decode(PackageSetChange.self, from: JSONEncoder().encode(change))
        #expect(decoded == change)
        #expect(change.upgraded[0].description == "libc6 2.36-9→2.36-9+deb12u1")
    }

    @Test func anOlderChangeReadsWithEmptyLists() throws {
        let older = #"{"manager":"apt","added":["jq"],"hadConfig":[],"removed":[]}"#
        let decoded = try JSONDecoder().decode(PackageSetChange.self, from: Data(older.utf8))
        #expect(decoded == PackageSetChange(manager: .apt, added: ["jq"]))
        // Written back without the empty newer lists: the same bytes an older evlog wrote.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == #"{"added":["jq"],"hadConfig":[],"manager":"apt","removed":[]}"#)
    }
}
