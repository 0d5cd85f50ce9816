import Catalog
import Foundation
import InstallModel
import Testing

/// trust20 #2: a release placed where another copy of its command comes before it on PATH (an admin's
/// `/usr/local/bin/NAME` before a user's `~/.local/bin`) is not what a bare name runs: the plan names that copy, and
/// the plan's verify runs the file the plan placed.
struct ReleaseShadowTests {
    /// A copy that shadows every placement, as `SystemInstallFinder` would find one.
    private struct Shadowing: InstalledCopiesProbe {
        var path: String
        func copies(of recipe: Recipe) -> [InstalledCopy] { [InstalledCopy(path: path, how: nil)] }
        func copy(shadowing placed: String, of recipe: Recipe) -> InstalledCopy? { InstalledCopy(path: path, how: nil) }
    }

    /// Directories made for a case, each holding an executable `name` or not, and the finder for a PATH of some of them.
    @Test func theCopyFirstOnPathBeforeThePlacedDirectoryShadowsIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-shadow-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let recipe = try #require(TestSupport.catalog.recipe(named: "jq"))
        let directories = (0..<4).map { "\(root)/d\($0)" }
        var generator = SplitMix64(seed: 2)
        var (shadowed, clear) = (0, 0)
        for _ in 0..<60 {
            try? FileManager.default.removeItem(atPath: root)
            let holding = directories.filter { _ in generator.next() % 2 == 0 }
            for directory in directories {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            }
            for directory in holding {
                FileManager.default.createFile(atPath: directory + "/jq", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
            }
            let onPath = directories.shuffled(using: &generator).filter { _ in generator.next() % 4 != 0 }
            let placedDirectory = directories[Int(generator.next() % 4)]
            let finder = SystemInstallFinder(searchPath: onPath.joined(separator: ":"), home: root, cargoHome: root + "/cargo")
            let found = finder.copy(shadowing: placedDirectory + "/jq", of: recipe)
            // Expected, by walking PATH: the first directory holding jq, when it comes before the placed directory.
            let first = onPath.first { holding.contains($0) }
            let placedAt = onPath.firstIndex(of: placedDirectory) ?? onPath.count
            let expected = first.flatMap { directory in
                directory != placedDirectory && onPath.firstIndex(of: directory)! < placedAt ? directory + "/jq" : nil
            }
            #expect(found?.path == expected, "PATH \(onPath), jq in \(holding), placed in \(placedDirectory)")
            if expected == nil { clear += 1 } else { shadowed += 1 }
        }
        #expect(shadowed > 5 && clear > 5)
        // `~/` is the home the finder was given.
        try FileManager.default.createDirectory(atPath: root + "/.local/bin", withIntermediateDirectories: true)
        let finder = SystemInstallFinder(searchPath: directories[0], home: root, cargoHome: root + "/cargo")
        FileManager.default.createFile(atPath: directories[0] + "/jq", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        #expect(finder.copy(shadowing: "~/.local/bin/jq", of: recipe)?.path == directories[0] + "/jq", "a home directory off PATH is shadowed")
    }

    /// Every catalog tool a release installs on Debian: with a copy before it on PATH, the plan names that copy and
    /// verifies the file it places.
    @Test func thePlanNamesTheCopyAReleaseIsShadowedBy() throws {
        let tools = TestSupport.catalog.recipes.values.filter { recipe in
            (try? TestSupport.plan([recipe.name], on: "debian-container", options: ResolveOptions(method: "release"))) != nil
        }.sorted { $0.name < $1.name }.prefix(20)
        #expect(tools.count >= 5)
        for recipe in tools {
            var options = ResolveOptions(installedProbe: FixedInstalled([:]), method: "release")
            options.installedCopies = Shadowing(path: "/opt/admin/bin/\(recipe.binary)")
            let plan = try TestSupport.plan([recipe.name], on: "debian-container", options: options)
            let note = plan.notes.first { $0.contains("/opt/admin/bin/\(recipe.binary) (") && $0.contains("comes before") }
            #expect(note != nil, "\(recipe.name): \(plan.notes)")
            let verified = plan.steps.lazy.compactMap { if case .verify(let p) = $0.action, $0.tool == recipe.name { p.binary } else { nil } }.first
            #expect(verified?.hasSuffix("/" + recipe.binary) == true && note?.contains(verified ?? "-") == true, "\(recipe.name): verify runs \(verified ?? "nothing")")
        }
    }
}

/// truth22 #3: a version request for a release tool whose place already holds a file (the user's own build) says, before
/// consent, that it replaces that file; a copy elsewhere, or no version asked for, says no such thing.
struct ReleaseReplacesFileTests {
    private struct Copies: InstalledCopiesProbe {
        var path: String
        func copies(of recipe: Recipe) -> [InstalledCopy] { [InstalledCopy(path: path, how: nil)] }
        func copy(shadowing placed: String, of recipe: Recipe) -> InstalledCopy? { nil }
    }

    @Test(arguments: ["k9s", "kind", "helm"])
    func aFileAtTheReleasesPlaceIsNamedAsReplaced(tool: String) throws {
        let recipe = try #require(TestSupport.catalog.recipe(named: tool))
        func notes(_ asked: String, copyAt path: String) throws -> [String] {
            var options = ResolveOptions(installedProbe: FixedInstalled([recipe.binary: "\(recipe.binary) 0.0.1 (my own build)"]), method: "release")
            options.installedCopies = Copies(path: path)
            return try TestSupport.plan([asked], on: "debian-container", options: options).notes
        }
        let place = "/usr/local/bin/" + recipe.binary
        let replaced = try notes(tool + "@1.2.3", copyAt: place)
        #expect(replaced.contains { $0.hasPrefix("\(tool): replaces the file at \(place)") && $0.contains("backups keep a copy") }, "\(replaced)")
        #expect(!(try notes(tool + "@1.2.3", copyAt: "/opt/x/bin/" + recipe.binary)).contains { $0.contains("replaces the file at") })
    }
}
