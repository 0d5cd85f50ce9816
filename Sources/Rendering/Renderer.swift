import InstallModel

/// Turns events into terminal bytes. Live runs and replays call the same renderer with the same events,
/// so they print the same bytes (ARCHITECTURE.md, principle 6).
///
/// Contract: output depends only on the events given (never on the wall clock or the terminal's
/// state); `render` is called once per event in sequence order; `finish` flushes partial lines.
public protocol Renderer: AnyObject {
    func render(_ event: Event) -> [UInt8]
    func finish() -> [UInt8]
}
