import InstallModel
import Testing

/// A verify step with a requested version passes only when the output names that version: the requested
/// components, not preceded by a digit or `.`, not followed by a digit. Generated versions and output shapes.
@Suite struct RequestedVersionTests {
    static let seeds: [UInt64] = Array(1...200)

    /// `a.b` or `a.b.c` from the generator.
    static func version(_ random: inout SplitMix64, parts: Int) -> [Int] {
        (0..<parts).map { _ in Int(random.next() % 40) }
    }

    static func text(_ parts: [Int]) -> String { parts.map(String.init).joined(separator: ".") }

    /// Output lines a tool may print around its version.
    static func line(_ version: String, _ random: inout SplitMix64) -> String {
        let shapes = ["tool \(version)", "tool v\(version)", "tool, version \(version) (built 2026)", "\(version)", "tool-\(version)\nmore"]
        return shapes[Int(random.next() % UInt64(shapes.count))]
    }

    @Test(arguments: seeds)
    func theRequestedVersionAndItsLongerReleasesPass(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let requested = Self.version(&random, parts: 1 + Int(random.next() % 3))
        let extra = (0..<Int(random.next() % 3)).map { _ in Int(random.next() % 20) }
        let installed = Self.text(requested + extra)
        let verify = VerifyParameters(binary: "tool", requestedVersion: Self.text(requested))
        #expect(verify.namesRequestedVersion(Self.line(installed, &random)), "\(installed) should name \(Self.text(requested))")
    }

    @Test(arguments: seeds)
    func anotherVersionFails(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let requested = Self.version(&random, parts: 1 + Int(random.next() % 3))
        var other = requested
        let index = Int(random.next() % UInt64(other.count))
        other[index] += 1 + Int(random.next() % 5)
        let verify = VerifyParameters(binary: "tool", requestedVersion: Self.text(requested))
        let output = Self.line(Self.text(other), &random)
        #expect(!verify.namesRequestedVersion(output), "\(output) should not name \(Self.text(requested))")
        // A digit glued on either side makes another number (11.33, 1.330), not the one asked for.
        let glued = Self.text(requested)
        #expect(!verify.namesRequestedVersion("tool 1\(glued)"), "digit before \(glued)")
        #expect(!verify.namesRequestedVersion("tool \(glued)7"), "digit after \(glued)")
    }

    /// A tool that prints its components zero-padded (yt-dlp's `2024.03.10`, p7zip's `16.02`) names the same
    /// version, as dpkg and PEP 440 compare it (truth11 F2); a padded other number still does not.
    @Test(arguments: seeds)
    func zeroPaddedComponentsNameTheSameVersion(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let requested = Self.version(&random, parts: 1 + Int(random.next() % 3))
        let padded = requested.map { random.next() % 2 == 0 ? "0" + String($0) : String($0) }.joined(separator: ".")
        let verify = VerifyParameters(binary: "tool", requestedVersion: Self.text(requested))
        let output = Self.line(padded, &random)
        #expect(verify.namesRequestedVersion(output), "\(output) should name \(Self.text(requested))")
        let other = Self.line("0" + String(requested[0] + 1) + padded.drop { $0 != "." }, &random)
        #expect(!verify.namesRequestedVersion(other), "\(other) should not name \(Self.text(requested))")
    }

    @Test func nothingRequestedAlwaysPasses() {
        #expect(VerifyParameters(binary: "tool").namesRequestedVersion("tool 9.9.9"))
    }
}
