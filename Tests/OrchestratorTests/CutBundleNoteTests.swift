import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// integrity23 #10: a bundle cut at one of its seals holds a valid, older state of the plan; every reader says it is not
/// a whole bundle (`PlanLog.sealNote`), as `verify` and the fleet pages do, while the whole bundle reads as it is.
struct CutBundleNoteTests {
    @Test(arguments: 1...3)
    func aBundleCutAtAnyOfItsSealsIsSaidToBeCutShort(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let directory = NSTemporaryDirectory() + "evlog-cut-bundle-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try HostKey.generate(in: directory + "/key")
        let path = directory + "/host.evb"
        let records = try BundleSealNoteTests.bundle(at: path, key: key, count: 7 + Int(random.next() % 8))
        #expect(PlanLog(path: path).sealNote == nil)
        let seals = records.indices.filter { String(decoding: records[$0], as: UTF8.self).contains("log_sealed") }
        try #require(!seals.isEmpty)
        for seal in seals {
            let cut = directory + "/cut-\(seal).evb"
            try BundleSealNoteTests.rewrite(path, to: cut) { $0 = Array($0[...seal]) }
            let note = PlanLog(path: cut).sealNote
            #expect(note?.hasPrefix("not a whole bundle") == true, "cut after record \(seal): \(note ?? "no note")")
        }
    }
}
