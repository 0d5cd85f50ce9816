import Foundation
import InstallModel
import Testing

/// A plan of 50,000 steps, whose `plan_created` is larger than a record may be, is imported and
/// reproduced: the event is stored as parts (FORMAT.md §7.9).
struct LargePlanImportTests {
    @Test func aPlanOfFiftyThousandStepsImportsAndReproduces() throws {
        let home = try ReadSideCommandTests.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let base = home.appendingPathComponent("base").path
        #expect(try ReadSideCommandTests.evlog(["run", "--yes", "--home", base, "--", "true"]).status == 0)
        let export = try ReadSideCommandTests.evlog(["export", "latest", "--jsonl", "--home", base])
        let first = try #require(String(decoding: export.stdout, as: UTF8.self).split(separator: "\n").first)
        var created = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        var plan = try #require(created["plan"] as? [String: Any])
        let template = try #require((plan["steps"] as? [[String: Any]])?.first)
        var generator = SplitMix64(seed: 50_000)
        plan["steps"] = (0..<50_000).map { index -> [String: Any] in
            var step = template
            step["id"] = "s\(index)"
            step["label"] = "generated step \(index)"
            step["dependsOn"] = index == 0 ? [] : ["s\(Int(generator.next() % UInt64(index)))"]
            return step
        }
        plan["id"] = "p-large050000"
        created["plan"] = plan
        let time = try #require(created["time"] as? Int)
        let declined: [String: Any] = [
            "v": 1, "seq": 2, "time": time + 1, "type": "plan_cancelled", "reason": "declined at the confirmation prompt",
        ]
        let file = home.appendingPathComponent("large.jsonl")
        var lines = try JSONSerialization.data(withJSONObject: created)
        lines.append(contentsOf: Array("\n".utf8))
        lines.append(try JSONSerialization.data(withJSONObject: declined))
        try lines.write(to: file)
        let target = home.appendingPathComponent("target").path
        let imported = try ReadSideCommandTests.evlog(["import", file.path, "--home", target])
        #expect(imported.status == 0, "\(imported.stderr)")
        let reproduced = try ReadSideCommandTests.evlog(["reproduce", "--check", "p-large050000", "--home", target])
        #expect(reproduced.status == 0, "\(String(decoding: reproduced.stdout, as: UTF8.self)) \(reproduced.stderr)")
    }
}
