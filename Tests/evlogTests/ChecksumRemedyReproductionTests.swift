import Foundation
import Testing

/// A release whose download fails its checksum (`--fault STEP=fail:checksum-mismatch` is met at the digest, as a
/// real mismatch is), then remedied with each remedy the diagnosis offers, reproduces: the failed attempt removed
/// the download, so every later attempt fetches it again, in the original and in the reproduction (repro12 F4: the
/// reproduction still had the removed archive and went straight to sha256sum).
struct ChecksumRemedyReproductionTests {
    static let fault = ["--fault", "release-doctl=fail:checksum-mismatch", "doctl"]

    @Test func everyOfferedRemedyOfAChecksumMismatchReproduces() async throws {
        let remedies = try await RemedySweep.eachRemedy(install: Self.fault) { applied in
            let ran = try await Evlog.run(["what-ran", applied.plan, "--no-color", "--home", applied.home.path]).stdoutLines
            let fetched = ran.filter { $0.contains(" curl ") && $0.contains(".tar.gz") }.count
            let digested = ran.filter { $0.contains(" sha256sum ") }.count
            #expect(digested > 0 && fetched == digested, "\(applied.remedy): every digest is of a fresh download: \(ran)")
            #expect(
                applied.reproduced.exitCode == 0 && applied.reproduced.stdout.contains("match the original"),
                "\(applied.remedy): \(applied.reproduced.stdout)")
        }
        #expect(remedies.contains("redownload") && remedies.contains("retry"), "\(remedies)")
    }
}
