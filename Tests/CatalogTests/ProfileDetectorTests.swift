import Foundation
import Catalog
import InstallModel
import Testing

private let debian12 = """
    PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
    NAME="Debian GNU/Linux"
    VERSION_ID="12"
    VERSION="12 (bookworm)"
    VERSION_CODENAME=bookworm
    ID=debian
    """

private let ubuntu2404 = """
    PRETTY_NAME="Ubuntu 24.04.1 LTS"
    NAME="Ubuntu"
    VERSION_ID="24.04"
    VERSION="24.04.1 LTS (Noble Numbat)"
    VERSION_CODENAME=noble
    ID=ubuntu
    ID_LIKE=debian
    UBUNTU_CODENAME=noble
    """

private let fedora41 = """
    NAME="Fedora Linux"
    VERSION="41 (Workstation Edition)"
    ID=fedora
    VERSION_ID=41
    VERSION_CODENAME=""
    PLATFORM_ID="platform:f41"
    """

private let alpine320 = """
    NAME="Alpine Linux"
    ID=alpine
    VERSION_ID=3.20.3
    PRETTY_NAME="Alpine Linux v3.20"
    """

@Test func debianContainerIsDetectedFromOSReleaseAndMarkers() {
    let probe = FixtureSystemProbe(
        files: ["/etc/os-release": debian12, "/.dockerenv": "", "/usr/lib/python3.11/EXTERNALLY-MANAGED": "x"],
        directories: ["/usr/lib": ["python3.11", "x86_64-linux-gnu"]], executables: ["apt-get", "pip3"],
        effectiveUserID: 0)
    let profile = ProfileDetector(probe: probe).detect()
    #expect(profile.distribution == "debian" && profile.version == "12" && profile.codename == "bookworm")
    #expect(profile.osFamily == "debian")
    #expect(profile.packageManagers == [.apt, .pip])
    #expect(profile.isRoot && !profile.hasSudo && profile.inContainer)
    #expect(profile.initSystem == .none)
    #expect(profile.externallyManagedPython)
}

@Test func ubuntuDesktopWithSystemdSnapAndSudo() {
    let probe = FixtureSystemProbe(
        files: ["/etc/os-release": ubuntu2404, "/usr/lib/python3.12/EXTERNALLY-MANAGED": "x"],
        directories: ["/run/systemd/system": [], "/usr/lib": ["python3.12"]],
        executables: ["apt-get", "snap", "sudo"], machine: "aarch64")
    let profile = ProfileDetector(probe: probe).detect()
    #expect(profile.distribution == "ubuntu" && profile.version == "24.04" && profile.codename == "noble")
    #expect(profile.initSystem == .systemd)
    #expect(profile.packageManagers == [.apt, .snap])
    #expect(!profile.isRoot && profile.hasSudo && !profile.inContainer)
    #expect(profile.arch == "aarch64" && profile.debianArch == "arm64")
    #expect(profile.externallyManagedPython)
}

@Test func fedoraIsRhelFamilyWithoutPEP668() {
    let probe = FixtureSystemProbe(
        files: ["/etc/os-release": fedora41], directories: ["/run/systemd/system": [], "/usr/lib": ["python3.13"]],
        executables: ["dnf", "yum", "sudo", "cargo"])
    let profile = ProfileDetector(probe: probe).detect()
    #expect(profile.osFamily == "rhel" && profile.distribution == "fedora" && profile.version == "41")
    #expect(profile.codename == nil)
    #expect(profile.packageManagers == [.dnf, .yum, .cargo])
    #expect(!profile.externallyManagedPython)
}

@Test func alpineInACgroupContainerWithOpenRC() {
    let probe = FixtureSystemProbe(
        files: ["/etc/os-release": alpine320, "/proc/1/cgroup": "0::/kubepods/besteffort/pod1234"],
        directories: ["/run/openrc": []], executables: ["apk"], machine: "arm64", effectiveUserID: 0,
        rootIsReadOnly: true)
    let profile = ProfileDetector(probe: probe).detect()
    #expect(profile.osFamily == "alpine" && profile.version == "3.20.3")
    #expect(profile.inContainer && profile.initSystem == .openrc)
    #expect(profile.arch == "aarch64")
    #expect(profile.readOnlyRoot)
}

@Test func macOSUsesSwVersAndLaunchd() {
    let probe = FixtureSystemProbe(
        files: ["/opt/homebrew/bin/python3": ""], executables: ["brew", "sudo", "go"],
        commandOutputs: ["/usr/bin/sw_vers -productVersion": "14.6.1"], kernelName: "Darwin", machine: "arm64")
    let profile = ProfileDetector(probe: probe).detect()
    #expect(profile.isMacOS && profile.version == "14.6.1" && profile.codename == "sonoma")
    #expect(profile.initSystem == .launchd && profile.packageManagers == [.brew, .go])
    #expect(profile.externallyManagedPython)
}

@Test func osReleaseParsesQuotesEscapesAndComments() {
    let release = OSRelease(text: "# comment\nID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\nNAME='x'\nVERSION=\"a \\\"b\\\"\"\n")
    #expect(release.id == "opensuse-leap" && release.family == "suse")
    #expect(release.fields["NAME"] == "x")
    #expect(release.fields["VERSION"] == "a \"b\"")
}

@Test func profileJSONRoundTripsThroughAFile() throws {
    let profile = TestSupport.profile("alpine")
    let encoder = JSONEncoder()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-profile-\(UUID().uuidString).json").path
    #expect(FileManager.default.createFile(atPath: path, contents: try encoder.encode(profile)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try SystemProfile.load(nameOrPath: path) == profile)
}
