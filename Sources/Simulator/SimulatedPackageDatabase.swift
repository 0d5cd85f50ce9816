import InstallModel
import Orchestrator
import Synchronization

/// dpkg's database and apt's history in a reproduction's filesystem, as the log shows each apt step found and
/// left them (`RecordedPackageChange`): when such a step starts, its packages are as it found them (what it
/// removed or upgraded installed, at the old version; what it added absent, or configuration only), and once
/// its last command has finished they are as it left them, with apt's history holding its transaction, unless
/// the original could not read that history (`byDifference`). So the step's real executor computes the change
/// the original computed and says what it said ("upgraded by this install: …", truth10 F10). Packages the log
/// names no change of are not there: no step's computation depends on them.
///
/// pipx keeps its packages as venvs: a pipx step whose log shows it found its venv half-made finds one
/// (without pipx's metadata), so it runs `pipx install --force` again, as the original did.
public final class SimulatedPackageDatabase: Sendable {
    private enum Entry: Equatable {
        case installed(version: String)
        case configOnly
    }

    private struct State {
        var packages: [String: Entry] = [:]
        /// apt's history so far; nil while the original could not read it.
        var history: String? = ""
    }

    private let atStart: [UInt64: RecordedPackageChange]
    private let atFinish: [UInt64: RecordedPackageChange]
    private let halfMadeVenvs: [UInt64: String]
    /// Where pipx keeps venvs for the reproduction's user (its default, `$PIPX_HOME` being unset there).
    private let venvsDirectory: String
    private let fileSystem: SimulatedFileSystem
    private let state = Mutex(State())

    /// `halfMadeVenvs`: venv names by the `step_started` of the pipx step that found them half-made.
    public init(
        _ changes: [RecordedPackageChange], halfMadeVenvs: [UInt64: String] = [:], userHome: String, fileSystem: SimulatedFileSystem
    ) {
        atStart = Dictionary(changes.map { ($0.startedSequence, $0) }) { first, _ in first }
        atFinish = Dictionary(changes.map { ($0.finishedSequence, $0) }) { first, _ in first }
        self.halfMadeVenvs = halfMadeVenvs
        venvsDirectory = userHome + "/.local/share/pipx/venvs"
        self.fileSystem = fileSystem
    }

    /// At the `step_started` with this sequence number: the step finds the packages as the log shows it found them.
    public func stepStarted(at sequence: UInt64) {
        if let venv = halfMadeVenvs[sequence] {
            try? fileSystem.writeAtomically(venvsDirectory + "/" + venv + "/pyvenv.cfg", contents: [], mode: nil)
        }
        guard let change = atStart[sequence]?.change else { return }
        state.withLock { state in
            for package in change.added + change.installedByOthers {
                state.packages[package] = change.hadConfig.contains(package) ? .configOnly : nil
            }
            for package in change.removed {
                if case .installed = state.packages[package] { continue }
                state.packages[package] = .installed(version: Self.someVersion)
            }
            for upgrade in change.upgraded { state.packages[upgrade.package] = .installed(version: upgrade.from) }
            if change.byDifference {
                state.history = nil
            } else if state.history == nil {
                state.history = ""
            }
            write(state)
        }
    }

    /// At the `command_finished` with this sequence number: the step's command left the packages as the log shows.
    public func commandFinished(at sequence: UInt64) {
        guard let recorded = atFinish[sequence] else { return }
        let change = recorded.change
        state.withLock { state in
            for package in change.added + change.installedByOthers {
                if case .installed = state.packages[package] { continue }
                state.packages[package] = .installed(version: Self.someVersion)
            }
            for package in change.removed { state.packages[package] = nil }
            for upgrade in change.upgraded { state.packages[upgrade.package] = .installed(version: upgrade.to) }
            if !change.byDifference {
                state.history = (state.history ?? "") + Self.transaction(recorded.commandLine, change)
            }
            write(state)
        }
    }

    /// The version of a package whose version the log does not give (only an upgrade's versions are recorded):
    /// it stays the same while the package is there, so it is never read as an upgrade.
    private static let someVersion = "recorded"

    /// apt's entry for the step's own transaction: its command line, what it installed and what it upgraded.
    private static func transaction(_ commandLine: [String], _ change: PackageSetChange) -> String {
        var lines = ["Start-Date: reproduced", "Commandline: " + commandLine.joined(separator: " ")]
        if !change.added.isEmpty { lines.append("Install: " + change.added.map { "\($0) (\(someVersion))" }.joined(separator: ", ")) }
        if !change.upgraded.isEmpty {
            lines.append("Upgrade: " + change.upgraded.map { "\($0.package) (\($0.from), \($0.to))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\nEnd-Date: reproduced\n\n"
    }

    private func write(_ state: State) {
        let status = state.packages.sorted { $0.key < $1.key }.map { package, entry in
            switch entry {
            case .installed(let version): "Package: \(package)\nStatus: install ok installed\nVersion: \(version)\n"
            case .configOnly: "Package: \(package)\nStatus: deinstall ok config-files\n"
            }
        }
        try? fileSystem.writeAtomically(AptFiles.dpkgStatus, contents: Array(status.joined(separator: "\n").utf8), mode: nil)
        if let history = state.history {
            try? fileSystem.writeAtomically(AptFiles.history, contents: Array(history.utf8), mode: nil)
        } else {
            fileSystem.remove(AptFiles.history)
        }
    }
}
