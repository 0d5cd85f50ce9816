import CivilTime
import Foundation
import InstallModel
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `UTCTime`'s three forms write what the code they replaced wrote, byte for byte: `iso` as `gmtime_r` with
/// `%04d-%02d-%02dT…Z` (once `SealReport.iso`) and as Foundation's `ISO8601DateFormatter` (once `verify`'s event
/// times), `compact` as `gmtime_r` with `YYYYMMDDTHHMMSSZ` (once `DamagedTail.utcStamp`), and `text` as Foundation's
/// calendar (`TimestampTextTests.foundation`).
///
/// One difference, on purpose: Foundation's formatter rounded a time to the millisecond first, so in the last half
/// millisecond of a second `verify` printed an event time one second later than the seal times beside it. `iso` is
/// the second the time is in, as the seal times always were.
struct UTCTimeTests {
    /// The calendar fields `gmtime_r` gives for the whole seconds of `micros` (rounded down, as the callers' times
    /// were all after 1970).
    static func libc(_ micros: Int64) -> tm {
        var seconds = time_t(micros / 1_000_000)
        var parts = tm()
        _ = gmtime_r(&seconds, &parts)
        return parts
    }

    static func foundationISO(_ micros: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }

    static func libcISO(_ micros: Int64) -> String {
        let p = libc(micros)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday, p.tm_hour, p.tm_min, p.tm_sec)
    }

    static func libcCompact(_ micros: Int64) -> String {
        let p = libc(micros)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday, p.tm_hour, p.tm_min, p.tm_sec)
    }

    /// Generated times from 1970 to 9999, to the microsecond, and the edges of days, months, leap years and centuries.
    static func times(seed: UInt64) -> [Int64] {
        var random = SplitMix64(seed: seed)
        var times = (0..<300).map { _ in Int64(random.next() % 253_402_300_800_000_000) }
        for edge: Int64 in [0, 86_399, 86_400, 951_782_399, 951_782_400, 951_868_800, 4_107_542_400, 253_402_300_799] {
            times += [edge * 1_000_000, edge * 1_000_000 + 999_999]
        }
        return times
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func everyFormIsWhatTheCodeItReplacedWrote(seed: UInt64) {
        for micros in Self.times(seed: seed) {
            let time = UTCTime(microseconds: micros)
            #expect(time.iso == Self.libcISO(micros), "\(micros)")
            let wholeMilliseconds = micros - micros % 1000
            #expect(UTCTime(microseconds: wholeMilliseconds).iso == Self.foundationISO(wholeMilliseconds), "\(micros)")
            #expect(time.compact == Self.libcCompact(micros), "\(micros)")
            // Foundation reads a time as a Double: whole milliseconds keep it exact up to year 9999.
            #expect(UTCTime(microseconds: wholeMilliseconds).text == TimestampTextTests.foundation(wholeMilliseconds), "\(micros)")
        }
    }

    @Test func knownTimes() {
        let leapDay = UTCTime(microseconds: 951_782_400_000_000)
        #expect(leapDay.iso == "2000-02-29T00:00:00Z" && leapDay.compact == "20000229T000000Z" && leapDay.text == "2000-02-29 00:00:00 UTC")
        #expect(UTCTime(microseconds: -1).iso == "1969-12-31T23:59:59Z")
        // The last microsecond of a second is in that second (Foundation's formatter said the next one).
        #expect(UTCTime(microseconds: 951_782_399_999_999).iso == "2000-02-28T23:59:59Z")
        // Logs are input: the ends of Int64 give some text, never a trap.
        #expect(!UTCTime(microseconds: .min).iso.isEmpty && !UTCTime(microseconds: .max).compact.isEmpty)
    }
}
