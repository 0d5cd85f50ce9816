import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// The followers of one plan share one reader: a follower whose client stops reading holds no frames
/// and slows no one; once what it needs next has left the shared window it is dropped (its stream ends
/// without `end`), and its reconnect after its last id gets the rest, nothing lost, nothing twice.
@Suite(.serialized) struct SharedFeedTests {
    /// Bytes a follower wrote, from several tasks.
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        func add(_ piece: [UInt8]) { lock.withLock { bytes += piece } }
        var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
    }

    /// A door a follower's client waits at until it is opened.
    final class Door: @unchecked Sendable {
        private let lock = NSLock()
        private var isOpen = false
        func open() { lock.withLock { isOpen = true } }
        func wait() async throws { while !lock.withLock({ isOpen }) { try await Task.sleep(for: .milliseconds(10)) } }
    }

    @Test func aFollowerThatStopsReadingIsDroppedWhileTheOthersGetEveryEvent() async throws {
        let recorded = try RecordedPlan(seed: 91)
        try recorded.recordOutput(lines: 20)
        let log = recorded.log
        let feeds = PlanFeeds(windowBytes: 64 << 10)
        let slow = Written(), door = Door()
        let slowFollower = Task {
            try await EventFeed.stream(log, after: 0, feeds: feeds) { piece in
                slow.add(piece)
                if slow.text.contains("id: ") { try await door.wait() }
            }
        }
        let fast = (0..<3).map { _ in Written() }
        let fastFollowers = fast.map { written in Task { try await EventFeed.stream(log, after: 0, feeds: feeds) { written.add($0) } } }
        try await Task.sleep(for: .milliseconds(200))
        for _ in 0..<40 {
            try recorded.recordOutput(lines: 80)
            try await Task.sleep(for: .milliseconds(10))
        }
        try recorded.finish()
        let last = try log.stateFromLastCheckpoint().lastSequence
        for (follower, written) in zip(fastFollowers, fast) {
            try await follower.value
            #expect(LiveServerTests.ids(written.text) == Array(1...last), "a follower missed, repeated or reordered events")
            #expect(written.text.hasSuffix("event: end\ndata: {}\n\n"))
        }
        #expect(await feeds.count == 1, "the slow follower's plan has no feed")
        door.open()
        try await slowFollower.value
        let got = LiveServerTests.ids(slow.text)
        #expect(!got.isEmpty && got == Array(1...got.last!) && got.last! < last)
        #expect(!slow.text.contains("event: end"), "a dropped follower was told the plan ended")
        #expect(await feeds.count == 0)
        let rest = Written()
        try await EventFeed.stream(log, after: got.last!, feeds: feeds) { rest.add($0) }
        #expect(LiveServerTests.ids(rest.text) == Array((got.last! + 1)...last))
    }

    @Test func followersOfOnePlanShareOneFeedWhileTheyFollow() async throws {
        let recorded = try RecordedPlan(seed: 92)
        try recorded.recordOutput(lines: 20)
        let other = try RecordedPlan(seed: 93)
        let feeds = PlanFeeds()
        let first = try await feeds.join(recorded.log, after: 0)
        for after in [UInt64(0), 3, 9] { #expect(try await feeds.join(recorded.log, after: after) === first) }
        let elsewhere = try await feeds.join(other.log, after: 0)
        let plansFollowed = await feeds.count
        #expect(elsewhere !== first && plansFollowed == 2)
        for _ in 0..<4 { await feeds.leave(recorded.log) }
        #expect(await feeds.count == 1)
        #expect(try await feeds.join(recorded.log, after: 0) !== first, "a plan nobody follows kept its feed")
    }

    /// Followers far behind the shared window read the log on their own, at most `catchUpReadersMax` at once:
    /// stalled clients that each ask for an early event hold that many readers (a block buffer each), not one
    /// each; the others wait holding nothing, and every one gets every event after its own once a place frees.
    @Test func followersFarBehindTheWindowReadOnTheirOwnAFewAtATime() async throws {
        let recorded = try RecordedPlan.finished(seed: 94, lines: 2000)
        let log = recorded.log
        let last = try log.stateFromLastCheckpoint().lastSequence
        let feeds = PlanFeeds(windowBytes: 64 << 10, readersMax: 2)
        // The plan's feed starts at its last event: a follower asking for any earlier one is behind it.
        _ = try await feeds.join(log, after: last - 1)
        let door = Door()
        let written = (0..<6).map { _ in Written() }
        let followers = written.enumerated().map { index, out in
            Task {
                try await EventFeed.stream(log, after: UInt64(index * 7), feeds: feeds) { piece in
                    out.add(piece)
                    if out.text.contains("id: ") { try await door.wait() }
                }
            }
        }
        // Two read (their clients stalled), four wait their turn.
        for _ in 0..<3000 where await feeds.readers.waitingCount < 4 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await feeds.readers.waitingCount == 4)
        #expect(await feeds.readers.peak == 2)
        door.open()
        for (index, (follower, out)) in zip(followers, written).enumerated() {
            try await follower.value
            #expect(LiveServerTests.ids(out.text) == Array(UInt64(index * 7 + 1)...last), "follower \(index) missed, repeated or reordered events")
            #expect(out.text.hasSuffix("event: end\ndata: {}\n\n"))
        }
        #expect(await feeds.readers.peak == 2)
        await feeds.leave(log)
    }
}

extension EventFeed {
    /// `stream` with a plain closure as its writer, never backed up: how these tests collect what a follower is sent.
    static func stream(_ log: PlanLog, after: UInt64, feeds: PlanFeeds, _ write: @escaping @Sendable ([UInt8]) async throws -> Void) async throws {
        try await stream(log, after: after, feeds: feeds, write: ServerResponse.BodyWriter(write))
    }
}
