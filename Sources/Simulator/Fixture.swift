import Foundation
import InstallModel

/// A recorded command: what it printed, when, and how it exited — keyed by its command line.
public struct Fixture: Codable, Hashable, Sendable {
    /// Where the output came from: `captured on …` (a real run) or `written from …` (documentation).
    public var source: String
    /// The exact command line, or a pattern with `*` wildcards (`apt-get install -y * ripgrep`).
    public var command: String
    /// One response per invocation; the last repeats. A response with `after` models a fixable failure:
    /// `[failure, success after the fix]` fails until the fix has run.
    public var responses: [Response]
    /// A pattern (`dnf install -y *`) of commands this documented output may stand in for when they have
    /// no recording of their own, such as the same install of other packages. The simulator says so
    /// before it plays it; the output itself is left as documented.
    public var standsInFor: String?

    public init(source: String, command: String, responses: [Response], standsInFor: String? = nil) {
        self.source = source
        self.command = command
        self.responses = responses
        self.standsInFor = standsInFor
    }

    private enum CodingKeys: String, CodingKey { case source, command, responses, standsInFor = "stands_in_for" }

    /// One invocation's output and exit.
    public struct Response: Codable, Hashable, Sendable {
        public var exitCode: Int32
        public var chunks: [Chunk]
        /// Time after the last chunk until the command exits.
        public var tailMilliseconds: Int
        /// When set, this response is played only once the simulated system has run this command line
        /// successfully (in this process or, from the log, an earlier one): a fix that changes the state.
        /// Responses without it play in order as long as no such condition is met.
        public var after: String?

        public init(exitCode: Int32, chunks: [Chunk], tailMilliseconds: Int = 0, after: String? = nil) {
            self.exitCode = exitCode
            self.chunks = chunks
            self.tailMilliseconds = tailMilliseconds
            self.after = after
        }

        private enum CodingKeys: String, CodingKey {
            case exitCode = "exit_code", chunks, tailMilliseconds = "tail_ms", after
        }
    }

    /// Output after a delay since the previous chunk (or the command's start).
    public struct Chunk: Codable, Hashable, Sendable {
        public var delayMilliseconds: Int
        public var stream: OutputChannel
        public var text: String

        public init(delayMilliseconds: Int, stream: OutputChannel, text: String) {
            self.delayMilliseconds = delayMilliseconds
            self.stream = stream
            self.text = text
        }

        private enum CodingKeys: String, CodingKey { case delayMilliseconds = "delay_ms", stream, text }
    }

    /// Whether `commandLine` is this fixture's command (`*` matches any run of characters).
    public func matches(_ commandLine: String) -> Bool { Fixture.pattern(command, matches: commandLine) }

    /// Whether `commandLine` fits `pattern`, where `*` matches any run of characters.
    static func pattern(_ pattern: String, matches commandLine: String) -> Bool {
        guard pattern.contains("*") else { return pattern == commandLine }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = commandLine[...]
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return part.isEmpty || rest.hasSuffix(part)
            } else if let found = rest.range(of: part) {
                rest = rest[found.upperBound...]
            } else {
                return false
            }
        }
        return rest.isEmpty
    }
}
