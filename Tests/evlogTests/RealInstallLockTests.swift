import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RealInstallTests {
    /// Every test of the suite runs holding `/tmp/evlog-real.lock`, or inside a hold an ancestor process took.
    @Suite("the real-install lock")
    struct Lock {
        @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
        func aTestOfTheSuiteRunsHoldingTheLock() throws {
            var status = stat()
            try #require(stat(RealInstallLock.path, &status) == 0, "\(RealInstallLock.path) was not created")
            let table = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
            let holders = RealInstallLock.holdingProcesses(of: UInt64(status.st_ino), in: table)
            #expect(holders.contains(getpid()) || RealInstallLock.heldByAnAncestor(), "holders \(holders), this test \(getpid())")
        }

        /// Lines as Linux 6.1 prints them (captured on Debian 12): a holder, then processes waiting for it.
        @Test func onlyHoldersOfThatFileCount() {
            let table = """
                1: POSIX  ADVISORY  WRITE 4568 fe:00:385771 0 EOF
                2: FLOCK  ADVISORY  WRITE 3863 fe:00:16737092 0 EOF
                3: FLOCK  ADVISORY  WRITE 16682 fe:00:16221203 0 EOF
                3: -> FLOCK  ADVISORY  WRITE 3906 fe:00:16221203 0 EOF
                3:  -> FLOCK  ADVISORY  WRITE 4406 fe:00:16221203 0 EOF
                """
            #expect(RealInstallLock.holdingProcesses(of: 16_221_203, in: table) == [16682])
            #expect(RealInstallLock.holdingProcesses(of: 385_771, in: table) == [])
        }
    }
}
