import Foundation
import InstallModel
import Testing

/// A diagnosis's confidence is a finite number from 0 to 1 (FORMAT §7.5): a log that says otherwise does not decode,
/// and a percentage is 0 … 100 whatever the number (trust19 #11: 1e19 trapped every reader and `evlog serve`).
@Suite struct DiagnosisConfidenceTests {
    static func json(_ confidence: String) -> Data {
        Data(#"{"kind":"unknown","confidence":\#(confidence),"evidence":[],"remediations":[]}"#.utf8)
    }

    @Test(arguments: ["1e19", "-1e19", "1.0000001", "-0.01", "1e308", "-5e-324", "100"])
    func aConfidenceOutsideZeroToOneDoesNotDecode(value: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Diagnosis.self, from: Self.json(value)) }
    }

    @Test(arguments: ["0", "1", "0.5", "0.95", "5e-324"])
    func aConfidenceFromZeroToOneDecodes(value: String) throws {
        let diagnosis = try JSONDecoder().decode(Diagnosis.self, from: Self.json(value))
        #expect(diagnosis.confidence == Double(value))
        #expect(try JSONDecoder().decode(Diagnosis.self, from: JSONEncoder().encode(diagnosis)) == diagnosis)
    }

    @Test func aPercentageIsZeroToAHundredWhateverTheNumber() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let value = Double(bitPattern: generator.next())
            let percent = Diagnosis.percent(value)
            #expect((0...100).contains(percent), "\(value) -> \(percent)")
        }
        #expect(Diagnosis.percent(.infinity) == 0 && Diagnosis.percent(-.infinity) == 0 && Diagnosis.percent(.nan) == 0)
        #expect(Diagnosis.percent(0.954) == 95 && Diagnosis.percent(1) == 100 && Diagnosis.percent(7) == 100)
    }
}
