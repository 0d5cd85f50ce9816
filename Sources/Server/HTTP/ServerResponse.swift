/// A response: status, headers, and a body that is either bytes at hand or written piece by piece
/// (event streams, big downloads) through a `BodyWriter` as it is produced.
public struct ServerResponse: Sendable {
    /// Writes one piece of a streamed body (`write(bytes)`; throws when the client has gone), and says whether the
    /// connection is backed up now (`BodyPressure`): passed with the writer, not as a task-local value, whose
    /// `withValue` crashed release builds (Swift 6.3, `swift_task_localValuePush`) on every streamed body.
    public struct BodyWriter: Sendable {
        let send: @Sendable ([UInt8]) async throws -> Void
        /// Whether the client has not taken what SwiftNIO holds for it up to the high-water mark (false outside a
        /// connection: tests that collect a body).
        public let isBackedUp: @Sendable () -> Bool

        public init(isBackedUp: @escaping @Sendable () -> Bool = { false }, _ send: @escaping @Sendable ([UInt8]) async throws -> Void) {
            self.send = send
            self.isBackedUp = isBackedUp
        }

        public func callAsFunction(_ bytes: [UInt8]) async throws { try await send(bytes) }
    }

    /// The body: bytes at hand, or a producer that writes it piece by piece.
    public enum Body: Sendable {
        case bytes([UInt8])
        case stream(@Sendable (BodyWriter) async throws -> Void)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int = 200, headers: [(String, String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An HTML page (no caching: pages show a plan's state now).
    public static func html(_ text: String, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: .bytes(Array(text.utf8)))
    }

    /// A JSON document.
    public static func json(_ text: String, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body: .bytes(Array((text + "\n").utf8)))
    }

    /// A one-line refusal or error, as plain text (what is wrong and what to do).
    public static func refusal(_ status: Int, _ message: String) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")], body: .bytes(Array((message + "\n").utf8)))
    }

    /// A redirect after a form post (303: the browser follows with GET).
    public static func seeOther(_ location: String) -> ServerResponse {
        ServerResponse(status: 303, headers: [("Location", location)])
    }
}
