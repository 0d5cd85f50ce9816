import InstallModel
import Testing

/// truth20 #2: with a verify pattern, the requested version is compared with the version the pattern reads (the first
/// dotted number on its line, as `outdated` reads it), never with another version printed beside it
/// (`zzacme 1.2.3 (api 2.0.0)` for `@2.0.0`; ansible's Python, kubectl's Go and API versions).
struct PatternReadVersionTests {
    static let asides = ["api", "go", "python", "core", "commit", "built with"]

    /// A tool whose own version is A prints another version B beside it (same line, or another line): `@B` is refused,
    /// `@A` passes, and without a pattern the old whole-output search still finds both.
    @Test(arguments: 1...60 as ClosedRange<UInt64>)
    func anotherVersionBesideTheToolsOwnIsNotTheToolsVersion(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let own = (0..<3).map { _ in Int(random.next() % 30) }.map(String.init).joined(separator: ".")
        var other = own
        while other.hasPrefix(own.split(separator: ".").prefix(2).joined(separator: ".")) {
            other = (0..<3).map { _ in Int(random.next() % 30) }.map(String.init).joined(separator: ".")
        }
        let aside = Self.asides[Int(random.next() % UInt64(Self.asides.count))]
        let output = random.next() % 2 == 0 ? "zzacme \(own) (\(aside) \(other))" : "\(aside) \(other)\nzzacme \(own)\n"
        let pattern = "^zzacme [0-9.]+"
        #expect(!VerifyParameters(binary: "zzacme", versionPattern: pattern, requestedVersion: other).namesRequestedVersion(output), "\(output)")
        #expect(VerifyParameters(binary: "zzacme", versionPattern: pattern, requestedVersion: own).namesRequestedVersion(output), "\(output)")
        #expect(VerifyParameters(binary: "zzacme", requestedVersion: other).namesRequestedVersion(output), "\(output)")
    }

    /// The finding's own output.
    @Test func zzacmeTwoPointOhIsRefused() {
        let verify = VerifyParameters(binary: "zzacme", versionPattern: "zzacme [0-9.]+", requestedVersion: "2.0.0")
        #expect(!verify.namesRequestedVersion("zzacme 1.2.3 (api 2.0.0)\n"))
    }
}
