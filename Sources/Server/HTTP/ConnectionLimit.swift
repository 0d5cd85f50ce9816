import Synchronization

/// How many connections the server holds open at once. Each one costs a socket, a task and its buffers,
/// so a client that opens thousands and sends nothing must not make the server grow with them: past
/// `max`, a new connection is answered 503 at once and closed (`ConnectionRefusal`). Once three quarters
/// of the places are taken, the server is crowded, and idle keep-alive connections are given a short wait
/// for their next request (`RequestReadDeadline`), so the idle ones make way for new clients.
final class ConnectionLimit: Sendable {
    let max: Int
    private let open = Atomic<Int>(0)

    init(max: Int) {
        self.max = Swift.max(max, 1)
    }

    /// Takes a place for a new connection; false when every place is taken (the connection is refused).
    func take() -> Bool {
        guard open.add(1, ordering: .relaxed).newValue > max else { return true }
        open.subtract(1, ordering: .relaxed)
        return false
    }

    /// Gives back the place of a connection that closed.
    func give() {
        open.subtract(1, ordering: .relaxed)
    }

    /// Whether three quarters of the places or more are taken.
    var isCrowded: Bool { open.load(ordering: .relaxed) * 4 >= max * 3 }
}
