import EvlogKit
import Foundation
import InstallModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// As root, `$HOME` and the tools' homes from the environment pass the rule `--home` passes (trust19 #9): a directory
/// another user owns or may write (`sudo -E` keeps `HOME=/home/deploy`) is refused in one line that says to use root's
/// own HOME, never to take another. Real directories, owners and modes drawn from a seed.
struct RootEnvironmentCheckTests {
    /// A directory with `owner` and `mode`, made under a fresh root-only directory.
    private static func directory(owner: uid_t, mode: mode_t) throws -> (root: String, path: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("root-env-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        let path = root + "/dir"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(chown(path, owner, 0) == 0)
        #expect(chmod(path, mode) == 0)
        return (root, path)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to own files"))
    func generatedDirectoriesAreJudgedAsAHomeIs() throws {
        var random = SplitMix64(seed: 9)
        var verdicts: Set<Bool> = []
        for _ in 0..<60 {
            let name = RootEnvironmentCheck.directoryVariables[Int(random.next() % UInt64(RootEnvironmentCheck.directoryVariables.count))]
            let owner: uid_t = random.next() % 2 == 0 ? 0 : 65534
            let mode: mode_t = [0o700, 0o755, 0o777][Int(random.next() % 3)]
            let missing = random.next() % 3 == 0
            let (root, path) = try Self.directory(owner: owner, mode: mode)
            defer { try? FileManager.default.removeItem(atPath: root) }
            let value = missing ? path + "/not/made" : path
            // (Group 0 writing, 0o775, is judged by who has group 0: `LockedPathTests`.)
            let safe = owner == 0 && mode & 0o002 == 0
            let problem = RootEnvironmentCheck.problem(environment: [name: value, "PATH": "/usr/bin"])
            #expect((problem == nil) == safe, "\(name)=\(value) owner \(owner) mode \(String(mode, radix: 8)) → \(problem ?? "used")")
            if let problem {
                #expect(problem.hasPrefix("running as root with \(name)=\(path)"), "\(problem)")
                #expect(problem.contains("sudo -H"), "\(problem)")
            }
            verdicts.insert(safe)
        }
        #expect(verdicts == [true, false])
    }

    /// A directory not made yet under root's sticky `/tmp` is refused: evlog does not make it before it is used, so
    /// another user could (review15 R4); under a directory only root may change, it passes. Help and the commands
    /// that only read this home's logs are judged by nothing here; a `-h` of the command `evlog run` runs is no help.
    @Test(.enabled(if: geteuid() == 0, "needs root")) func aDirectoryNotMadeUnderTmpIsRefusedAndReadersPass() throws {
        let missing = NSTemporaryDirectory() + "evlog-root-env-" + UUID().uuidString
        for name in RootEnvironmentCheck.directoryVariables {
            #expect(RootEnvironmentCheck.problem(environment: [name: missing + "/x"]) != nil, "\(name)")
        }
        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: missing) }
        #expect(RootEnvironmentCheck.problem(environment: ["XDG_CONFIG_HOME": missing + "/x/y"]) == nil)
        #expect(RootEnvironmentCheck.problem(environment: ["HOME": NSTemporaryDirectory()]) != nil)
        #expect(!RootEnvironmentCheck.applies(to: ["status", "--home", "/x"]))
        #expect(!RootEnvironmentCheck.applies(to: ["install", "--help"]) && !RootEnvironmentCheck.applies(to: ["run", "-h", "--", "ls"]))
        #expect(!RootEnvironmentCheck.applies(to: []))
        #expect(RootEnvironmentCheck.applies(to: ["install", "jq"]) && RootEnvironmentCheck.applies(to: ["verify", "x.evb"]))
        #expect(RootEnvironmentCheck.applies(to: ["run", "--", "cargo", "--version"]) && RootEnvironmentCheck.applies(to: ["run", "--", "df", "-h"]))
    }

    /// As root, an npm setting that names a file or directory another user can change is refused like a home is;
    /// one only root can change, or one that names no path, passes (trust20 #11).
    @Test(.enabled(if: geteuid() == 0, "needs root")) func anNpmSettingNamingAPathOthersCanChangeIsRefused() throws {
        let shared = NSTemporaryDirectory() + "evlog-npm-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o777])
        defer { try? FileManager.default.removeItem(atPath: shared) }
        #expect(FileManager.default.createFile(atPath: shared + "/sh", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        for name in ["npm_config_script_shell", "NPM_CONFIG_USERCONFIG", "npm_config_prefix"] {
            let problem = RootEnvironmentCheck.problem(environment: [name: shared + "/sh"])
            #expect(problem?.hasPrefix("running as root with \(name)=\(shared)/sh") == true, "\(problem ?? "passed")")
        }
        #expect(RootEnvironmentCheck.problem(environment: ["npm_config_script_shell": "/bin/sh", "npm_config_registry": "https://r.example/"]) == nil)
    }

    @Test func anotherUserIsJudgedByNothingHere() {
        #expect(RootEnvironmentCheck.problem(environment: ["HOME": "/nonexistent-user-home"], user: 1000) == nil)
        #expect(RootEnvironmentCheck.problem(environment: ["HOME": "/"], user: 0) == nil)
    }
}
