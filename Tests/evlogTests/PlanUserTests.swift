import Foundation
import InstallModel
import Testing

/// A plan that adds its user to a group names that user: the run's login for a plan of this or a named
/// system, the simulated machine's in a simulation; never an unfilled `{user}`.
struct PlanUserTests {
    static let profiles = (try? FileManager.default.contentsOfDirectory(
        atPath: ReadSideCommandTests.root.appendingPathComponent("Fixtures/plans").path))?
        .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted() ?? []

    static func evlog(_ arguments: [String], environment changes: [String: String?]) throws -> String {
        let process = Process()
        process.executableURL = ReadSideCommandTests.root.appendingPathComponent(".build/debug/evlog")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in changes { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aNamedProfilesPlanAddsTheRunsUserToTheGroup(seed: UInt64) throws {
        #expect(!Self.profiles.isEmpty)
        var generator = SplitMix64(seed: seed)
        let login = "u" + String((0..<Int(3 + generator.next() % 8)).map { _ in Character(UnicodeScalar(UInt8(97 + generator.next() % 26))) })
        // The login from $USER, else $LOGNAME (an empty $USER does not count).
        let environment: [String: String?] = seed % 2 == 0 ? ["USER": login] : ["USER": "", "LOGNAME": login]
        var groupSteps = 0
        for profile in Self.profiles {
            let text = try Self.evlog(["plan", "--profile", profile, "docker", "--no-color"], environment: environment)
            #expect(!text.contains("{user}"), "\(profile): \(text)")
            if text.contains("usermod") {
                groupSteps += 1
                #expect(text.contains("usermod -aG docker \(login)"), "\(profile)")
            }
        }
        #expect(groupSteps > 0, "no profile's docker plan adds a user to a group: nothing was checked")
    }

    @Test func aSimulationAddsTheSimulatedUser() throws {
        let home = try ReadSideCommandTests.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let text = try Self.evlog(
            ["install", "--simulate=synthetic", "--profile", "ubuntu-desktop", "--yes", "--home", home.path, "--no-color", "docker"],
            environment: ["USER": "someone-else"])
        #expect(text.contains("Add \(PlanEnvironment.simulated.user) to the docker group"), "\(text)")
        #expect(!text.contains("{user}") && !text.contains("someone-else"))
    }
}
