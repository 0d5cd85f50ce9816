import InstallModel
import Testing

/// The language installer's command is built once, for the plan and for the run (trust9 N10: the plan showed
/// `go install …/lazygit@latest` and the run was `go install -- …@latest@latest`).
@Suite struct ToolInstallCommandTests {
    @Test(arguments: [
        ("github.com/jesseduffield/lazygit@latest", nil, "github.com/jesseduffield/lazygit@latest"),
        ("github.com/go-task/task/v3/cmd/task@v3.1.0", nil, "github.com/go-task/task/v3/cmd/task@v3.1.0"),
        ("example.com/tool/cmd", nil, "example.com/tool/cmd@latest"),
        ("example.com/tool/cmd@latest", "v1.2.3", "example.com/tool/cmd@v1.2.3"),
        ("example.com/tool/cmd", "v1.2.3", "example.com/tool/cmd@v1.2.3"),
        ("example.com/us@er/cmd", nil, "example.com/us@er/cmd@latest"),
    ] as [(String, String?, String)])
    func aGoModuleIsAskedForOneVersion(package: String, version: String?, asked: String) {
        let argv = ToolParameters(installer: .go, package: package, version: version).installArgv
        #expect(argv == ["go", "install", "--", asked])
    }

    @Test func everyLanguageInstallerEndsItsOptionsBeforeThePackage() {
        for installer in PackageManager.allCases where !installer.isSystem {
            let argv = ToolParameters(installer: installer, package: "pkg", arguments: ["--opt"]).installArgv ?? []
            guard installer != .gem else { #expect(argv == ["gem", "install", "pkg", "--opt"]); continue }
            let end = argv.firstIndex(of: "--") ?? 0, option = argv.firstIndex(of: "--opt") ?? argv.count
            #expect(option < end && argv.last?.hasPrefix("pkg") == true, "\(installer): \(argv)")
        }
    }

    /// cargo refuses a flag given twice (`cargo install --locked --locked` is an error), and the catalog's cargo
    /// recipes name `--locked` themselves.
    @Test func anOptionEvlogAlwaysPassesIsPassedOnce() {
        #expect(ToolParameters(installer: .cargo, package: "bat", arguments: ["--locked"]).installArgv == ["cargo", "install", "--locked", "--", "bat"])
        #expect(ToolParameters(installer: .cargo, package: "bat").installArgv == ["cargo", "install", "--locked", "--", "bat"])
        #expect(ToolParameters(installer: .pip, package: "pipx", arguments: ["--user"]).installArgv == ["python3", "-m", "pip", "install", "--user", "--", "pipx"])
    }
}
