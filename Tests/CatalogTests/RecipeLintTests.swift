import Catalog
import Foundation
import InstallModel
import Testing

/// Facts about the shipped recipes that loading alone does not check (Docs/CATALOG.md §5).

@Test func everyVersionPatternIsAnchored() {
    for recipe in TestSupport.catalog.recipes.values {
        guard let pattern = recipe.verify.pattern else {
            Issue.record("\(recipe.name): no verify pattern, so any output (an error message too) would pass")
            continue
        }
        #expect(pattern.hasPrefix("^") || pattern.hasPrefix("(?m)^"), "\(recipe.name): /\(pattern)/ is not anchored")
    }
}

@Test func versionPatternsRejectTheErrorsToolsPrintForAWrongFlag() {
    let errors = ["Error: unknown flag: --version", "error: unexpected argument '--version' found", "usage: tool [options]", ""]
    for recipe in TestSupport.catalog.recipes.values where recipe.verify.command == nil {
        for text in errors {
            #expect(InstalledVersion.line(in: text, pattern: recipe.verify.pattern) == nil, "\(recipe.name) takes «\(text)» for a version")
        }
    }
}

/// The words an asset URL uses for each OS and arch; an asset must name its own and no other.
private let archWords: [String: [String]] = [
    "x86_64": ["x86_64", "amd64", "x64", "64-bit", "64bit"], "aarch64": ["aarch64", "arm64", "ARM64"],
]
private let osWords: [String: [String]] = [
    "linux": ["linux", "Linux"], "macos": ["darwin", "Darwin", "macos", "macOS", "apple", "osx", "mac."],
]

@Test func releaseAssetsCoverTheArchesTheyClaim() {
    for recipe in TestSupport.catalog.recipes.values {
        for method in recipe.methods {
            guard case .release(let spec) = method.kind else { continue }
            for (key, asset) in spec.assets {
                let parts = key.split(separator: "-").map(String.init)
                let os = parts[0]
                let arch = parts[parts.count - 1]
                let url = asset.url
                let where_ = "\(recipe.name) \(key): \(url)"
                #expect(osWords[os, default: []].contains { url.contains($0) }, "\(where_) does not name \(os)")
                let otherOS = osWords.filter { $0.key != os }.values.flatMap { $0 }
                #expect(!otherOS.contains { url.contains($0) }, "\(where_) names another OS")
                let mine = archWords[arch, default: []]
                let others = archWords.filter { $0.key != arch }.values.flatMap { $0 }
                // A universal build names no arch, nor do some x86_64 builds named before arm64 ones existed
                // (istio's `-osx`); everything else names its own arch, and none names another.
                let namesNoArch = !archWords.values.flatMap { $0 }.contains { url.contains($0) }
                if !url.contains("universal") && !(namesNoArch && arch == "x86_64") {
                    #expect(mine.contains { url.contains($0) }, "\(where_) does not name \(arch)")
                }
                #expect(!others.contains { url.contains($0) }, "\(where_) names another arch")
            }
        }
    }
}

