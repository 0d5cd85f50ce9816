import Testing
@testable import EventLog

/// XXH64 against values from the reference implementation (python-xxhash).
struct XXH64Tests {
    @Test func matchesReferenceVectors() {
        #expect(XXH64.hash([], seed: 0) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("abc".utf8), seed: 0) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash((0..<100).map { UInt8($0) }, seed: 7) == 0x8065_3E7E_9B88_7CDD)
        #expect(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8), seed: 0) == 0xFBCE_A83C_8A37_8BF1)
    }
}
