import Foundation
import InstallModel
import Testing

/// A timestamp reads as UTC calendar time, the same as Foundation's calendar says, before and after 1970.
struct TimestampTextTests {
    static func foundation(_ micros: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: (Double(micros) / 1_000_000).rounded(.down))) + " UTC"
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func generatedTimesReadAsFoundationReadsThem(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<200 {
            // From 1901 to 2200, to the microsecond.
            let micros = Int64(random.next() % 9_500_000_000_000_000) - 2_170_000_000_000_000
            #expect(Timestamp(microseconds: micros).utcText == Self.foundation(micros), "\(micros)")
        }
    }

    @Test func knownTimes() {
        #expect(Timestamp(microseconds: 0).utcText == "1970-01-01 00:00:00 UTC")
        #expect(Timestamp(microseconds: -1).utcText == "1969-12-31 23:59:59 UTC")
        #expect(Timestamp(microseconds: 951_782_400_000_000).utcText == "2000-02-29 00:00:00 UTC")
        #expect(!Timestamp(microseconds: .min).utcText.isEmpty && !Timestamp(microseconds: .max).utcText.isEmpty)
    }
}