@Test func noRepositoryIsPinnedToOneMinorRelease() throws {
    let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Sources/Catalog/Resources/repos.yaml"), encoding: .utf8)
    let pinned = text.split(separator: "\n").filter { $0.firstMatch(of: /\/v\d+\.\d+\//) != nil }
    #expect(pinned.isEmpty, "repos.yaml pins a minor release (use {channel}): \(pinned)")
    for family in TestSupport.catalog.repositories.values {
        let templated = family.variants.values.contains { ($0.keyURL ?? "").contains("{channel}") || ($0.sourceEntry ?? "").contains("{channel}") }
        guard templated else { continue }
        for recipe in TestSupport.catalog.recipes.values {
            for method in recipe.methods {
                guard case .packages(let entries) = method.kind else { continue }
                for (key, entry) in entries where entry?.repository == family.name {
                    #expect(entry?.channel != nil, "\(recipe.name) \(key): repo \(family.name) needs a channel")
                }
            }
        }
    }
}

/// Package names as each manager spells them: no version pins or spaces in the data, taps only for brew,
/// no uppercase where the manager has none (pacman, apt).
@Test func packageNamesFollowEachManagersSyntax() {
    for recipe in TestSupport.catalog.recipes.values {
        for method in recipe.methods {
            guard case .packages(let entries) = method.kind else { continue }
            for (key, entry) in entries {
                guard let entry else { continue }
                let manager = PackageManager(rawValue: key) ?? CatalogVocabulary.manager(forDistribution: key)
                for name in entry.names {
                    let where_ = "\(recipe.name) \(key): \(name)"
                    #expect(name.firstMatch(of: /^[A-Za-z0-9@._+\/-]+$/) != nil, "\(where_): not a package name")
                    #expect(!name.contains("=") && !name.contains(">") && !name.contains("~"), "\(where_): pins a version")
                    if name.contains("/") { #expect(manager == .brew, "\(where_): only Homebrew names taps") }
                    if [.pacman, .apt].contains(manager) { #expect(name == name.lowercased(), "\(where_): uppercase") }
                }
            }
        }
    }
}

@Test func everyResolvedPackagesStepUsesTheProfilesOwnManager() throws {
    for profile in NamedProfiles.all {
        for tool in TestSupport.catalog.toolNames {
            guard let plan = try? TestSupport.plan([tool], on: profile.name) else { continue }
            for step in plan.steps {
                guard case .packages(let parameters) = step.action else { continue }
                #expect(profile.has(parameters.manager), "\(tool)@\(profile.name): \(parameters.manager)")
                if profile.distribution == "rocky" || profile.distribution == "almalinux" {
                    #expect(parameters.manager == .dnf, "\(tool)@\(profile.name): the RHEL family installs with dnf")
                }
            }
        }
    }
}

@Test func everyChecksumFileExpandsToAFileBesideEachAsset() {
    // A shared checksum file's name as projects publish them: `SHA256SUMS`, `checksums.txt`,
    // `tofu_1.8.7_SHA256SUMS`, `cli_checksums.txt`, `CHECKSUM`, `SHASUMS256.txt`, `doctl-1.119.0-checksums.sha256`.
    let sharedChecksumName = #/(?i)^[\w.+-]*(sha256sums?|checksums?|shasums256)[\w.+-]*$/#
    var checked = 0
    for recipe in TestSupport.catalog.recipes.values {
        for method in recipe.methods {
            guard case .release(let spec) = method.kind, let template = spec.checksumFile else { continue }
            for (key, asset) in spec.assets.sorted(by: { $0.key < $1.key }) {
                let assetURL = asset.url.replacingOccurrences(of: "{version}", with: spec.version)
                let assetName = String(assetURL.split(separator: "/").last ?? "")
                let file = template.replacingOccurrences(of: "{version}", with: spec.version)
                    .replacingOccurrences(of: "{asset}", with: assetName)
                let where_ = "\(recipe.name) \(key): \(file)"
                #expect(!file.contains("{") && !file.contains("}"), "\(where_) keeps a placeholder")
                #expect(file.hasPrefix("https://"), "\(where_) is not https")
                let directory = { (url: String) in url.split(separator: "/").dropLast().joined(separator: "/") }
                #expect(directory(file) == directory(assetURL), "\(where_) is not in the asset's release directory")
                let name = String(file.split(separator: "/").last ?? "")
                let perAsset = name == assetName + ".sha256" || name == assetName + ".sha256sum"
                #expect(perAsset || name.wholeMatch(of: sharedChecksumName) != nil, "\(where_) is not a checksum file's name")
                if !perAsset {
                    let platformWords = (archWords.values.flatMap { $0 } + osWords.values.flatMap { $0 })
                    #expect(!platformWords.contains { name.contains($0) }, "\(where_): a shared file names a platform")
                }
                checked += 1
            }
        }
    }
    #expect(checked >= 100, "only \(checked) assets are checked against a checksum file")
}

/// The built-in catalog loads without compiling its verify patterns (start-up time); they are compiled here.
@Test func everyBuiltInVersionPatternCompiles() {
    for recipe in TestSupport.catalog.recipes.values {
        guard let pattern = recipe.verify.pattern else { continue }
        #expect((try? Regex(pattern)) != nil, "\(recipe.name): /\(pattern)/ is not a valid regular expression")
    }
}
