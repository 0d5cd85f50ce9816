import Foundation
import InstallModel
import Orchestrator
import Rendering

/// Draws each recorded event on the terminal as it happens, through the same renderer replay uses.
final class LiveConsole: EventObserver {
    private let renderer: any Renderer
    /// The plan was shown before the run started (ahead of a password prompt): `plan_created` is not drawn twice.
    private let planShown: Bool
    init(renderer: any Renderer, planShown: Bool = false) {
        self.renderer = renderer
        self.planShown = planShown
    }

    func observe(_ event: Event, state: PlanState) {
        let text = renderer.render(event)
        if planShown, case .planCreated = event.body { return }
        Terminal.write(text)
    }

    /// Feeds events that happened before this process without drawing them.
    func prime(with events: some Sequence<Event>) {
        for event in events { _ = renderer.render(event) }
        _ = renderer.finish()
    }

    func finish() { Terminal.write(renderer.finish()) }

    /// Columns of the terminal on standard output (80 when it cannot say); read once per renderer.
    static var terminalColumns: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

extension GlobalOptions {
    /// The one place a renderer is chosen, for live runs and replays alike: NDJSON with `--json`; the
    /// redrawn terminal view when standard output is a terminal and colour is allowed; plain lines
    /// otherwise (piped, `--no-color`, `NO_COLOR`), which is what replay ≡ live compares byte for byte.
    func makeRenderer() -> any Renderer {
        if json { return NDJSONRenderer() }
        if useColor { return TerminalRenderer(style: TextStyle(colored: true), columns: LiveConsole.terminalColumns) }
        return LineRenderer(style: TextStyle(colored: false))
    }
}
