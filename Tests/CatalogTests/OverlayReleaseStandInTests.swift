import Catalog
import Foundation
import InstallModel
import Testing

/// An overlay's release may not install a program under the name of one the system has (`ls`, `passwd`): as root it
/// lands in `/usr/local/bin`, which every user's PATH reads before `/usr/bin` (trust13 #2). An overlay of a built-in
/// tool keeps the tool's own names (a newer `jq` in front of Debian's). The system names are this machine's own.
struct OverlayReleaseStandInTests {
    static func release(tool: String, binary: String, setup: Bool = false) -> String {
        """
        \(tool):
          description: x
          binary: \(binary)
          verify: {pattern: '^x ([0-9.]+)'}
          methods:
            - release:
                repo: acme/t
                version: 1.0.0
                path: dir/\(binary)
        \(setup ? "        setup: ['{bin}', '-y']\n" : "")        assets:
                  linux-x86_64: {url: "https://example.com/t.tar.gz", sha256: \(String(repeating: "ab", count: 32))}

        """
    }

    /// Up to `count` program names of this machine's /usr/bin, picked by a seeded generator.
    static func systemNames(count: Int) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/bin")) ?? [])
            .filter { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } }.sorted()
        var generator = SplitMix64(seed: 13)
        return names.isEmpty ? [] : (0..<count).map { _ in names[Int(generator.next() % UInt64(names.count))] }
    }

    @Test func aReleaseNamedAfterASystemProgramIsRefusedAtLoad() throws {
        let names = Self.systemNames(count: 60)
        try #require(!names.isEmpty, "this machine has no /usr/bin to take names from")
        for (index, name) in names.enumerated() {
            let text = Self.release(tool: "acme-\(index)", binary: name, setup: index % 5 == 0)
            guard case .refused(let message) = OverlayCommandPolicyTests.overlaid(text) else {
                Issue.record("a release installing \(name) over /usr/bin/\(name) loaded"); continue
            }
            #expect(message.contains("the system's") && message.contains("/\(name)"), "\(message)")
        }
    }

    @Test func anOverlayOfABuiltInToolKeepsItsOwnNameAndANewNameLoads() {
        for text in [Self.release(tool: "jq", binary: "jq"), Self.release(tool: "acme-own", binary: "acme-own-bin-\(UInt32.random(in: 0...UInt32.max))")] {
            if case .refused(let message) = OverlayCommandPolicyTests.overlaid(text) { Issue.record("\(message)") }
        }
    }
}
