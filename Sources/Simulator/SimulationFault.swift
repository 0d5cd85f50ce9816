import InstallModel
import Orchestrator

/// A fault injected into a simulated run, on the first command whose line matches `command`.
public struct SimulationFault: Sendable, Hashable {
    /// What goes wrong.
    public enum Kind: Sendable, Hashable {
        /// The command fails with this recorded response instead of its usual one.
        case fail(Fixture.Response)
        /// The command never finishes: it runs into the step's timeout.
        case hang
        /// The command prints the first part of `text` and is killed (SIGKILL, exit 137).
        case partialOutput(String)
    }

    /// A fixture-style pattern (`*` wildcards).
    public var command: String
    public var kind: Kind

    public init(command: String, kind: Kind) {
        self.command = command
        self.kind = kind
    }

    func matches(_ line: String) -> Bool { Fixture(source: "", command: command, responses: []).matches(line) }

    func response(timeoutSeconds: Int) -> Fixture.Response {
        switch kind {
        case .fail(let response):
            return response
        case .hang:
            return Fixture.Response(exitCode: 0, chunks: [], tailMilliseconds: (timeoutSeconds + 1) * 1000)
        case .partialOutput(let text):
            let half = String(text.prefix(max(1, text.count / 2)))
            return Fixture.Response(exitCode: 137, chunks: [Fixture.Chunk(delayMilliseconds: 50, stream: .stdout, text: half)])
        }
    }
}
