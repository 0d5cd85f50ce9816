import Rendering

/// How events are drawn, chosen once from `--json` and whether colour is allowed.
public struct OutputStyle: Sendable {
    /// NDJSON, one event a line.
    public var json: Bool
    /// Standard output is a terminal and colour is allowed.
    public var useColor: Bool

    /// A style from the two choices.
    public init(json: Bool, useColor: Bool) {
        self.json = json
        self.useColor = useColor
    }

    /// The one place a renderer is chosen, for live runs and replays alike: NDJSON with `--json`; the
    /// redrawn terminal view when standard output is a terminal and colour is allowed; plain lines
    /// otherwise (piped, `--no-color`, `NO_COLOR`), which is what replay ≡ live compares byte for byte.
    public func makeRenderer() -> any Renderer {
        if json { return NDJSONRenderer() }
        if useColor { return TerminalRenderer(style: TextStyle(colored: true), columns: LiveConsole.terminalColumns) }
        return LineRenderer(style: TextStyle(colored: false))
    }
}
