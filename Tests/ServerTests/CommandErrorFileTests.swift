import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// The standard-error files of the commands the server starts (`<home>/serve/*.stderr`) do not pile up:
/// a plan's go when the plan is removed, and at most `kept` stay, the newest.
@Suite struct CommandErrorFileTests {
    @Test func removingAPlanFromThePageRemovesItsErrorFilesOnly() async throws {
        let recorded = try RecordedPlan(seed: 81)
        // A plan that installed nothing: the page may remove it (a finished install is the record prune keeps).
        try recorded.fail()
        let archive = PlanArchive(home: recorded.home)
        let other = PlanID("p-other0000001")
        try FileManager.default.createDirectory(atPath: archive.serveDirectory, withIntermediateDirectories: true)
        let files = PlanArchive.serveCommands.flatMap { [archive.serveErrorFile(of: $0, for: recorded.id), archive.serveErrorFile(of: $0, for: other)] }
        for file in files { #expect(FileManager.default.createFile(atPath: file, contents: Data("evlog: why\n".utf8))) }
        #expect(archive.leftovers(of: recorded.id).count == PlanArchive.serveCommands.count)

        let router = Router(
            configuration: ServeConfiguration(home: recorded.home, bundles: nil, simulationFixtureSet: nil, executable: "/bin/false"),
            access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        let response = await router.respond(AccessTests.request(
            "/api/plans/\(recorded.id.rawValue)/prune", method: "POST",
            headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")]))
        #expect(response.status == 200)
        for file in files { #expect(FileManager.default.fileExists(atPath: file) == file.contains(other.rawValue), "\(file)") }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func atMostKeptStayTheNewest(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: 82)
        let archive = PlanArchive(home: recorded.home)
        var generator = SplitMix64(seed: seed)
        let kept = 3 + Int(generator.next() % 10)
        let made = kept + Int(generator.next() % 20)
        try FileManager.default.createDirectory(atPath: archive.serveDirectory, withIntermediateDirectories: true)
        var byAge: [String] = []
        for index in 0..<made {
            let file = archive.serveErrorFile(of: "install", for: PlanID("p-\(String(format: "%012d", generator.next() % 1_000_000_000_000))"))
            guard !byAge.contains(file) else { continue }
            #expect(FileManager.default.createFile(atPath: file, contents: nil))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: Double(1_000_000 + index))], ofItemAtPath: file)
            byAge.append(file)
        }
        let errorFiles = CommandErrorFiles(archive: archive, kept: kept)
        let next = try errorFiles.file(of: "resume", for: recorded.id)
        #expect(FileManager.default.createFile(atPath: next, contents: nil))
        let left = try FileManager.default.contentsOfDirectory(atPath: archive.serveDirectory).map { archive.serveDirectory + "/" + $0 }
        #expect(Set(left) == Set(byAge.suffix(kept - 1) + [next]))
    }

    /// serve22 #7: `serve/` made a link to another directory (by whoever could write the home before it was locked)
    /// is refused, and nothing in that directory is made or pruned; generated counts of files there.
    @Test(arguments: [UInt64(4), 5, 6])
    func aServeDirectoryThatIsALinkIsRefusedAndNothingBehindItIsTouched(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let kept = 2 + Int(generator.next() % 5)
        let recorded = try RecordedPlan(seed: 83)
        let outside = recorded.home + "-outside"
        let archive = PlanArchive(home: recorded.home)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        for index in 0..<(kept + 1 + Int(generator.next() % 10)) {
            #expect(FileManager.default.createFile(atPath: outside + "/install-p-\(String(format: "%012d", index)).stderr", contents: nil))
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: outside).sorted()
        try FileManager.default.createSymbolicLink(atPath: archive.serveDirectory, withDestinationPath: outside)
        #expect(throws: ServeError.self) { try CommandErrorFiles(archive: archive, kept: kept).file(of: "install", for: recorded.id) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).sorted() == before)
    }

    /// serve22 #7: a command's error file planted as a link to another file is not written through (the other file
    /// keeps its bytes); the start fails instead.
    @Test func anErrorFilePlantedAsALinkIsNotWrittenThrough() throws {
        let recorded = try RecordedPlan(seed: 84)
        let archive = PlanArchive(home: recorded.home)
        let victim = recorded.home + "/victim"
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("keep me\n".utf8)))
        let errorFile = try CommandErrorFiles(archive: archive).file(of: "install", for: recorded.id)
        try FileManager.default.createSymbolicLink(atPath: errorFile, withDestinationPath: victim)
        if let process = try? DetachedProcess.start(["/bin/sh", "-c", "echo overwritten >&2"], errorFile: errorFile) {
            var status: Int32 = 0
            while waitpid(process.pid, &status, 0) == -1 && errno == EINTR {}
        }
        #expect(FileManager.default.contents(atPath: victim) == Data("keep me\n".utf8))
    }
}
