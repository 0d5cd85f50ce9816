import Catalog
import Foundation
import InstallModel
import Testing

/// Language-installer package names checked against registry name lists kept on this machine: PyPI's
/// (`pypi.tsv`, every project) for pipx and pip, npm's most-downloaded packages (`npm.tsv`) for npm, and the Go
/// module proxy's answers for some modules (`go-partial.tsv`) for go. Each list is a tab-separated file whose
/// first column is the name and whose first line names the columns. The directory is `$EVLOG_PACKAGE_LISTS`,
/// else `/work/.library/env/packages`; a test whose list is absent says so and checks nothing. No such lists
/// exist here for dnf, apk, pacman or brew, so their names stay unchecked (Docs/CATALOG.md §5).
struct LanguagePackageNameTests {
    static let directory = ProcessInfo.processInfo.environment["EVLOG_PACKAGE_LISTS"] ?? "/work/.library/env/packages"

    /// Each language package the recipes name for `installer`, with the tool that names it.
    static func packages(for installer: PackageManager) -> [(tool: String, package: String)] {
        TestSupport.catalog.recipes.values.sorted { $0.name < $1.name }.flatMap { recipe in
            recipe.methods.compactMap { method -> (String, String)? in
                guard case .language(let language) = method.kind, language.installer == installer else { return nil }
                return (recipe.name, language.package)
            }
        }
    }

    /// Which of `wanted` (each already passed through `key`) the first column of a list holds, each listed name
    /// passed through `key`; nil when the file is not here. Reads bytes: pypi.tsv has near a million lines.
    static func listed(_ wanted: Set<[UInt8]>, in file: String, key: ([UInt8]) -> [UInt8] = { $0 }) -> Set<[UInt8]>? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { return nil }
        var found: Set<[UInt8]> = []
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var index = (bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count) + 1  // the header line
            var name: [UInt8] = []
            while index < bytes.count {
                name.removeAll(keepingCapacity: true)
                while index < bytes.count, bytes[index] != UInt8(ascii: "\t"), bytes[index] != UInt8(ascii: "\n") {
                    name.append(bytes[index])
                    index += 1
                }
                let normalized = key(name)
                if wanted.contains(normalized) { found.insert(normalized) }
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                index += 1
            }
        }
        return found
    }

    /// PEP 503: case-insensitive, runs of `-`, `_` and `.` alike.
    static func normalizedPyPI(_ name: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        for byte in name {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                if result.last != UInt8(ascii: "-") { result.append(UInt8(ascii: "-")) }
            } else {
                result.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            }
        }
        return result
    }

    @Test func pipxAndPipPackagesArePyPIProjects() throws {
        // `black[d]==24.*` → `black`.
        let named = (Self.packages(for: .pipx) + Self.packages(for: .pip)).map { named in
            (named.tool, String(named.package.prefix { !"[=<>~!; ".contains($0) }))
        }
        let wanted = Set(named.map { Self.normalizedPyPI(Array($0.1.utf8)) })
        guard let pypi = Self.listed(wanted, in: "pypi.tsv", key: Self.normalizedPyPI) else {
            print("skipped: no \(Self.directory)/pypi.tsv")
            return
        }
        #expect(named.count > 50, "expected many pipx recipes, found \(named.count)")
        for (tool, project) in named {
            #expect(pypi.contains(Self.normalizedPyPI(Array(project.utf8))), "\(tool): '\(project)' is no PyPI project")
        }
    }

    @Test func npmPackagesAreAmongTheListedNpmPackages() throws {
        // `@scope/name@1.2` → `@scope/name`.
        let named = Self.packages(for: .npm).map { named in
            (named.tool, named.package.dropFirst().firstIndex(of: "@").map { String(named.package[..<$0]) } ?? named.package)
        }
        guard let npm = Self.listed(Set(named.map { Array($0.1.utf8) }), in: "npm.tsv") else {
            print("skipped: no \(Self.directory)/npm.tsv")
            return
        }
        #expect(named.count > 30, "expected many npm recipes, found \(named.count)")
        for (tool, name) in named {
            #expect(npm.contains(Array(name.utf8)), "\(tool): '\(name)' is not in the npm list (the most-downloaded packages); check the name")
        }
    }

    @Test func goModulesAreNoneTheProxyRefused() throws {
        guard let data = FileManager.default.contents(atPath: Self.directory + "/go-partial.tsv") else {
            print("skipped: no \(Self.directory)/go-partial.tsv")
            return
        }
        // The list holds only some modules, so absence proves nothing; a module it marks `not-served` is wrong.
        let refused = Set(
            String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().compactMap { line -> String? in
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                return columns.count > 1 && columns[1] == "not-served" ? String(columns[0]) : nil
            })
        #expect(!refused.isEmpty, "go-partial.tsv marks no module not-served: its format changed")
        let named = Self.packages(for: .go)
        #expect(named.count > 20, "expected many go recipes, found \(named.count)")
        for (tool, package) in named {
            let path = package.split(separator: "@").first.map(String.init) ?? package
            let parts = path.split(separator: "/")
            let prefixes = (1...parts.count).map { parts.prefix($0).joined(separator: "/") }
            #expect(!prefixes.contains(where: refused.contains), "\(tool): the Go module proxy does not serve \(path)")
        }
    }
}
