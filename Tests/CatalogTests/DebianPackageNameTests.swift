import Catalog
import Foundation
import InstallModel
import Testing

/// Every apt package a debian-container plan installs from Debian's own archive (no third-party repository)
/// exists in this machine's apt: `apt-cache policy` must offer a candidate. Runs where apt-cache is (CI: Debian 12).
@Test func debianContainerPlansUseOnlyPackagesDebianHas() throws {
    let aptCache = "/usr/bin/apt-cache"
    guard FileManager.default.isExecutableFile(atPath: aptCache),
        let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8), release.contains("VERSION_CODENAME=bookworm")
    else {
        print("skipped: not a Debian 12 machine with apt-cache")
        return
    }
    var packages: [String: String] = [:]
    for tool in TestSupport.catalog.toolNames {
        guard let plan = try? TestSupport.plan([tool], on: "debian-container") else { continue }
        if plan.steps.contains(where: { $0.kind == .repoSetup }) { continue }
        for step in plan.steps {
            guard case .packages(let parameters) = step.action, parameters.manager == .apt else { continue }
            for name in parameters.packages { packages[name] = tool }
        }
    }
    #expect(packages.count > 100, "expected most tools to come from apt on Debian 12, got \(packages.count)")
    let names = packages.keys.sorted()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: aptCache)
    process.arguments = ["policy"] + names
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    var candidates: [String: String] = [:]
    var current: String?
    for line in output.split(separator: "\n") {
        if !line.hasPrefix(" ") && line.hasSuffix(":") { current = String(line.dropLast()) }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if let name = current, trimmed.hasPrefix("Candidate:") { candidates[name] = String(trimmed.dropFirst(10)).trimmingCharacters(in: .whitespaces) }
    }
    for name in names {
        let candidate = candidates[name]
        #expect(candidate != nil && candidate != "(none)", "\(packages[name] ?? ""): apt package \(name) is not in Debian 12's archive")
    }
}
