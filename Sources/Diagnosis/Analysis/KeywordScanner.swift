/// Finds every keyword in a line, ASCII case ignored, in one pass: the analyser's prefilter, so that a
/// rule's regex runs only on lines holding one of its needles.
///
/// Every keyword is at least three bytes long, so each occurrence starts with the keyword's first
/// three bytes. The scan rolls the last three (case-folded) bytes, hashes them and looks them up in a
/// small bucket table (16 KiB, in L1 cache); only a bucket holding keywords is checked byte for byte.
/// The per-byte work has no load that depends on the previous byte's load — unlike an Aho–Corasick
/// table walk, whose chain of dependent loads into a table larger than the cache dominated analysis time.
/// A class, so the per-line call retains one reference instead of each of its tables.
public final class KeywordScanner: Sendable {
    /// Keywords shorter than this cannot be found (the catalog's needles are at least this long).
    public static let keywordBytesMin = 3
    static let bucketBits = 14

    /// Keyword ids by bucket: those of bucket `b` are `bucketKeywords[bucketStart[b]..<bucketStart[b + 1]]`.
    private let bucketStart: [Int32]
    private let bucketKeywords: [Int32]
    /// Keyword bytes, lowercase.
    private let keywords: [[UInt8]]
    /// Each byte with ASCII upper case folded to lower case.
    private let folded: [UInt8]
    public var keywordCount: Int { keywords.count }

    /// `keywords` are lowercase (ASCII) and at least `keywordBytesMin` bytes long.
    public init(keywords: [String]) {
        precondition(
            keywords.allSatisfy { $0.utf8.count >= KeywordScanner.keywordBytesMin },
            "keywords must be at least \(KeywordScanner.keywordBytesMin) bytes long")
        folded = (0...255).map { (value: Int) -> UInt8 in
            let byte = UInt8(value)
            return byte >= 65 && byte <= 90 ? byte + 32 : byte
        }
        self.keywords = keywords.map { Array($0.utf8) }
        var buckets = [[Int32]](repeating: [], count: 1 << KeywordScanner.bucketBits)
        for (id, keyword) in self.keywords.enumerated() {
            let trigram = UInt32(keyword[0]) << 16 | UInt32(keyword[1]) << 8 | UInt32(keyword[2])
            buckets[KeywordScanner.bucket(of: trigram)].append(Int32(id))
        }
        var start: [Int32] = [0]
        for bucket in buckets { start.append(start[start.count - 1] + Int32(bucket.count)) }
        bucketStart = start
        bucketKeywords = buckets.flatMap { $0 }
    }

    @inline(__always)
    static func bucket(of trigram: UInt32) -> Int {
        Int((trigram &* 0x9E37_79B1) >> (32 - UInt32(bucketBits)))
    }

    /// Calls `found` with the id of every keyword occurring in `bytes`, in any ASCII case (once per occurrence).
    public func scan(_ bytes: [UInt8], _ found: (Int) -> Void) {
        guard bytes.count >= KeywordScanner.keywordBytesMin else { return }
        bytes.withUnsafeBufferPointer { line in
            folded.withUnsafeBufferPointer { fold in
                bucketStart.withUnsafeBufferPointer { starts in
                    var trigram = UInt32(fold[Int(line[0])]) << 8 | UInt32(fold[Int(line[1])])
                    for end in 2..<line.count {
                        trigram = (trigram << 8 | UInt32(fold[Int(line[end])])) & 0xFF_FFFF
                        let bucket = KeywordScanner.bucket(of: trigram)
                        let first = Int(starts[bucket])
                        let last = Int(starts[bucket + 1])
                        if first != last { check(line, from: end - 2, fold, bucketKeywords[first..<last], found) }
                    }
                }
            }
        }
    }

    /// Reports the keywords of one bucket that really start at `start`. Kept out of line so the scan
    /// loop keeps its values in registers.
    @inline(never)
    private func check(
        _ line: UnsafeBufferPointer<UInt8>, from start: Int, _ fold: UnsafeBufferPointer<UInt8>,
        _ candidates: ArraySlice<Int32>, _ found: (Int) -> Void
    ) {
        for id in candidates {
            let keyword = keywords[Int(id)]
            guard line.count - start >= keyword.count else { continue }
            var offset = 0
            while offset < keyword.count, fold[Int(line[start + offset])] == keyword[offset] { offset += 1 }
            if offset == keyword.count { found(Int(id)) }
        }
    }
}
