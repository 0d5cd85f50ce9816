import CLZ4

/// The one place that calls liblz4 (FORMAT.md §3.3): raw LZ4 blocks, acceleration 1 (what `lz4 -1` uses).
///
/// Every liblz4 call and every pointer handed to liblz4 lives here; return codes become Swift values.
enum LZ4Codec {
    /// `LZ4_compress_fast` acceleration: 1 is liblz4's default and the speed and ratio of `lz4 -1`.
    static let acceleration: Int32 = 1

    /// The largest compressed size of `rawBytes` bytes (LZ4_compressBound).
    static func compressedBytesBound(_ rawBytes: Int) -> Int {
        Int(LZ4_compressBound(Int32(clamping: rawBytes)))
    }

    /// Compresses `source` into `target` from `offset` on. Returns the compressed size, or nil when
    /// the result would not be smaller than `source` (the writer then stores the bytes as they are).
    static func compress(_ source: ByteBuffer, into target: ByteBuffer, at offset: Int) -> Int? {
        source.withUnsafeBytes { raw -> Int? in
            guard let sourceBase = raw.baseAddress, raw.count > 1 else { return nil }
            var compressedBytes = 0
            target.fill(from: offset) { out -> Int in
                guard let targetBase = out.baseAddress else { return 0 }
                // A full-size target keeps liblz4 on its fast path; we compare sizes afterwards.
                let written = LZ4_compress_fast(
                    sourceBase.assumingMemoryBound(to: CChar.self),
                    targetBase.assumingMemoryBound(to: CChar.self),
                    Int32(clamping: raw.count), Int32(clamping: out.count), acceleration)
                compressedBytes = Int(max(written, 0))
                return compressedBytes
            }
            return compressedBytes > 0 && compressedBytes < raw.count ? compressedBytes : nil
        }
    }

    /// Decompresses one LZ4 block (all of `source`) into `target`, which must come out exactly
    /// `rawBytes` long. Returns false for malformed input: LZ4_decompress_safe checks every
    /// offset, so hostile bytes never read or write out of bounds.
    static func decompress(_ source: ByteBuffer, rawBytes: Int, into target: ByteBuffer) -> Bool {
        guard rawBytes <= target.capacity else { return false }
        return source.withUnsafeBytes { compressed -> Bool in
            guard let sourceBase = compressed.baseAddress, compressed.count > 0 else { return false }
            var exact = false
            target.fill(from: 0) { out -> Int in
                guard let targetBase = out.baseAddress else { return 0 }
                let produced = LZ4_decompress_safe(
                    sourceBase.assumingMemoryBound(to: CChar.self),
                    targetBase.assumingMemoryBound(to: CChar.self),
                    Int32(clamping: compressed.count), Int32(clamping: rawBytes))
                exact = Int(produced) == rawBytes
                return exact ? rawBytes : 0
            }
            return exact
        }
    }
}
