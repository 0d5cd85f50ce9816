import InstallModel
import Testing

@testable import Server

/// serve22 #9: the followed plans' windows share one budget: however many plans are followed at once, their windows
/// together keep at most the budget (or the floor each, when there are more plans than it holds), and a lone plan
/// keeps all of it. Generated budgets and counts.
struct FeedWindowTests {
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func theWindowsOfAllFollowedPlansShareOneBudget(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let total = Int(64 << 10 + generator.next() % UInt64(16 << 20))
        let windows = FeedWindows(totalBytes: total)
        #expect(windows.shareBytes == total)
        let count = 1 + Int(generator.next() % 64)
        for open in 1...count {
            windows.opened()
            let floor = min(total, FeedWindows.floorBytes)
            #expect(windows.shareBytes * open <= max(total, floor * open), "\(open) plans of \(total) bytes")
            #expect(windows.shareBytes >= floor)
        }
        for _ in 1...count { windows.closed() }
        #expect(windows.shareBytes == total)
    }
}
