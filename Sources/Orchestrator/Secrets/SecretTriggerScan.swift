import CSecretScan

/// Finds where a secret structure may be — the indexes whose byte pair (`previous`, `current`) is in
/// `SecretPatterns.triggerPairs` — sixteen bytes at a time.
///
/// This runs over every byte of output a run records, so it is the redaction's cost: a block of 16
/// bytes is first tested with vector compares (`evlog_secret_candidates16`, SSE2 or NEON) for pairs
/// that can be triggers (`@ = : - _ .` after the bytes they need, and a few letter pairs), and only
/// those lanes are looked up in the pair table. The byte before the start counts as a space.
enum SecretTriggerScan {
    static func indexes(in data: UnsafeBufferPointer<UInt8>) -> [Int] {
        var hits: [Int] = []
        guard let base = data.baseAddress, !data.isEmpty else { return hits }
        let count = data.count
        SecretPatterns.triggerPairs.withUnsafeBufferPointer { pairs in
            func check(_ index: Int) {
                let previous = index == 0 ? 0x20 : Int(base[index - 1])
                if pairs[Int(base[index]) << 8 | previous] { hits.append(index) }
            }
            check(0)
            var index = 1
            while index + 16 <= count {
                var lanes = evlog_secret_candidates16(base + index)
                while lanes != 0 {
                    check(index + lanes.trailingZeroBitCount)
                    lanes &= lanes - 1
                }
                index += 16
            }
            while index < count {
                check(index)
                index += 1
            }
        }
        return hits
    }
}
