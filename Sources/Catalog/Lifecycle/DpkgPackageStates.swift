import Foundation
import PathSafety

/// What dpkg's own database says of one package now (`dpkg-query -W -f='${db:Status-Abbrev}'`): the action the
/// user or apt asked for and how far dpkg got. Read from dpkg, never from apt's cache: after a dpkg run cut off
/// mid-way, `apt-cache policy` still reads the status file dpkg had not yet rewritten (its journal in
/// /var/lib/dpkg/updates holds the truth), and called a purged package installed (truth12 F14).
public struct DpkgPackageState: Equatable, Sendable {
    /// The wanted action: `i` install, `h` hold, `r` remove, `p` purge, `u` unknown.
    public var desired: Character
    /// How far dpkg got: `n` not installed, `c` config-files, `H` half-installed, `U` unpacked, `F` half-configured,
    /// `W`/`t` triggers pending, `i` installed.
    public var status: Character
    /// The version dpkg records (empty for a package it only knows by name).
    public var version: String

    /// Installed and wanted so (`ii`, `hi`): the package the user has. Triggers awaited or pending (`iW`, `it`) are of
    /// a package unpacked and configured whose triggers have not run yet (just after an apt run, or a dpkg cut off in its
    /// trigger phase): installed too (review15 R12).
    public var isInstalled: Bool { "iWt".contains(status) && (desired == "i" || desired == "h") }
    /// Nothing of it but perhaps its configuration files (`un`, `rc`, `pn`).
    public var isGone: Bool { status == "n" || status == "c" }
    /// Asked to be removed or purged while some of it is still there (`pi`, `rH`, `pU`): a removal that did not
    /// finish. apt drops a package's automatic mark when it starts removing it, so `apt-mark showmanual` lists it.
    public var isBeingRemoved: Bool { (desired == "r" || desired == "p") && !isGone }
    /// dpkg's two letters, as `dpkg -l` shows them.
    public var abbreviation: String { String([desired, status]) }

    public init(desired: Character, status: Character, version: String) {
        self.desired = desired
        self.status = status
        self.version = version
    }
}

extension AptRemovalProbe {
    /// dpkg's state of each of `packages` it knows; a package dpkg has no record of is absent (it is not installed).
    /// Nil when dpkg-query is not here or does not answer.
    public static func dpkgStates(_ packages: [String], searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> [String: DpkgPackageState]?
    {
        guard !packages.isEmpty else { return [:] }
        guard let dpkgQuery = ProgramSearch.find("dpkg-query", path: searchPath),
            let result = CommandCapture.run(
                [dpkgQuery, "-W", "-f=${Package}|${db:Status-Abbrev}|${Version}\n", "--"] + packages, timeoutSeconds: simulationSeconds)
        else { return nil }
        return dpkgStates(inOutput: result.output).filter { packages.contains($0.key) }
    }

    /// The states in `dpkg-query -W -f='${Package}|${db:Status-Abbrev}|${Version}\n'` output (an `:arch` after the
    /// name dropped); lines of any other shape (dpkg's complaints, in the same capture) are skipped.
    static func dpkgStates(inOutput output: String) -> [String: DpkgPackageState] {
        var states: [String: DpkgPackageState] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let name = fields[0].split(separator: ":").first, !name.contains(" ") else { continue }
            let abbreviation = Array(fields[1])
            guard abbreviation.count >= 2, "uihrp".contains(abbreviation[0]), "ncHUFWti".contains(abbreviation[1]) else { continue }
            states[String(name)] = DpkgPackageState(
                desired: abbreviation[0], status: abbreviation[1], version: fields[2].trimmingCharacters(in: .whitespaces))
        }
        return states
    }
}
