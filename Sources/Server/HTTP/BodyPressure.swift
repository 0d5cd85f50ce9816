/// Whether the connection a streamed body is written to is backed up now: its client has not taken what
/// SwiftNIO holds for it up to the high-water mark, so the next write waits. `HTTPServer` gives it with the
/// body's writer (`ServerResponse.BodyWriter.isBackedUp`); a producer that holds something shared while it writes (a place in `ReaderLane`)
/// writes through `writeUnlessBackedUp`, so that it never waits with it. False outside a response (tests that
/// collect a body).
enum BodyPressure {
    /// Writes `bytes` a piece at a time (`HTTPServer.streamPieceBytesMax`, so no single write crosses the
    /// high-water mark and then waits) while the connection is not backed up; returns what is left unwritten
    /// once it is (nil when all was written). The caller lets go of what it holds, then writes the rest.
    static func writeUnlessBackedUp(_ bytes: [UInt8], _ write: ServerResponse.BodyWriter) async throws -> [UInt8]? {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            if write.isBackedUp() { return Array(bytes[start...]) }
            let end = min(bytes.endIndex, start + HTTPServer.streamPieceBytesMax)
            try await write(Array(bytes[start..<end]))
            start = end
        }
        return nil
    }
}
