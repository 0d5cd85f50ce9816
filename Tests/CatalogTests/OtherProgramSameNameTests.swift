import Catalog
import Foundation
import InstallModel
import Testing

/// truth20 #1: a program on PATH with the tool's command name is "the tool, already installed" only when its version
/// output matches the recipe's verify pattern. Debian's Python `yq` ("yq 0.0.0") was taken for mikefarah's, the plan
/// ended "done" with nothing installed and `outdated` called it "apt … current".
struct OtherProgramSameNameTests {
    static let words = ["usage:", "Usage", "error", "unknown", "option", "--version", "0.0.0", "v1", "help", "(", ")", "the", "a"]

    /// Recipes whose verify pattern reads the `--version` output of the command itself.
    static var patterned: [Recipe] {
        TestSupport.catalog.recipes.values.sorted { $0.name < $1.name }.filter { $0.verify.command == nil && $0.verify.pattern != nil }
    }

    /// For every such recipe and a generated output its pattern does not match, the plan installs the tool and names
    /// the other program; it never says "already installed".
    @Test(arguments: 0..<6)
    func anOutputTheVerifyPatternDoesNotMatchIsAnotherProgram(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var checked = 0
        for recipe in Self.patterned {
            let output = (0..<(1 + Int(generator.next() % 6))).map { _ in Self.words[Int(generator.next() % UInt64(Self.words.count))] }
                .joined(separator: " ")
            guard let pattern = recipe.verify.pattern, InstalledVersion.line(in: output, pattern: pattern) == nil else { continue }
            let probe = FixedInstalled(Dictionary(uniqueKeysWithValues: Resolver.binaries(of: recipe).map { ($0, output) }))
            #expect(InstalledVersion.reading(recipe, binary: recipe.binary, with: probe) == .otherProgram(output))
            guard let plan = try? TestSupport.plan([recipe.name], on: "ubuntu-server", options: ResolveOptions(installedProbe: probe)) else { continue }
            #expect(!plan.notes.contains { $0.hasPrefix("\(recipe.name): already installed") }, "\(recipe.name): \(output)")
            #expect(plan.notes.contains { $0.hasPrefix("\(recipe.name): the ") && $0.contains("is another program") }, "\(recipe.name)")
            #expect(!plan.steps.isEmpty)
            checked += 1
        }
        #expect(checked > 20)
    }

    /// Debian's yq as it answers: not mikefarah's yq; silence (a timeout, a command not run) stays "version unknown".
    @Test func debiansYqIsNotTheCatalogsYq() throws {
        let recipe = try #require(TestSupport.catalog.recipe(named: "yq"))
        #expect(InstalledVersion.reading(recipe, binary: "yq", with: FixedInstalled(["yq": "yq 0.0.0\n"])) == .otherProgram("yq 0.0.0"))
        #expect(InstalledVersion.reading(recipe, binary: "yq", with: FixedInstalled(["yq": ""])) == .line(""))
        let real = "yq (https://github.com/mikefarah/yq/) version v4.44.5"
        #expect(InstalledVersion.reading(recipe, binary: "yq", with: FixedInstalled(["yq": real])) == .line(real))
    }

    /// On this machine: a script named `rg` that prints a usage line is not ripgrep to the finder that uninstall and
    /// outdated ask; one printing ripgrep's version is.
    @Test(arguments: ["echo usage; exit 2", "echo 'ripgrep 14.1.0'"])
    func theSystemFinderAsksTheSameRule(script: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-other-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rg = directory + "/rg"
        try "#!/bin/sh\n\(script)\n".write(toFile: rg, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: rg)
        let recipe = try #require(TestSupport.catalog.recipe(named: "ripgrep"))
        let finder = SystemInstallFinder(searchPath: directory, home: directory + "/home")
        let other = finder.otherProgram(recipe)
        if script.hasPrefix("echo usage") {
            #expect(other?.path == rg && other?.printed == "usage")
            #expect(finder.find(recipe) == nil)
        } else {
            #expect(other == nil)
        }
    }
}
