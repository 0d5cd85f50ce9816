import Catalog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// truth12 F8: uninstall deletes a release file only while it holds the bytes its install recorded; the history
/// takes that digest from the release step's `file_installed`, and a file replaced since, or one whose log has no
/// digest, is refused unless `--force`.
struct InstalledFileCheckTests {
    /// `existing`: the plan recorded the installed path as there before it ran (a file it wrote over).
    static func release(recording file: InstalledFile?, id: String = "p-000000000001", existing: Bool = false) throws -> PlanState {
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        options.method = "release"
        var plan = try Resolver(catalog: try Catalog.bundled()).resolve(
            tools: ["terraform"], profile: InstallRecordPlansTests.profile, planID: PlanID(id), options: options)
        if existing, let path = plan.steps.lazy.compactMap({ if case .githubRelease(let p) = $0.action { p.installedPath } else { nil } }).first {
            var environment = PlanEnvironment.simulated
            environment.files = [.init(path: path, lines: [])]
            plan.environment = environment
        }
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        for step in plan.steps {
            bodies.append(.stepStarted(step: step.id, attempt: 1, command: []))
            if case .githubRelease(let parameters) = step.action, let file {
                bodies.append(.fileInstalled(step: step.id, file: InstalledFile(path: file.path.isEmpty ? parameters.installedPath : file.path, sha256: file.sha256)))
            }
            bodies.append(.stepDone(step: step.id, exitCode: 0, durationMicros: 1, note: nil))
        }
        bodies.append(.planDone)
        return PlanState.fold(bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: Int64($0.offset)), body: $0.element) })
    }

    static let digest = String(repeating: "0123456789abcdef", count: 4)

    @Test func theHistoryTakesTheDigestOfTheFileTheReleaseStepInstalled() throws {
        let state = try Self.release(recording: InstalledFile(path: "", sha256: Self.digest))
        let step = try #require(state.steps.first { $0.installedFile != nil }, "the fold keeps the recorded file on its step")
        #expect(step.installedFile?.sha256 == Self.digest)
        let record = try #require(InstallHistory(plans: [state], catalog: try Catalog.bundled()).installs(of: "terraform").first)
        #expect(record.fileSHA256 == Self.digest)
    }

    /// truth20 #14: `install X; install X@v` both place the file; the second plan found the first's file there. The
    /// record is the latest placement's digest (the file holds those bytes), not the first's, and is still evlog's.
    @Test(arguments: 0..<8)
    func aLaterPlanPlacingEvlogsOwnFileAgainIsTheRecord(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let digests = (0..<2).map { _ in (0..<4).map { _ in String(format: "%016llx", random.next()) }.joined() }
        let first = try Self.release(recording: InstalledFile(path: "", sha256: digests[0]), id: "p-000000000001")
        let second = try Self.release(recording: InstalledFile(path: "", sha256: digests[1]), id: "p-000000000002", existing: true)
        let history = InstallHistory(plans: [first, second], catalog: try Catalog.bundled())
        let record = try #require(history.installs(of: "terraform").first)
        #expect(record.fileSHA256 == digests[1])
        #expect(record.source == "plan p-000000000002")
        #expect(history.replacedFiles["terraform"] == nil)
        // The user's own file written over (no earlier evlog install) stays the user's.
        let alone = InstallHistory(plans: [second], catalog: try Catalog.bundled())
        #expect(alone.replacedFiles["terraform"] != nil)
    }

    /// A digest recorded for another path, or not in the shape evlog writes, proves nothing; nor does a log without one.
    @Test(arguments: [InstalledFile(path: "/usr/bin/sh", sha256: digest), InstalledFile(path: "", sha256: "ABC"), nil])
    func aDigestThatDoesNotFitIsNone(file: InstalledFile?) throws {
        let record = try #require(InstallHistory(plans: [try Self.release(recording: file)], catalog: try Catalog.bundled()).installs(of: "terraform").first)
        #expect(record.fileSHA256 == nil)
    }

    /// Generated contents: the file the install recorded passes; the same path holding any other bytes is refused and
    /// named; no recorded digest is refused; `--force` passes both, without a digest; a file gone passes.
    @Test(arguments: 0..<16)
    func onlyTheRecordedBytesAreRemovedWithoutForce(seed: UInt64) throws {
        let root = NSTemporaryDirectory() + "evlog-filecheck-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: root + "/.local/bin", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var generator = SplitMix64(seed: seed)
        let installed = (0..<Int(1 + generator.next() % 70_000)).map { _ in UInt8(generator.next() % 256) }
        var replaced = installed
        replaced[Int(generator.next() % UInt64(replaced.count))] ^= 0x5a
        let path = "~/.local/bin/tool"
        #expect(FileManager.default.createFile(atPath: root + "/.local/bin/tool", contents: Data(installed)))
        let record = InstallRecord(tool: "tool", how: .file(path), source: "plan p-000000000001", fileSHA256: ContentDigest.sha256Hex(installed))
        let check = { (record: InstallRecord, force: Bool) in try InstalledFileCheck.checked(record, force: force, userHome: root) }
        #expect(try check(record, false) == record)

        #expect(FileManager.default.createFile(atPath: root + "/.local/bin/tool", contents: Data(replaced)))
        #expect { try check(record, false) } throws: { error in
            "\(error)".contains("\(path) is no longer the file plan p-000000000001 installed") && "\(error)".contains("--force")
        }
        var unrecorded = record
        unrecorded.fileSHA256 = nil
        #expect { try check(unrecorded, false) } throws: { "\($0)".contains("recorded no sha256 of \(path)") }
        #expect(try check(record, true).fileSHA256 == nil)
        #expect(try check(unrecorded, true).fileSHA256 == nil)

        try FileManager.default.removeItem(atPath: root + "/.local/bin/tool")
        #expect(try check(unrecorded, false) == unrecorded)
    }
}
