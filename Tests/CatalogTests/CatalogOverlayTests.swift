import Catalog
import Foundation
import InstallModel
import Testing

/// `--catalog DIR` overlays, `key_fingerprint` in repos.yaml and `checksum: {file:}` on releases.
struct CatalogOverlayTests {
    /// A temporary overlay directory with the given recipe and repository texts.
    private func overlay(recipes: String? = nil, repos: String? = nil) throws -> String {
        let directory = NSTemporaryDirectory() + "evlog-overlay-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory + "/recipes", withIntermediateDirectories: true)
        if let recipes { try Data(recipes.utf8).write(to: URL(fileURLWithPath: directory + "/recipes/tools.yaml")) }
        if let repos { try Data(repos.utf8).write(to: URL(fileURLWithPath: directory + "/repos.yaml")) }
        return directory
    }

    private let inHouseRipgrep = """
        ripgrep:
          description: ripgrep from the company mirror
          binary: rg
          verify: {pattern: 'ripgrep \\\\d+'}
          methods:
            - packages: {apt: {name: ripgrep-inhouse, repo: inhouse}}

        """

    private let inHouseRepo = """
        inhouse:
          apt:
            key_url: https://apt.example.invalid/key.asc
            key_fingerprint: "9DC8 5822 9FC7 DD38 854A  E2D8 8D81 803C 0EBF CD88"
            keyring: /etc/apt/keyrings/inhouse.gpg
            source: "deb [signed-by=/etc/apt/keyrings/inhouse.gpg] https://apt.example.invalid stable main"
            source_path: /etc/apt/sources.list.d/inhouse.list

        """

    @Test func overlayRecipeReplacesTheBuiltInOneAndThePlanSaysSo() throws {
        let directory = try overlay(recipes: inHouseRipgrep, repos: inHouseRepo)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = try TestSupport.catalog.overlaid(by: directory)
        #expect(catalog.recipe(named: "ripgrep")?.summary == "ripgrep from the company mirror")
        #expect(catalog.recipe(named: "rg") == nil, "the replaced recipe's aliases went with it")
        #expect(catalog.recipe(named: "jq") != nil, "the rest of the built-in catalog stays")
        let plan = try Resolver(catalog: catalog).resolve(
            tools: ["ripgrep"], profile: TestSupport.profile("debian-container"), planID: PlanID("p-test"))
        #expect(plan.notes.contains("ripgrep: the recipe from the overlay \(directory)/recipes/tools.yaml replaces the built-in one"), "\(plan.notes)")
        guard case .repoSetup(let repo) = plan.steps.first?.action else {
            Issue.record("no repo_setup step first: \(plan.steps.map(\.id))")
            return
        }
        #expect(repo.keyFingerprints == ["9DC858229FC7DD38854AE2D88D81803C0EBFCD88"])
    }

    /// An overlay repository's keyring and source file are named for it (its name, then `-`, `_`, `.` or nothing):
    /// a file another repository or the distribution owns is refused at load with the file and line. Generated
    /// (seeded): repository names, and base names that are the repository's own, another's, or the name run on.
    @Test func anOverlayRepositoryNamesOnlyItsOwnFiles() throws {
        var generator = SplitMix64(seed: 41)
        func pick(_ choices: [String]) -> String { choices[Int(generator.next() % UInt64(choices.count))] }
        for _ in 0..<24 {
            let name = pick(["acme", "d", "in-house", "k8s"]) + String(generator.next() % 100)
            let stem = pick([name, name + "-archive-keyring", name + "_apt", name + ".io", name + "x", "docker", "ubuntu-archive-keyring", "ubuntu", "debian"])
            let ownStem = stem == name || ["-", "_", "."].contains { stem.hasPrefix(name + $0) }
            let keyringField = generator.next() % 2 == 0
            let keyring = "/etc/apt/keyrings/" + (keyringField ? stem : name) + pick([".gpg", ".asc"])
            // The one-line entry goes in a `.list` file: a `.sources` one is deb822 to apt (integrity10 finding 14).
            let ending = pick([".list", ".sources"])
            let sourcePath = "/etc/apt/sources.list.d/" + (keyringField ? name : stem) + ending
            let own = ownStem && ending == ".list"
            let wrongField = keyringField && !ownStem ? "keyring" : "source_path"
            let repos = """
                \(name):
                  apt:
                    key_url: https://apt.example.invalid/key.asc
                    keyring: \(keyring)
                    source: "deb [signed-by=\(keyring)] https://apt.example.invalid stable main"
                    source_path: \(sourcePath)

                """
            let directory = try overlay(repos: repos)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            do {
                _ = try TestSupport.catalog.overlaid(by: directory)
                #expect(own, "\(keyring), \(sourcePath) loaded for '\(name)'")
            } catch {
                #expect(!own, "\(keyring), \(sourcePath) refused for '\(name)': \(error)")
                #expect(error.description.contains("repos.yaml:") && error.description.contains(wrongField), "\(error)")
                #expect(ending == ".list" || !ownStem || error.description.contains("deb822"), "\(error)")
            }
        }
    }

