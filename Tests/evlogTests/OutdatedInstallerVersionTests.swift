import Foundation
import Testing

/// `evlog outdated` takes the installed version of npm and cargo installs from the installer's own list,
/// proven with real local packages (no registry): the command itself prints another number on purpose.
@Suite("outdated asks the installer")
struct OutdatedInstallerVersionTests {
    static let hasCargo = ChildProcess.lookUp("cargo") != nil
    static let hasNpm = ChildProcess.lookUp("npm") != nil

    /// A catalog overlay with one recipe `name` installed by `installer` (`cargo`, `npm`).
    private static func overlay(at path: String, name: String, installer: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/recipes", withIntermediateDirectories: true)
        let recipe = """
            \(name):
              description: local test package
              binary: \(name)
              verify: {pattern: '^\(name) \\d+\\.\\d+'}
              methods:
                - \(installer): \(name)

            """
        try Data(recipe.utf8).write(to: URL(fileURLWithPath: path + "/recipes/\(name).yaml"))
    }

    private static func outdated(_ name: String, catalog: String, home: String, environment: [String: String]) async throws -> [String: Any] {
        let result = try await Evlog.run(
            ["outdated", "--json", "--no-color", "--offline", "--catalog", catalog, "--home", home + "/evlog", name], environment: environment)
        #expect(result.exitCode == 0, "\(result.stdout)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return try #require(rows.first, "no row in \(result.stdout)")
    }

    @Test(.enabled(if: hasCargo, "needs cargo"))
    func cargoInstallListGivesTheInstalledVersion() async throws {
        let root = try TemporaryDirectory.make(prefix: "evlog-cargo-outdated", mode: 0o755)
        defer { TemporaryDirectory.remove(root) }
        let name = "evlog-cargo-demo"
        let crate = root + "/crate"
        try FileManager.default.createDirectory(atPath: crate + "/src", withIntermediateDirectories: true)
        try Data("[package]\nname = \"\(name)\"\nversion = \"0.3.1\"\nedition = \"2021\"\n".utf8)
            .write(to: URL(fileURLWithPath: crate + "/Cargo.toml"))
        try Data("fn main() { println!(\"\(name) 9.9.9\"); }\n".utf8).write(to: URL(fileURLWithPath: crate + "/src/main.rs"))
        var environment = Evlog.testEnvironment(home: root)
        // rustup's proxies find the toolchain under the real home; the install goes to the test's own ~/.cargo.
        environment["RUSTUP_HOME"] = ProcessInfo.processInfo.environment["RUSTUP_HOME"] ?? NSHomeDirectory() + "/.rustup"
        environment["CARGO_HOME"] = root + "/.cargo"
        environment["CARGO_TARGET_DIR"] = root + "/target"
        try ChildProcess.must(["cargo", "install", "--offline", "--path", crate], environment: environment)
        try Self.overlay(at: root + "/catalog", name: name, installer: "cargo")

        let row = try await Self.outdated(name, catalog: root + "/catalog", home: root, environment: environment)
        #expect(row["method"] as? String == "cargo")
        #expect(row["installed"] as? String == "0.3.1", "\(row)")
        // --offline: crates.io is not asked, and the row says so instead of guessing.
        #expect(row["status"] as? String == "offline")
        #expect((row["reason"] as? String)?.hasPrefix("offline: --offline") == true, "\(row)")
    }

    @Test(.enabled(if: hasNpm, "needs npm"))
    func npmLsGivesTheInstalledVersion() async throws {
        let root = try TemporaryDirectory.make(prefix: "evlog-npm-outdated", mode: 0o755)
        defer { TemporaryDirectory.remove(root) }
        let name = "evlog-npm-demo"
        let package = root + "/package"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        let manifest = "{\"name\": \"\(name)\", \"version\": \"1.4.2\", \"bin\": {\"\(name)\": \"cli.js\"}}\n"
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: package + "/package.json"))
        try Data("#!/usr/bin/env node\nconsole.log('\(name) 9.9.9')\n".utf8).write(to: URL(fileURLWithPath: package + "/cli.js"))
        try ChildProcess.must(["chmod", "0755", package + "/cli.js"])
        let environment = Evlog.testEnvironment(home: root)
        try ChildProcess.must(
            ["npm", "install", "-g", "--offline", "--no-audit", "--no-fund", "--prefix", root + "/.local", package], environment: environment)
        try Self.overlay(at: root + "/catalog", name: name, installer: "npm")

        let row = try await Self.outdated(name, catalog: root + "/catalog", home: root, environment: environment)
        #expect(row["method"] as? String == "npm", "\(row)")
        #expect(row["installed"] as? String == "1.4.2", "\(row)")
        // A local folder has no registry entry in npm's cache: npm cannot say what it would install now.
        #expect(row["status"] as? String == "unknown", "\(row)")
        #expect(row["reason"] != nil, "\(row)")
    }
}
