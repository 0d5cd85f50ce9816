import Foundation
import Testing

extension RealInstallTests {
    /// A user other than root is refused a home another user can change, as root is (trust20 #8): a 0777 `--home`
    /// someone else made in `/tmp`, whose `plans/` that someone may rename away and replace with their own.
    @Suite("shared home of a user")
    struct SharedUserHome {
        @Test(.enabled(if: SudoUser.canCreate, Comment(rawValue: Privilege.needs)))
        func aHomeEveryUserCanWriteIsRefusedForAUserToo() async throws {
            let user = try SudoUser.create(sudoRule: nil)
            defer { user.remove() }
            let shared = user.scratch + "/shared"
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
            try ChildProcess.must(["chmod", "0777", shared])
            let refused = try await user.evlog(["run", "--no-color", "--home", shared, "--", "true"])
            #expect(refused.exitCode == 2, "\(refused.stdout)")
            let lines = ChildOutcome.lines(refused.stdout)
            #expect(lines.count == 1 && lines[0].hasPrefix("evlog: evlog will not use the home \(shared): "), "\(refused.stdout)")
            #expect(refused.stdout.contains("\(shared) is writable by every user"), "\(refused.stdout)")
            #expect(!FileManager.default.fileExists(atPath: shared + "/plans"), "a plan was recorded in the shared home")
            // The user's own home (0700, theirs) is used.
            let own = try await user.evlog(["run", "--no-color", "--home", user.home.path, "--", "true"])
            #expect(own.exitCode == 0, "\(own.stdout)")
        }
    }
}