    @Test func overlayWithNeitherRecipesNorReposIsRejected() throws {
        let directory = NSTemporaryDirectory() + "evlog-overlay-empty-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: CatalogError.self) { try TestSupport.catalog.overlaid(by: directory) }
    }

    @Test func keyFingerprintThatIsNotHexIsRejectedWithItsLine() throws {
        let bad = inHouseRepo.replacingOccurrences(of: "9DC8 5822", with: "XYZ")
        do {
            _ = try Catalog(recipeFiles: [("recipes/t.yaml", inHouseRipgrep)], repositoryFile: ("repos.yaml", bad))
            Issue.record("a bad fingerprint loaded")
        } catch {
            #expect(error.description.contains("repos.yaml:4"), "\(error)")
            #expect(error.description.contains("not 40 or 64 hex digits"), "\(error)")
        }
    }

    private func release(checksum: String, url: String) -> String {
        """
        acme:
          description: a release
          binary: acme
          verify: {pattern: 'acme'}
          methods:
            - release:
                repo: acme/acme
                version: 1.2.3
                checksum: \(checksum)
                path: acme-{version}/acme
                assets:
                  linux-x86_64: "\(url)/acme-{version}-linux-x86_64.tar.gz"

        """
    }

    @Test func checksumFileIsFilledWithVersionAndAssetAndCountsAsChecked() throws {
        let text = release(checksum: "{file: \"https://example.invalid/v{version}/{asset}.sha256\"}", url: "https://example.invalid/v{version}")
        let catalog = try Catalog(recipeFiles: [("recipes/t.yaml", text)])
        let plan = try Resolver(catalog: catalog).resolve(
            tools: ["acme"], profile: TestSupport.profile("debian-container"), planID: PlanID("p-test"))
        guard case .githubRelease(let release) = plan.steps.first?.action else {
            Issue.record("no release step: \(plan.steps.map(\.id))")
            return
        }
        #expect(release.checksumFileURL == "https://example.invalid/v1.2.3/acme-1.2.3-linux-x86_64.tar.gz.sha256")
        #expect(release.installDirectory == "/usr/local/bin", "root installs where every PATH looks")
        #expect(plan.steps.first?.risk == .low)
        #expect(!plan.notes.contains { $0.contains("no pinned checksum") }, "\(plan.notes)")
    }

    @Test func plainHTTPIsOnlyAcceptedForThisMachine() throws {
        let local = release(checksum: "{file: \"http://127.0.0.1:8080/SHA256SUMS\"}", url: "http://127.0.0.1:8080")
        #expect(throws: Never.self) { try Catalog(recipeFiles: [("recipes/t.yaml", local)]) }
        let remote = release(checksum: "{file: \"http://example.invalid/SHA256SUMS\"}", url: "https://example.invalid")
        #expect(throws: CatalogError.self) { try Catalog(recipeFiles: [("recipes/t.yaml", remote)]) }
    }
}
