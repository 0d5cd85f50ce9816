import ArgumentParser
import Foundation

/// Flags every command shares: where evlog keeps its state, JSON output, colour.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Where plans and locks live (default: $EVLOG_HOME, else $XDG_STATE_HOME/evlog, else ~/.local/state/evlog).")
    var home: String?

    @Flag(name: .long, help: "Machine-readable output (JSON or NDJSON).")
    var json = false

    @Flag(name: .long, help: "Plain output without colours (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    /// The resolved home directory.
    var homeDirectory: String {
        if let home { return home }
        let environment = ProcessInfo.processInfo.environment
        if let home = environment["EVLOG_HOME"], !home.isEmpty { return home }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/evlog" }
        return NSHomeDirectory() + "/.local/state/evlog"
    }

    var plansDirectory: String { homeDirectory + "/plans" }

    /// An empty `--home` would put plans at `/plans`, and a file cannot hold them: both are usage errors.
    func validate() throws {
        guard let home else { return }
        if home.isEmpty { throw ValidationError("--home is empty; give a directory (it is created if missing)") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: home, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--home \(home) is not a directory; give a directory (it is created if missing)")
        }
    }

    /// Colour only on a terminal, and never with `--no-color` or `NO_COLOR`.
    var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }
}
