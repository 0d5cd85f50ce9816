import Catalog
import InstallModel
import Testing

/// truth20 #4: `uninstall sysstat parallel` was refused because parallel's package depends on sysstat's, though both
/// go in the same uninstall. Packages the same plan removes (or that their installs pulled in) are not dependents.
struct SameUninstallDependentsTests {
    /// Generated tools and packages: apt's "would also remove" list minus what goes anyway is exactly the user's own.
    @Test(arguments: 0..<24)
    func packagesGoingInTheSameUninstallAreNotDependents(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let count = 2 + Int(random.next() % 5)
        let records = (0..<count).map { index in
            InstallRecord(
                tool: "t\(index)", how: .packages(.apt, ["p\(index)"]), source: "plan p-000000000001",
                pulledIn: random.next() % 2 == 0 ? ["lib\(index)"] : [])
        }
        let users = (0..<Int(random.next() % 3)).map { "user\($0)" }
        let record = records[Int(random.next() % UInt64(count))]
        let going = records.filter { $0.tool != record.tool }.flatMap { ["p" + $0.tool.dropFirst()] + ($0.pulledIn ?? []) }
        let others = (going + users).shuffled(using: &random)
        #expect(AptRemoval.dependents(others, of: record, removedWith: records) .sorted() == users.sorted(), "\(others)")
        // Alone in its uninstall, the others' packages are dependents again.
        #expect(Set(AptRemoval.dependents(others, of: record, removedWith: [record])) == Set(others))
    }
}
