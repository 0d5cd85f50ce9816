import Foundation
import Testing

/// An apt install that fails in each way apt fails (`--fault apt-packages=fail:KIND`, for every kind a captured apt
/// output of `Fixtures/failures` shows), then remedied with each remedy the diagnosis offers, reproduces (issue 26:
/// the `apt-packages` half of the remedy sweep whose release half is `ChecksumRemedyReproductionTests`).
struct AptRemedyReproductionTests {
    /// The failure kinds the captured apt outputs show (their sidecars' `kind` where `package_manager: apt`).
    static let kinds: [String] = {
        let directory = CLIHabitsTests.fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("failures").path
        let sidecars = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }
        let kinds = sidecars.compactMap { name -> String? in
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8),
                text.split(separator: "\n").contains("package_manager: apt")
            else { return nil }
            return text.split(separator: "\n").first { $0.hasPrefix("kind: ") }.map { String($0.dropFirst("kind: ".count)) }
        }
        return Set(kinds).sorted()
    }()

    @Test func theCapturedAptFailuresCoverManyKinds() {
        #expect(Self.kinds.count >= 10, "\(Self.kinds)")
    }

    /// The remedies every failure is offered, whatever its kind (one code path each): applied for the first kind only.
    static let offeredForEveryKind: Set<String> = ["retry", "skip", "cancel"]

    @Test(arguments: kinds)
    func everyOfferedRemedyOfAnAptFailureReproduces(kind: String) async throws {
        let sparing = kind == Self.kinds.first ? [] : Self.offeredForEveryKind
        let remedies = try await RemedySweep.eachRemedy(install: ["--fault", "apt-packages=fail:\(kind)", "jq"], sparing: sparing) { applied in
            #expect(
                applied.reproduced.exitCode == 0 && applied.reproduced.stdout.contains("match the original"),
                "\(kind), remedy \(applied.remedy) (exit \(applied.remedied.exitCode)): \(applied.reproduced.stdout)")
        }
        #expect(Self.offeredForEveryKind.isSubset(of: remedies), "\(kind): \(remedies)")
    }
}
