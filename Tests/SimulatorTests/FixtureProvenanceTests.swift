import Foundation
import Simulator
import Testing

/// Every recording in a fixture set says where it came from: a real run (`… captured on …`) or a
/// manager's documentation or bug tracker (`documented: … — <URL>`), never nothing.
struct FixtureProvenanceTests {
    @Test(arguments: ["default", "dpkg-interrupted"])
    func everyFixtureIsCapturedOrDocumentedWithAnAddress(set name: String) throws {
        let set = try RepositoryFixtures.set(name)
        #expect(!set.fixtures.isEmpty)
        for fixture in set.fixtures {
            let captured = fixture.source.contains("captured on ")
            let documented = fixture.source.hasPrefix("documented: ") && fixture.source.contains("https://")
            #expect(captured || documented, "\(name): `\(fixture.command)` has source \(fixture.source)")
        }
    }

    /// The other package managers' "not installed" answers and installs, so a simulated plan on their
    /// profiles gets past the first commands with recorded or documented output.
    @Test(arguments: [
        "rpm -q ripgrep", "rpm -q jq", "pacman -Q ripgrep", "pacman -Q jq", "apk info -e ripgrep", "apk info -e jq",
        "brew list --versions ripgrep", "brew list --versions jq",
    ])
    func otherManagersSayAPackageIsNotInstalled(command: String) throws {
        let fixture = try #require(try RepositoryFixtures.set("default").fixture(for: command))
        #expect(fixture.responses.first?.exitCode == 1)
    }

    @Test(arguments: [
        "dnf makecache", "dnf install -y ripgrep", "apk add --wait 600 ripgrep", "brew update", "brew install ripgrep",
        "brew install jq", "pacman -Sy", "zypper --non-interactive install jq", "apk update",
        "pacman -S --noconfirm --needed sudo binutils fakeroot",
    ])
    func otherManagersHaveADocumentedSuccess(command: String) throws {
        let fixture = try #require(try RepositoryFixtures.set("default").fixture(for: command))
        #expect(fixture.source.hasPrefix("documented: "))
        #expect(fixture.responses.first?.exitCode == 0)
    }
}
