import Foundation
import PathSafety

extension AptRemovalProbe {
    /// One configuration file a package shipped (dpkg's `Conffiles`), with the md5 dpkg recorded for it.
    struct ShippedConffile: Equatable, Sendable {
        var package: String
        var path: String
        var md5: String
    }

    /// The configuration files of `packages` whose content is no longer what the package shipped (the user's edits,
    /// which `apt-get purge` deletes: truth12 F16), by package; a file no longer there is not counted (a purge loses
    /// nothing of it). Nil when dpkg-query or md5sum cannot be asked: then nobody knows, and a caller keeps them.
    public static func changedConffiles(_ packages: [String], searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> [String: [String]]?
    {
        guard !packages.isEmpty else { return [:] }
        guard let dpkgQuery = ProgramSearch.find("dpkg-query", path: searchPath), let md5sum = ProgramSearch.find("md5sum", path: searchPath),
            let listed = CommandCapture.run([dpkgQuery, "-W", "-f=${Package}\n${Conffiles}\n", "--"] + packages, timeoutSeconds: simulationSeconds)
        else { return nil }
        let shipped = shippedConffiles(inOutput: listed.output).filter { packages.contains($0.package) }
        guard !shipped.isEmpty else { return [:] }
        guard let summed = CommandCapture.run([md5sum, "--"] + shipped.map(\.path), timeoutSeconds: simulationSeconds) else { return nil }
        let now = digests(inOutput: summed.output)
        var changed: [String: [String]] = [:]
        for file in shipped where now[file.path].map({ $0 != file.md5 }) == true {
            changed[file.package, default: []].append(file.path)
        }
        return changed
    }

    /// The conffiles in `dpkg-query -W -f='${Package}\n${Conffiles}\n'` output: a package's name on its own line,
    /// then one ` /path md5 [obsolete]` line per file. Lines of any other shape (dpkg's complaints) are skipped.
    static func shippedConffiles(inOutput output: String) -> [ShippedConffile] {
        var files: [ShippedConffile] = []
        var package: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.hasPrefix(" ") else {
                // dpkg's complaints (stderr, in the same capture) may come between a package and its files: skipped.
                if !line.contains(" ") { package = String(line) }
                continue
            }
            let words = line.split(separator: " ")
            guard let package, words.count >= 2, words[0].hasPrefix("/"), words[1].count == 32, words[1].allSatisfy(\.isHexDigit) else { continue }
            files.append(ShippedConffile(package: package, path: String(words[0]), md5: String(words[1])))
        }
        return files
    }

    /// The digests in `md5sum` output (`<32 hex>  /path` per file); md5sum's complaints about missing files are skipped.
    static func digests(inOutput output: String) -> [String: String] {
        var digests: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit) else { continue }
            digests[String(parts[1].drop { $0 == " " || $0 == "*" })] = String(parts[0])
        }
        return digests
    }
}
