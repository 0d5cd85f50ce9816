import EvlogKit
import Rendering

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
