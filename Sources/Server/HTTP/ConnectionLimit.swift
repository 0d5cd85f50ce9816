import NIOCore
import Synchronization

/// How many connections the server holds open at once. Each one costs a socket, a task and its buffers,
/// so a client that opens thousands and sends nothing must not make the server grow with them. Past `max`,
/// a new connection takes the place of the oldest one that has not yet sent a request its admission let in
/// (`prove`: a whole head, with the token): that one is closed. Only when every place is held by a proven
/// connection is the new one answered 503 at once and closed (`ConnectionRefusal`). So connections that
/// drip a head a byte at a time without the token never keep the user's own requests out (serve16 #7: 300 of
/// them kept the browser's at 503): they make way for every new connection, and the user's proves itself
/// with its first request. (A limit per peer address would not tell them apart: on 127.0.0.1 every local
/// process is the same peer.) Once three quarters of the places are taken, the server is crowded, and idle
/// keep-alive connections are given a short wait for their next request (`RequestReadDeadline`).
final class ConnectionLimit: Sendable {
    let max: Int
    private struct Open {
        var channel: any Channel
        var order: UInt64
        var proven = false
    }

    private let open = Mutex<(byChannel: [ObjectIdentifier: Open], opened: UInt64)>(([:], 0))

    init(max: Int) {
        self.max = Swift.max(max, 1)
    }

    /// Takes a place for `channel`, closing the oldest unproven connection if every place is taken; false when
    /// every place is held by a proven one (the connection is refused).
    func take(_ channel: any Channel) -> Bool {
        var evicted: (any Channel)?
        let taken = open.withLock { open -> Bool in
            if open.byChannel.count >= max {
                guard let oldest = open.byChannel.filter({ !$0.value.proven }).min(by: { $0.value.order < $1.value.order }) else { return false }
                open.byChannel[oldest.key] = nil
                evicted = oldest.value.channel
            }
            open.opened += 1
            open.byChannel[ObjectIdentifier(channel)] = Open(channel: channel, order: open.opened)
            return true
        }
        evicted?.close(promise: nil)
        return taken
    }

    /// `channel` sent a request its admission let in: it is never closed to make way for another.
    func prove(_ channel: any Channel) {
        open.withLock { $0.byChannel[ObjectIdentifier(channel)]?.proven = true }
    }

    /// Gives back the place of a connection that closed (nothing, for one closed to make way: its place was taken over).
    func give(_ channel: any Channel) {
        _ = open.withLock { $0.byChannel.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Whether three quarters of the places or more are taken.
    var isCrowded: Bool { open.withLock { $0.byChannel.count } * 4 >= max * 3 }
}
