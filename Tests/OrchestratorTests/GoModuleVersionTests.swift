import InstallModel
import Testing

@testable import Orchestrator

/// The argv run for a go tool is the one the plan shows: a module path names its version once (trust9 N10:
/// `go install -- …/lazygit@latest@latest`). Generated module paths, with and without a version in the recipe and
/// with and without one requested.
struct GoModuleVersionTests {
    @Test(arguments: 0..<64)
    func aGoModuleNamesOneVersion(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let pick = { (choices: [String]) in choices[Int(generator.next() % UInt64(choices.count))] }
        let module = pick(["github.com/jesseduffield/lazygit", "golang.org/x/tools/gopls", "mvdan.cc/sh/v3/cmd/shfmt"])
        let written = pick(["", "latest", "v1.2.3"])
        let requested = pick(["", "v0.9.0"])
        let word = ToolExecutor.versioned(written.isEmpty ? module : module + "@" + written, requested.isEmpty ? nil : requested, .go)
        let expected = module + "@" + (requested.isEmpty ? (written.isEmpty ? "latest" : written) : requested)
        #expect(word == expected, "\(module)@\(written) requested \(requested): \(word)")
    }
}
