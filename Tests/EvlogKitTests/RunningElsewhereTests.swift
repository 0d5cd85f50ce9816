import EvlogKit
import Foundation
import Testing

/// `resume` and `remedy` of a locked log name the process that holds it only when that process passes the checks
/// `status` applies (integrity11 #18): any process can lock a file and write a pid beside it.
@Suite struct RunningElsewhereTests {
    @Test func aLockWhoseSidecarNamesAProcessThatIsNoWriterNamesNoPid() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-elsewhere-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/p-locked000001.evlog"
        try Data("not read".utf8).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let device = try #require(attributes[.systemNumber] as? NSNumber).uint64Value
        let inode = try #require(attributes[.systemFileNumber] as? NSNumber).uint64Value
        // Pid 1 is alive and has no writer's descriptor on this file: what the sidecar claims is all that names it.
        try Data("1\n\(device) \(inode)\n".utf8).write(to: URL(fileURLWithPath: path + ".lock"))

        let refusal = PlanExecution.runningElsewhere(path)
        #expect(!refusal.message.contains("process 1"), "\(refusal.message)")
        #expect(refusal.message.hasPrefix("\(path) is locked by another process (not one evlog can name as its writer"), "\(refusal.message)")
        #expect(refusal.code == .usage)
    }
}
