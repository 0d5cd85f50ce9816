#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a string of bytes occurs in a buffer: `memchr` to each occurrence of its first byte, then a compare
/// (Glibc's `memmem` is a GNU extension Swift does not import). For the rules that look for a fixed marker
/// (`a0=`, `read(0, "`, `=\t`): linear in the buffer.
enum BytePattern {
    /// The index of the first occurrence of `pattern` in `data` at or after `from`, if any.
    static func firstIndex(of pattern: [UInt8], in data: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = data.baseAddress, let first = pattern.first else { return nil }
        var index = from
        while index + pattern.count <= data.count, let hit = memchr(base + index, Int32(first), data.count - index - pattern.count + 1) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if data[at..<(at + pattern.count)].elementsEqual(pattern) { return at }
            index = at + 1
        }
        return nil
    }
}
