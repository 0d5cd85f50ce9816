import Foundation

/// Output gathered into few large writes: a replay or an export of a huge log makes one system call
/// per `flushBytesMin` bytes instead of one per event. Memory stays bounded by about that much.
public struct BatchedOutput {
    public static let flushBytesMin = 64 << 10
    private var pending: [UInt8] = []
    private let fd: Int32

    public init(fd: Int32 = STDOUT_FILENO) {
        self.fd = fd
        pending.reserveCapacity(BatchedOutput.flushBytesMin * 2)
    }

    public mutating func append(_ bytes: [UInt8]) {
        if pending.isEmpty, bytes.count >= BatchedOutput.flushBytesMin {
            Terminal.write(bytes, to: fd)  // already large: no copy
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= BatchedOutput.flushBytesMin { flush() }
    }

    public mutating func append(_ text: String) { append(Array(text.utf8)) }

    /// Writes what is pending (before a pause, and at the end).
    public mutating func flush() {
        guard !pending.isEmpty else { return }
        Terminal.write(pending, to: fd)
        pending.removeAll(keepingCapacity: true)
    }
}
