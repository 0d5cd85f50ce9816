import InstallModel
@testable import Orchestrator
import Testing

/// The vector scan must find exactly the indexes a byte-by-byte walk over the pair table finds, at
/// every length (the scalar tail) and alignment, in text dense with trigger bytes.
@Test func triggerScanFindsWhatAByteWalkFinds() {
    let alphabet = Array("aAbBeEkK@=:-_ \t\n\"'xyzpasword019>".utf8) + [0xBC, 0x9A, 0x9D, 0xD0, 0xEF, 0x1B, 0x00]
    var random = SplitMix64(seed: 0x5EC2E7)
    for length in 0..<200 {
        for _ in 0..<20 {
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let expected = bytes.withUnsafeBufferPointer { data in
                data.indices.filter { index in
                    let previous = index == 0 ? 0x20 : Int(data[index - 1])
                    return SecretPatterns.triggerPairs[Int(data[index]) << 8 | previous] && !SecretTriggerScan.isNamelessColon(data, index)
                }
            }
            let found = bytes.withUnsafeBufferPointer(triggerIndexes)
            #expect(found == expected, "length \(length): \(String(decoding: bytes, as: UTF8.self))")
        }
    }
}

/// The vector filter may drop a byte only where the pair table would: every pair the table accepts,
/// at every lane of a block, is found.
@Test func triggerScanKeepsEveryPairTheTableAccepts() {
    for pair in 0..<65536 where SecretPatterns.triggerPairs[pair] {
        let previous = UInt8(pair & 0xFF), current = UInt8(pair >> 8)
        for lane in [1, 8, 16, 17, 31] {
            var bytes = [UInt8](repeating: 0x78, count: 40)
            bytes[lane - 1] = previous
            bytes[lane] = current
            let found = bytes.withUnsafeBufferPointer(triggerIndexes)
            #expect(found.contains(lane), "pair \(previous) \(current) at \(lane)")
        }
    }
}

private func triggerIndexes(_ data: UnsafeBufferPointer<UInt8>) -> [Int] {
    var found: [Int] = []
    SecretTriggerScan.forEachIndex(in: data) { found.append($0) }
    return found
}
