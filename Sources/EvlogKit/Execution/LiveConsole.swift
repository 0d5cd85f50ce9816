import Foundation
import InstallModel
import Orchestrator
import Rendering

/// Draws each recorded event on the terminal as it happens, through the same renderer replay uses.
public final class LiveConsole: EventObserver {
    private let renderer: any Renderer
    /// The plan was shown before the run started (ahead of a password prompt): `plan_created` is not drawn twice.
    private let planShown: Bool
    public init(renderer: any Renderer, planShown: Bool = false) {
        self.renderer = renderer
        self.planShown = planShown
    }

    public func observe(_ event: Event, state: PlanState) {
        let text = renderer.render(event)
        if planShown, case .planCreated = event.body { return }
        Terminal.write(text)
    }

    /// Feeds events that happened before this process without drawing them.
    public func prime(with events: some Sequence<Event>) {
        for event in events { _ = renderer.render(event) }
        _ = renderer.finish()
    }

    public func finish() { Terminal.write(renderer.finish()) }

    /// Columns of the terminal on standard output (80 when it cannot say); read once per renderer.
    public static var terminalColumns: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
