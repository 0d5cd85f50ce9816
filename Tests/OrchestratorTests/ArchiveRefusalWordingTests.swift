import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// A refused archive is refused for the member it holds, read from the listing on stdout; what tar says on
/// stderr (`tar: Removing leading '/' from member names`) is shown but never read as a member (trust9 N9: the
/// refusal said the archive "holds /usr/bin/tar: Removing leading …, an absolute path").
@Suite(.serialized)
struct ArchiveRefusalWordingTests {
    static let members: [(name: String, make: String, named: String)] = [
        ("an absolute path", "cp tool/real tool/rel && tar -czPf \"$ARCHIVE\" tool \"$SECRET\"", "/secret"),
        ("a member climbing out with ..", "cp tool/real tool/rel && mkdir tool/sub && tar -czPf \"$ARCHIVE\" tool tool/sub/../../../secret", "../secret"),
    ]

    @Test(.enabled(if: UntrustedArchiveTests.hasTools), arguments: ArchiveRefusalWordingTests.members.indices)
    func theRefusalNamesTheMemberNotTarsWarning(index: Int) async throws {
        let archives = UntrustedArchiveTests()
        defer { try? FileManager.default.removeItem(atPath: archives.root) }
        let (name, make, named) = Self.members[index]
        let (outcome, _) = try await archives.install(make)
        guard case .failed(let cause) = outcome else { Issue.record("\(name): installed (\(outcome))"); return }
        #expect(cause.message.contains(named), "\(name): \(cause.summary)")
        #expect(!cause.message.contains("tar:") && !cause.message.contains("Removing leading"), "\(name): \(cause.summary)")
    }

    /// A listing longer than evlog reads is not judged from its first part: the archive is refused as too long to check.
    @Test func aListingLongerThanTheCaptureIsNotJudgedFromPartOfIt() async {
        let root = NSTemporaryDirectory() + "evlog-listing-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let io = RecordingIO()
        let context = ExecutionContext.realDebian(root: root, io: io)
        let (result, listing) = await context.runListing(["sh", "-c", "head -c \(CapturingIO.capturedBytesMax + 1) /dev/zero | tr '\\0' a; echo stderr-words >&2"])
        #expect(result.succeeded)
        #expect(listing == nil)
        let (_, short) = await context.runListing(["sh", "-c", "echo member; echo stderr-words >&2"])
        #expect(short == "member\n", "\(String(describing: short))")
    }
}
