import EventLog
import Foundation
import Testing
@testable import Sealing

/// Who may count as a log's live writer (FORMAT.md §6.3): on Linux, a process holding the exclusive flock on the
/// log itself through a writer's descriptor (read-write, close-on-exec) — checked here on this process's own
/// descriptors, as `/proc/self/fdinfo` shows them.
struct WriterProbeTests {
    /// A descriptor on `path` opened with `flags`, exclusively flocked when `locked`.
    static func descriptor(_ path: String, _ flags: Int32, locked: Bool) -> Int32 {
        let descriptor = open(path, flags)
        #expect(descriptor >= 0)
        if locked { #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0) }
        return descriptor
    }

    @Test func onlyAReadWriteCloseOnExecDescriptorHoldingTheExclusiveLockIsAWriters() throws {
        #if os(Linux)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-probe-\(UUID().uuidString).evlog").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try #require(FileIdentity(atPath: path))
        let cases: [(flags: Int32, locked: Bool, writers: Bool)] = [
            (O_RDWR | O_CLOEXEC, true, true),
            (O_RDWR, true, false),  // inherited across exec from whoever locked it
            (O_RDONLY | O_CLOEXEC, true, false),
            (O_RDWR | O_CLOEXEC, false, false),
        ]
        for (flags, locked, writers) in cases {
            let descriptor = WriterProbeTests.descriptor(path, flags, locked: locked)
            #expect(LogWriterProbe.holdsWriterLock(getpid(), on: log) == writers, "flags \(String(flags, radix: 8)) locked \(locked)")
            close(descriptor)
        }
        let other = path + ".other"
        #expect(FileManager.default.createFile(atPath: other, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: other) }
        let descriptor = WriterProbeTests.descriptor(other, O_RDWR | O_CLOEXEC, locked: true)
        #expect(LogWriterProbe.holdsWriterLock(getpid(), on: log) == false, "a lock on another file")
        close(descriptor)
        #endif
    }
}
