/// Reading a log is CPU work on the server's few cooperative threads, which every request shares: a response
/// that streams from a log (events, raw output) lets other requests in every `eventsBetween` events it reads,
/// whether or not its writes suspend (a fast local client never holds them back).
struct ReadTurns {
    /// Events read between two turns.
    static let eventsBetween = 32
    private var read = 0

    /// Counts one event read, giving other tasks their turn every `eventsBetween`.
    mutating func took() async {
        read += 1
        if read % Self.eventsBetween == 0 { await Task.yield() }
    }
}
