import EvlogKit
import Foundation

/// The lines of a regular file read a block at a time, each at most `lineBytesMax` bytes: a longer line is
/// refused as soon as it passes the bound, before the rest of it is read, so memory stays under a block
/// plus one line whatever the file holds (a 300 MB line without a newline is never in memory).
struct BoundedLineReader {
    /// Why the file cannot be read as lines.
    enum Failure: Error {
        case lineTooLong(line: Int, bytesMax: Int)
        case unreadable(String)
    }

    static let blockBytes = 1 << 20
    private let handle: FileHandle
    private let lineBytesMax: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// The number of the line `next()` returned last (from 1).
    private(set) var lineNumber = 0

    init(handle: FileHandle, lineBytesMax: Int) {
        self.handle = handle
        self.lineBytesMax = lineBytesMax
    }

    /// The next line without its newline, or nil at the end of the file.
    mutating func next() throws(Failure) -> ArraySlice<UInt8>? {
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                guard newline - start <= lineBytesMax else { throw .lineTooLong(line: lineNumber + 1, bytesMax: lineBytesMax) }
                let line = buffer[start..<newline]
                start = newline + 1
                lineNumber += 1
                return line
            }
            guard buffer.count - start <= lineBytesMax else { throw .lineTooLong(line: lineNumber + 1, bytesMax: lineBytesMax) }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                return line
            }
            // Drop what was returned before reading more, so the buffer holds one unfinished line and a block.
            buffer.removeSubrange(0..<start)
            start = 0
            searched = buffer.count
            let block: Data?
            do {
                block = try handle.read(upToCount: BoundedLineReader.blockBytes)
            } catch {
                throw .unreadable(FoundationErrorText.line(for: error) ?? "\(error)")
            }
            guard let block, !block.isEmpty else {
                atEnd = true
                continue
            }
            // Doubling while lines are short; past a few blocks, straight to the most a line can need (one
            // copy, never a doubled bound alive beside its old half).
            let needed = buffer.count + block.count
            if needed > buffer.capacity {
                let longest = lineBytesMax + 2 * BoundedLineReader.blockBytes
                buffer.reserveCapacity(needed <= 8 * BoundedLineReader.blockBytes ? max(needed, buffer.capacity * 2) : longest)
            }
            buffer.append(contentsOf: block)
        }
    }
}
