import Catalog
import Foundation
import InstallModel
import Testing

/// Tools whose plans are kept as reviewed snapshots, one file per profile under Fixtures/plans/.
private let goldenTools = [
    "ripgrep", "fd", "bat", "neovim", "python3", "black", "awscli", "cargo-audit", "rustup", "docker", "kubectl",
    "terraform", "gh", "yq", "nginx", "postgresql-client", "redis-tools",
]
/// One plan with several tools, to show shared steps.
private let goldenBundle = ["git", "jq", "ripgrep", "pre-commit", "helm"]

/// The text snapshot of every golden plan on `profile`: each plan as `evlog plan` prints it, or its error.
private func snapshot(_ profile: String) -> String {
    var sections: [String] = []
    for tools in goldenTools.map({ [$0] }) + [goldenBundle] {
        let title = "=== " + tools.joined(separator: " ") + " ==="
        do {
            sections.append(title + "\n" + PlanText.render(try TestSupport.plan(tools, on: profile)))
        } catch {
            sections.append(title + "\nerror: \(error)\n")
        }
    }
    return sections.joined(separator: "\n")
}

/// Set EVLOG_UPDATE_GOLDEN=1 to rewrite the snapshots; review the diff before committing it.
@Test(arguments: NamedProfiles.names)
func plansMatchTheirReviewedSnapshots(profile: String) throws {
    let url = TestSupport.packageRoot.appendingPathComponent("Fixtures/plans/\(profile).txt")
    let actual = snapshot(profile)
    if ProcessInfo.processInfo.environment["EVLOG_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let where_ = first.map { "line \($0.offset + 1): expected «\($0.element.0)», got «\($0.element.1)»" }
            ?? "lengths differ (\(expectedLines.count) vs \(actualLines.count) lines)"
        Issue.record("Fixtures/plans/\(profile).txt differs at \(where_); rerun with EVLOG_UPDATE_GOLDEN=1 if intended")
    }
}
