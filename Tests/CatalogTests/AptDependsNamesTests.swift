import Testing

@testable import Catalog

/// What an installed-since package needs is read from `apt-cache depends --recurse --installed`: the packages and
/// their hard dependencies, virtual names unwrapped, so an uninstall keeps only those of what its install added.
struct AptDependsNamesTests {
    @Test func packagesAndTheirHardDependenciesAreNamed() {
        let output = """
            r-base-dev
              Depends: libpcre2-dev
              Depends: build-essential
             |Depends: gcc
              PreDepends: <awk>
              Depends: python3:any
            libpcre2-dev
              Depends: libpcre2-posix3
            libpcre2-posix3
            """
        #expect(AptRemovalProbe.dependencyNames(inDepends: output)
            == ["r-base-dev", "libpcre2-dev", "build-essential", "gcc", "awk", "python3", "libpcre2-posix3"])
    }

    /// A tool's pulled-in packages no listed package needs are not named, so they still go.
    @Test(arguments: ["libjq1", "libonig5", "vagrant-libvirt"])
    func aPackageNobodyNeedsIsNotNamed(name: String) {
        #expect(!AptRemovalProbe.dependencyNames(inDepends: "mutt\n  Depends: libc6\n  Depends: <mail-transport-agent>\n").contains(name))
    }
}
