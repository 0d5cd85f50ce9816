/// The responses that read a log on their own, each holding a reader and its block buffers (up to a block,
/// 4 MB, compressed and decoded): raw downloads (`RawOutput`) and the followers before their feed's window
/// (`EventFeed`'s catch-up). At most `readersMax` such readers are open at once; the others wait for their
/// turn, first come first served, holding nothing, so memory stays bounded however many clients read logs.
/// A turn is never held for a client that stops reading: before a write that would wait (its connection is
/// backed up: `BodyPressure.writeUnlessBackedUp`), the work ends its turn, closes its reader, writes what it holds outside the
/// lane, and queues again for the next turn, reading on from where it stopped (serve15: stalled clients held
/// the lane for up to two minutes). A slow client costs a block's decoding per time it backs up, not a place.
actor ReaderLane {
    nonisolated let readersMax: Int
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
