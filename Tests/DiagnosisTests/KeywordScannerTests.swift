import Diagnosis
import Testing

/// The analyser's prefilter finds exactly what a naive search finds: every occurrence, in any ASCII case.
@Suite struct KeywordScannerTests {
    private func naive(_ keywords: [[UInt8]], in line: [UInt8]) -> [Int] {
        let lowered = line.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var found: [Int] = []
        for start in lowered.indices {
            for (id, keyword) in keywords.enumerated() where lowered[start...].starts(with: keyword) { found.append(id) }
        }
        return found.sorted()
    }

    @Test func itFindsWhatANaiveSearchFindsInAnyCase() {
        let keywords = ["err", "error", "error:", "rror", "no such", "e: ", "aaa", "aab"]
        let scanner = KeywordScanner(keywords: keywords)
        let bytes = keywords.map { Array($0.utf8) }
        let alphabet = Array("aAbeErRo :nNsSuUcChx".utf8)
        var rng: UInt64 = 7
        for _ in 0..<2_000 {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(rng >> 58)
            var line: [UInt8] = []
            for _ in 0..<length {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                line.append(alphabet[Int(rng >> 33) % alphabet.count])
            }
            var found: [Int] = []
            scanner.scan(line) { found.append($0) }
            #expect(found.sorted() == naive(bytes, in: line), "\(String(decoding: line, as: UTF8.self))")
        }
        var found: [Int] = []
        scanner.scan(Array("E: No Such file; ERROR: aaab".utf8)) { found.append($0) }
        #expect(found.sorted() == [0, 1, 2, 3, 4, 5, 6, 7])
    }
}
