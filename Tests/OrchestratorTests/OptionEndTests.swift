import InstallModel
import Testing

@testable import Orchestrator

/// Defence in depth beside the grammars: a language installer's command ends its options with `--` before the
/// package, whatever the options and the package (one that starts with `-` included), so no package is read as
/// an option; a system manager's command is as it was.
@Suite struct OptionEndTests {
    static let languageInstallers: [PackageManager] = [.pip, .pipx, .cargo, .npm, .go]

    @Test(arguments: 1...200) func languageInstallsEndOptionsBeforeThePackage(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let installer = Self.languageInstallers[Int.random(in: 0..<Self.languageInstallers.count, using: &random)]
        let words = ["--force", "--index-url=http://x", "-v", "1.2", "--user", "--prefix", "~/.local", "black", "-e"]
        let options = (0..<Int.random(in: 0...4, using: &random)).map { _ in words.randomElement(using: &random)! }
        let package = (Bool.random(using: &random) ? "-" : "") + "pkg\(seed)"
        for argv in [
            PackageManagerCommands.install(installer, [package], options: options),
            PackageManagerCommands.reinstall(installer, [package]),
        ] {
            let end = argv.firstIndex(of: "--")
            #expect(end != nil && argv.last == package && end == argv.count - 2, "seed \(seed): \(argv)")
        }
        let argv = PackageManagerCommands.install(installer, [package], options: options)
        #expect(Array(argv[(argv.count - 2 - options.count)..<(argv.count - 2)]) == options, "seed \(seed): options keep their order before --: \(argv)")
    }

    @Test func systemManagersKeepTheirCommands() {
        #expect(PackageManagerCommands.install(.apt, ["jq"], options: ["--no-install-recommends"]).suffix(2) == ["jq", "--no-install-recommends"])
        #expect(PackageManagerCommands.install(.dnf, ["jq"]) == ["dnf", "install", "-y", "jq"])
    }
}
