import Foundation
import Testing
@testable import EventLog

#if canImport(Glibc)
import Glibc
#endif

/// One writer per plan whatever is done to the directories holding its log (integrity20 #1, #8): a plan's log is
/// claimed by its content (its header's checksum, which names the plan and its home), so a copy of it — its `plans/`
/// or its whole home swapped for a copy, or the home copied elsewhere — gets no second writer while the first runs.
/// And a claim name bound by another user's process is no writer of ours (integrity20 #5).
struct PlanCopyClaimTests {
    /// What is done to the directories while the writer runs; the path a second writer then tries.
    enum Swap: CaseIterable {
        case plansDirectorySwappedForACopy, homeSwappedForACopy, homeCopiedElsewhere, homeCopiedThenOriginalRenamed

        /// Applies the swap to `home` (holding `plans/log.evlog`) and returns the log a second writer would open.
        func apply(home: String) throws -> String {
            let plans = home + "/plans"
            switch self {
            case .plansDirectorySwappedForACopy:
                try FileManager.default.copyItem(atPath: plans, toPath: plans + ".new")
                #expect(rename(plans, plans + ".old") == 0 && rename(plans + ".new", plans) == 0)
                return plans + "/log.evlog"
            case .homeSwappedForACopy:
                try FileManager.default.copyItem(atPath: home, toPath: home + ".new")
                #expect(rename(home, home + ".old") == 0 && rename(home + ".new", home) == 0)
                return plans + "/log.evlog"
            case .homeCopiedElsewhere:
                try FileManager.default.copyItem(atPath: home, toPath: home + "-b")
                return home + "-b/plans/log.evlog"
            case .homeCopiedThenOriginalRenamed:
                try FileManager.default.copyItem(atPath: home, toPath: home + "-b")
                #expect(rename(home, home + "-a2") == 0)
                return home + "-b/plans/log.evlog"
            }
        }
    }

    @Test(arguments: Swap.allCases)
    func aCopyOfARunningPlansLogGetsNoSecondWriter(_ swap: Swap) throws {
        let directory = try TemporaryDirectory()
        let home = directory.file("home")
        try FileManager.default.createDirectory(atPath: home + "/plans", withIntermediateDirectories: true)
        let helper = try TortureHelper.start(["hold", home + "/plans/log.evlog", "--seconds", "30", "--claims-copies"])
        helper.watchdog(seconds: 40)
        let pid = helper.process.processIdentifier
        try #require(helper.nextLine() == "locked \(pid)")
        let copy = try swap.apply(home: home)
        #expect(LogWriter.isLocked(path: copy) == nil, "the copy's own files are not locked: only the claim on its content keeps a second writer out")
        #if os(Linux)
        #expect {
            try LogWriter.lock(path: copy, claimsCopies: true).release()
        } throws: { error in
            guard case EventLogError.locked(_, _, let holder) = error else { return false }
            return holder == pid
        }
        #expect(LogWriter.isLocked(path: copy) == nil, "the refused writer left no lock behind")
        #endif
        try helper.letGo()
        try LogWriter.lock(path: copy, claimsCopies: true).release()
    }

    /// Logs of identical headers (tests make many) are claimed by content only when asked (`claimsCopies`).
    @Test func aLogNotClaimingCopiesIsNotRefusedForAnotherOfTheSameHeader() throws {
        let directory = try TemporaryDirectory()
        let helper = try TortureHelper.start(["hold", directory.file("a.evlog"), "--seconds", "30"])
        helper.watchdog(seconds: 40)
        try #require(helper.nextLine() == "locked \(helper.process.processIdentifier)")
        try FileManager.default.copyItem(atPath: directory.file("a.evlog"), toPath: directory.file("b.evlog"))
        try LogWriter.lock(path: directory.file("b.evlog")).release()
        try helper.letGo()
    }

    #if os(Linux)
    /// integrity20 #5: the claim names are listed to every user (`/proc/net/unix`); user `nobody` binding one after the
    /// writer died neither blocks the owner's writer nor is named as a writer.
    @Test func aClaimBoundByAnotherUserIsNoWriter() throws {
        try #require(geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root to act as nobody")
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0).close()
        let name = String(decoding: WriterPresence.socketName(of: try #require(LogPlace(ofLogAt: path))), as: UTF8.self)
        let squatter = Process()
        squatter.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        squatter.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
            "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind('\\0'+sys.argv[1]); s.listen(); print('bound', flush=True); sys.stdin.read()",
            name]
        let output = Pipe()
        let input = Pipe()
        squatter.standardOutput = output
        squatter.standardInput = input
        try squatter.run()
        defer { try? input.fileHandleForWriting.close(); squatter.waitUntilExit() }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        try #require(line.hasPrefix("bound"), "the squatter bound the name: \(line)")
        #expect(LogWriter.placeHolder(path: path) == nil, "another user's process is named as no writer")
        try LogWriter.lock(path: path).release()
    }
    #endif
}
