import Catalog
import Foundation
import InstallModel
import Testing

/// A tool installed twice (by a system package and by pipx) has two copies of its command with two versions;
/// the question "which version is this install?" goes to the install's own copy, whichever copy PATH finds first.
struct RecordedCopyTests {
    /// A directory holding an executable `yamllint` that prints `yamllint <version>`.
    static func command(in directory: URL, version: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("yamllint")
        try Data("#!/bin/sh\necho 'yamllint \(version)'\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
    }

    @Test(arguments: [true, false])
    func eachInstallIsAskedAtItsOwnCopy(systemFirstOnPath: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let system = root.appendingPathComponent("usr/bin")
        let home = root.appendingPathComponent("home")
        let userBin = home.appendingPathComponent(".local/bin")
        try Self.command(in: system, version: "1.29.0")
        try Self.command(in: userBin, version: "1.35.1")
        let path = systemFirstOnPath ? "\(system.path):\(userBin.path)" : "\(userBin.path):\(system.path)"
        let recipe = try #require(TestSupport.catalog.recipe(named: "yamllint"))
        func asked(_ how: InstallKind) -> (line: String, command: String)? {
            RecordedCopy.version(of: recipe, installedAs: how, home: home.path, path: path, systemDirectories: system.path)
        }
        let byApt = asked(.packages(.apt, ["yamllint"]))
        #expect(byApt?.line == "yamllint 1.29.0" && byApt?.command == system.path + "/yamllint")
        let byPipx = asked(.language(.pipx, "yamllint"))
        #expect(byPipx?.line == "yamllint 1.35.1" && byPipx?.command == userBin.path + "/yamllint")
        #expect(asked(.file("~/.local/bin/yamllint"))?.line == "yamllint 1.35.1")
        // A copy its method would have put elsewhere is not there: no answer, rather than the other copy's.
        #expect(asked(.language(.cargo, "yamllint")) == nil)
    }
}
