/// The followers that read a log on their own, before the shared window (`EventFeed`'s catch-up: a reconnect
/// far behind, a first connection from an early event), each hold a reader and its block buffers (up to
/// a block, 4 MB, each), and a client that stops reading holds them as long as its connection lasts. So
/// at most `readersMax` such readers are open at once; the other followers that need one wait for their
/// turn, first come first served, holding nothing: memory stays bounded however many followers fall behind.
actor CatchUpLane {
    let readersMax: Int
    private var reading = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// The most readers open at once so far.
    private(set) var peak = 0

    init(readersMax: Int = 4) {
        self.readersMax = max(readersMax, 1)
    }

    /// Followers waiting for a turn now.
    var waitingCount: Int { waiting.count }

    /// Runs `work` (which reads on its own) once a place is free, and gives the place back after it.
    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if reading < readersMax {
            reading += 1
        } else {
            // The place is handed over by `leave`, still counted.
            await withCheckedContinuation { waiting.append($0) }
        }
        peak = max(peak, reading)
        defer { leave() }
        try Task.checkCancellation()
        return try await work()
    }

    private func leave() {
        if waiting.isEmpty {
            reading -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
