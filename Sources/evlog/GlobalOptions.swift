import EvlogKit
import ArgumentParser
import Foundation

/// Flags every command shares: where evlog keeps its state, JSON output, colour.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Where plans and locks live (default: $EVLOG_HOME, else $XDG_STATE_HOME/evlog, else $HOME/.local/state/evlog).")
    var home: String?

    @Flag(name: .long, help: "Machine-readable output (JSON or NDJSON).")
    var json = false

    @Flag(name: .long, help: "Plain output without colours (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    /// The resolved home directory.
    var homeDirectory: String { Self.homeDirectory(given: home) }

    /// The home a `--home` value (nil: none given) stands for; usable before or without parsing (completion).
    static func homeDirectory(given home: String?) -> String { StateHome.directory(given: home) }

    var plansDirectory: String { homeDirectory + "/plans" }

    /// A bad `--home` is caught before parsing (`HomeDirectoryCheck`, one line, exit 2, writable unless the command
    /// only reads); this repeats the rule for a command line that reached parsing another way, as far as it can
    /// without knowing the command: a home that is no readable directory.
    func validate() throws {
        guard let home, let problem = HomeDirectoryCheck.problem(home: home, source: "--home", reading: true) else { return }
        throw ValidationError(problem)
    }

    /// Colour only on a terminal, and never with `--no-color` or `NO_COLOR`.
    var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }
}
