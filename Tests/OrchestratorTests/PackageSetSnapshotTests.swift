import InstallModel
import Testing

@testable import Orchestrator

/// What an install step records of dpkg's package set: read from a status file, compared before and after.
struct PackageSetSnapshotTests {
    /// dpkg status lines by state: what counts as present, as configuration only, or as gone.
    static let states: [(status: String, present: Bool, configOnly: Bool)] = [
        ("install ok installed", true, false), ("hold ok installed", true, false), ("install ok unpacked", true, false),
        ("install ok half-configured", true, false), ("deinstall ok config-files", false, true),
        ("purge ok not-installed", false, false), ("install reinstreq half-installed", true, false),
    ]

    /// A status file of `count` packages in random states, with fields in dpkg's order and others between.
    static func statusFile(seed: UInt64, count: Int) -> (text: String, present: Set<String>, configOnly: Set<String>) {
        var random = SplitMix64(seed: seed)
        var paragraphs: [String] = []
        var present = Set<String>()
        var configOnly = Set<String>()
        for index in 0..<count {
            let name = "pkg\(index)-\(random.next() % 1000)"
            let state = states[Int(random.next() % UInt64(states.count))]
            if state.present { present.insert(name) }
            if state.configOnly { configOnly.insert(name) }
            paragraphs.append(
                "Package: \(name)\nStatus: \(state.status)\nPriority: optional\nDescription: a package\n that spans lines\n Status: not a field")
        }
        return (paragraphs.joined(separator: "\n\n") + "\n", present, configOnly)
    }

    @Test(arguments: [1, 2, 3, 42, 9001] as [UInt64])
    func everyPackageStateIsReadFromAGeneratedStatusFile(seed: UInt64) {
        let file = Self.statusFile(seed: seed, count: 60)
        let snapshot = PackageSetSnapshot.parseDpkgStatus(file.text)
        #expect(snapshot.installed == file.present, "seed \(seed)")
        #expect(snapshot.configOnly == file.configOnly, "seed \(seed)")
    }

    /// Added is what is present after and not before; of it, what had configuration before; removed the reverse.
    @Test(arguments: [5, 6, 7, 8] as [UInt64])
    func theChangeIsTheDifferenceOfTwoSets(seed: UInt64) {
        let before = PackageSetSnapshot.parseDpkgStatus(Self.statusFile(seed: seed, count: 40).text)
        let after = PackageSetSnapshot.parseDpkgStatus(Self.statusFile(seed: seed &+ 100, count: 40).text)
        let change = before.change(to: after, manager: .apt)
        #expect(Set(change.added) == after.installed.subtracting(before.installed))
        #expect(Set(change.removed) == before.installed.subtracting(after.installed))
        #expect(Set(change.hadConfig) == Set(change.added).intersection(before.configOnly))
        #expect(change.added == change.added.sorted() && before.change(to: before, manager: .apt).isEmpty)
    }
}
