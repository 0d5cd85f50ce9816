import InstallModel
import Orchestrator
import Rendering

/// Draws each recorded event on the terminal as it happens, through the same renderer replay uses.
final class LiveConsole: EventObserver {
    private let renderer: any Renderer
    init(renderer: any Renderer) { self.renderer = renderer }

    func observe(_ event: Event, state: PlanState) { Terminal.write(renderer.render(event)) }

    func finish() { Terminal.write(renderer.finish()) }
}

extension GlobalOptions {
    /// The renderer for this invocation: NDJSON with `--json`, else lines (coloured on a terminal).
    func makeRenderer() -> any Renderer {
        json ? NDJSONRenderer() : LineRenderer(style: TextStyle(colored: useColor))
    }
}
