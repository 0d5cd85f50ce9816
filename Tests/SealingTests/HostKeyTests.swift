import Foundation
import Synchronization
@testable import Sealing
import Testing

@Suite struct HostKeyTests {
    @Test func generatedKeyIsPrivateToItsOwnerAndLoadsBack() throws {
        let directory = try SealedLogs.temporaryDirectory() + "/evlog"
        let key = try HostKey.generate(in: directory)
        let attributes = try FileManager.default.attributesOfItem(atPath: HostKey.privatePath(in: directory))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let loaded = try #require(try HostKey.load(from: directory))
        #expect(loaded.publicKey == key.publicKey)
        let published = try String(contentsOfFile: HostKey.publicPath(in: directory), encoding: .utf8)
        #expect(try SealPublicKey(text: published) == key.publicKey)
        #expect(try SealPublicKey(text: HostKey.publicPath(in: directory)) == key.publicKey, "a path to host.pub reads too")
        #expect(key.publicKey.fingerprint.hasPrefix("ed25519:") && key.publicKey.fingerprint.count == 24)
    }

    @Test func generateRefusesToReplaceAKeyUnlessAsked() throws {
        let directory = try SealedLogs.temporaryDirectory()
        let first = try HostKey.generate(in: directory)
        #expect(throws: SealingError.keyExists(HostKey.privatePath(in: directory))) { try HostKey.generate(in: directory) }
        let second = try HostKey.generate(in: directory, replacing: true)
        #expect(second.publicKey != first.publicKey)
    }

    @Test func noKeyFileMeansNoKeyAndAGarbledOneIsAnError() throws {
        let directory = try SealedLogs.temporaryDirectory()
        #expect(try HostKey.load(from: directory) == nil)
        try "not a key\n".write(toFile: HostKey.privatePath(in: directory), atomically: true, encoding: .utf8)
        #expect(throws: SealingError.badKeyFile(HostKey.privatePath(in: directory))) { try HostKey.load(from: directory) }
    }

    @Test func configDirectoryFollowsXDGThenHome() {
        #expect(HostKey.directory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/evlog")
        #expect(HostKey.directory(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/evlog")
        // Relative: ignored, as the XDG specification says (integrity20 #12).
        for relative in ["cfg", "./cfg", "../x", "~/cfg"] {
            #expect(HostKey.directory(environment: ["XDG_CONFIG_HOME": relative, "HOME": "/h"]) == "/h/.config/evlog", "\(relative)")
        }
    }
}

@Suite struct HostKeyPairTests {
    /// What a `key generate` killed between its two files leaves: the private key and a public file that
    /// is missing, empty, or another key's — or a public key whose private half is gone.
    @Test(arguments: ["missing", "empty", "other", "private missing"])
    func aPairThatDoesNotMatchIsRefusedBeforeItSeals(_ damage: String) throws {
        let directory = try SealedLogs.temporaryDirectory()
        _ = try HostKey.generate(in: directory)
        let publicPath = HostKey.publicPath(in: directory)
        switch damage {
        case "missing": try FileManager.default.removeItem(atPath: publicPath)
        case "empty": try "".write(toFile: publicPath, atomically: true, encoding: .utf8)
        case "private missing": try FileManager.default.removeItem(atPath: HostKey.privatePath(in: directory))
        default: try (HostKey.generate(in: directory + "/other").publicKey.base64 + "\n")
            .write(toFile: publicPath, atomically: true, encoding: .utf8)
        }
        #expect(throws: SealingError.keyPairMismatch(privatePath: HostKey.privatePath(in: directory), publicPath: publicPath)) {
            try HostKey.load(from: directory)
        }
    }

    @Test func generateLeavesNoTemporaryFileBehind() throws {
        let directory = try SealedLogs.temporaryDirectory()
        _ = try HostKey.generate(in: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["host.key", "host.key.lock", "host.pub"])
    }

    /// Generations at once in one directory: exactly one makes the key, the others say a key exists,
    /// and the pair on disk is the winner's.
    @Test(arguments: 1...3)
    func concurrentGenerationsLeaveOneMatchingPair(round: Int) throws {
        let directory = try SealedLogs.temporaryDirectory()
        let results = Mutex<[Result<String, SealingError>]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            let result = Result { () throws(SealingError) in try HostKey.generate(in: directory).publicKey.fingerprint }
            results.withLock { $0.append(result) }
        }
        let made = results.withLock { $0 }.compactMap { try? $0.get() }
        #expect(made.count == 1)
        #expect(results.withLock { $0 }.filter { (try? $0.get()) == nil }.count == 5)
        #expect(try HostKey.load(from: directory)?.publicKey.fingerprint == made.first)
    }
}

/// integrity10 findings 5, 6 and 18: a pair cut short is completed from its private half, a private key others may
/// read is not used, and a private key given where a public one is wanted is said to be one.
@Suite struct HostKeyMistakeTests {
    /// integrity13 #5: a host.pub holding another key (a `generate --force` killed between its renames) is written
    /// again too, the key it held kept in previous-keys/ first, so `key generate` is the way out its advice names.
    @Test(arguments: ["missing", "empty", "other"])
    func aPairCutShortIsCompletedFromThePrivateKeyKeepingAnotherPublicKey(_ damage: String) throws {
        let directory = try SealedLogs.temporaryDirectory()
        let key = try HostKey.generate(in: directory)
        let publicPath = HostKey.publicPath(in: directory)
        let other = try HostKey.generate(in: directory + "/other").publicKey
        switch damage {
        case "missing": try FileManager.default.removeItem(atPath: publicPath)
        case "empty": try "\n".write(toFile: publicPath, atomically: true, encoding: .utf8)
        default: try (other.base64 + "\n").write(toFile: publicPath, atomically: true, encoding: .utf8)
        }
        #expect(throws: SealingError.self) { try HostKey.load(from: directory) }
        let completed = try HostKey.completePair(in: directory)
        #expect(completed?.publicKey == key.publicKey)
        #expect(try HostKey.load(from: directory)?.publicKey == key.publicKey)
        let kept = HostKey.previousPath(of: other.fingerprint, in: directory)
        #expect(FileManager.default.fileExists(atPath: kept) == (damage == "other"))
        if damage == "other" { #expect(try SealPublicKey(text: kept) == other) }
        #expect(try HostKey.completePair(in: directory) == nil, "a whole pair has nothing to complete")
    }

    /// review15 R11: a `generate --force` whose second rename fails (here host.pub is a directory, as a read-only
    /// remount or an I/O error fails it) says that the pair may not match and that `key generate` completes it; it does.
    @Test func aSecondRenameThatFailsSaysThePairMayNotMatchAndGenerateCompletesIt() throws {
        let directory = try SealedLogs.temporaryDirectory()
        let old = try HostKey.generate(in: directory)
        let publicPath = HostKey.publicPath(in: directory)
        try FileManager.default.removeItem(atPath: publicPath)
        try FileManager.default.createDirectory(atPath: publicPath, withIntermediateDirectories: false)
        var said = ""
        do {
            _ = try HostKey.generate(in: directory, replacing: true)
            Issue.record("generate wrote host.pub over a directory")
        } catch {
            said = error.description
        }
        #expect(said.contains("the new key went into \(HostKey.privatePath(in: directory))") && said.contains("rename failed on \(publicPath)")
            && said.contains("`evlog key generate`"), "\(said)")
        try FileManager.default.removeItem(atPath: publicPath)
        let completed = try #require(try HostKey.completePair(in: directory))
        #expect(completed.publicKey != old.publicKey, "host.key took the new key")
        #expect(try HostKey.load(from: directory)?.publicKey == completed.publicKey)
    }

    /// integrity13 #19: `generate --force` keeps the key it replaces in previous-keys/, named by its fingerprint.
    @Test func forceKeepsTheReplacedPublicKey() throws {
        let directory = try SealedLogs.temporaryDirectory()
        let first = try HostKey.generate(in: directory)
        let second = try HostKey.generate(in: directory, replacing: true)
        #expect(try HostKey.load(from: directory)?.publicKey == second.publicKey)
        #expect(try SealPublicKey(text: HostKey.previousPath(of: first.publicKey.fingerprint, in: directory)) == first.publicKey)
        #expect(!FileManager.default.fileExists(atPath: HostKey.previousPath(of: second.publicKey.fingerprint, in: directory)))
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func aPrivateKeyOthersMayReadIsNotUsed(mode: Int) throws {
        let directory = try SealedLogs.temporaryDirectory()
        _ = try HostKey.generate(in: directory)
        let path = HostKey.privatePath(in: directory)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        #expect(throws: SealingError.keyReadableByOthers(path, mode: mode)) { try HostKey.load(from: directory) }
        #expect(SealingError.keyReadableByOthers(path, mode: mode).description.contains("chmod 600"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try HostKey.load(from: directory) != nil)
    }

    @Test func aPrivateKeyGivenForAPublicOneIsSaidToBeOne() throws {
        let directory = try SealedLogs.temporaryDirectory()
        let key = try HostKey.generate(in: directory)
        #expect(throws: SealingError.privateKeyGiven(HostKey.privatePath(in: directory))) {
            try SealPublicKey(text: HostKey.privatePath(in: directory))
        }
        // Under another name, its bytes read as a public key; a seal by its public half says what was given.
        let copy = directory + "/copy.txt"
        try FileManager.default.copyItem(atPath: HostKey.privatePath(in: directory), toPath: copy)
        let given = try SealPublicKey(text: copy)
        #expect(given != key.publicKey)
        let reason = try #require(TrustedKeys(given).distrust(key.publicKey))
        #expect(reason.contains("private key was given") && reason.contains("host.pub"), "\(reason)")
        let stranger = try HostKey.generate(in: directory + "/x").publicKey
        #expect(TrustedKeys(given).distrust(stranger)?.contains("private") == false)
    }
}

/// What `--key` names is read as a key only when it can be one (integrity18 #4): a path that is not there says so,
/// a file far longer than a key or one that is not a regular file (a FIFO would hold the open) is refused unread,
/// and a key given as base64 — which may hold '/' — is still read as a key.
@Suite struct PublicKeyTextTests {
    @Test func aKeyFileIsReadOnlyWhenItCanHoldAKey() throws {
        let directory = NSTemporaryDirectory() + "evlog-pubkey-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try HostKey.generate(in: directory + "/k").publicKey
        #expect(throws: SealingError.noSuchKeyFile(directory + "/missing.pub")) { try SealPublicKey(text: directory + "/missing.pub") }
        try Data(repeating: 0x41, count: 64 * 1024).write(to: URL(fileURLWithPath: directory + "/long.pub"))
        #expect(throws: SealingError.badPublicKey(directory + "/long.pub")) { try SealPublicKey(text: directory + "/long.pub") }
        #expect(mkfifo(directory + "/fifo.pub", 0o644) == 0)
        #expect(throws: SealingError.badPublicKey(directory + "/fifo.pub")) { try SealPublicKey(text: directory + "/fifo.pub") }
        try Data((key.base64 + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/good.pub"))
        #expect(try SealPublicKey(text: directory + "/good.pub") == key)
        // Keys whose base64 holds '/' are read as keys, not taken for a missing file.
        var generated = 0
        while generated < 20 {
            let other = try HostKey.generate(in: directory + "/g\(generated)").publicKey
            generated += 1
            guard other.base64.contains("/") else { continue }
            #expect(try SealPublicKey(text: other.base64) == other)
        }
    }
}

/// A keyring's bad entries are named and left out, the other hosts' keys still read (integrity18 #4: one bad file
/// stopped a fleet's page). A host.key copied in under a `.pub` name is told by being the private half of another entry:
/// neither is used, since whoever reads the keyring can seal as that host.
@Suite struct KeyringPrivateKeyTests {
    /// `count` hosts `web0`… with their own keys in `<directory>/keys`, each key's directory `<directory>/k<index>`.
    static func ring(_ count: Int, in directory: String) throws -> [HostKey] {
        try FileManager.default.createDirectory(atPath: directory + "/keys", withIntermediateDirectories: true)
        return try (0..<count).map { index in
            let key = try HostKey.generate(in: directory + "/k\(index)")
            try Data((key.publicKey.base64 + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/keys/web\(index).pub"))
            return key
        }
    }

    @Test func aPrivateKeyBesideItsPublicHalfIsLeftOutWithTheKeyItExposes() throws {
        let directory = NSTemporaryDirectory() + "evlog-ring-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Self.ring(20, in: directory)
        let keys = directory + "/keys"
        #expect(try TrustedKeys(keyringDirectory: keys).hostNames.count == 20)
        let leaked = try String(contentsOfFile: HostKey.privatePath(in: directory + "/k7"), encoding: .utf8)
        try Data(leaked.utf8).write(to: URL(fileURLWithPath: keys + "/db1.pub"))
        let ring = try TrustedKeys(keyringDirectory: keys)
        #expect(ring.hostNames.count == 19 && !ring.holds(host: "web7") && !ring.holds(host: "db1"))
        #expect(ring.unusable == [
            .init(host: "db1", problem: .privateKeyGiven(keys + "/db1.pub")),
            .init(host: "web7", problem: .privateKeyExposed(keys + "/web7.pub", in: keys + "/db1.pub")),
        ])
    }

    /// Each kind of bad entry, put among generated good ones: it alone is left out, named, and the good hosts all load.
    /// A keyring with nothing usable is refused with its first entry's error.
    @Test(arguments: ["fifo", "directory", "junk", "empty", "huge", "bad name", "same key", "dangling link"])
    func aBadEntryIsLeftOutAndTheRestAreRead(_ kind: String) throws {
        let directory = NSTemporaryDirectory() + "evlog-ring-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hosts = try Self.ring(6, in: directory)
        let keys = directory + "/keys"
        let bad = keys + (kind == "bad name" ? "/we b.pub" : "/bad.pub")
        switch kind {
        case "fifo": #expect(mkfifo(bad, 0o644) == 0)
        case "directory": try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: false)
        case "junk": try Data("not a key at all\n".utf8).write(to: URL(fileURLWithPath: bad))
        case "empty": try Data().write(to: URL(fileURLWithPath: bad))
        case "huge": try Data(repeating: 0x41, count: 1 << 20).write(to: URL(fileURLWithPath: bad))
        case "dangling link": try FileManager.default.createSymbolicLink(atPath: bad, withDestinationPath: directory + "/gone.pub")
        default: try Data((hosts[3].publicKey.base64 + "\n").utf8).write(to: URL(fileURLWithPath: bad))
        }
        let ring = try TrustedKeys(keyringDirectory: keys)
        let left = kind == "same key" ? ["bad", "web3"] : [kind == "bad name" ? nil : "bad"]
        #expect(ring.unusable.map(\.host) == left, "\(ring.unusable)")
        #expect(ring.hostNames == (0..<6).map { "web\($0)" }.filter { !left.contains($0) })
        for entry in ring.unusable {
            #expect(entry.warning.contains(kind == "bad name" ? "we?b.pub" : "bad.pub") && !entry.warning.contains("\n"), "\(entry.warning)")
        }
        for index in 0..<6 { try FileManager.default.removeItem(atPath: keys + "/web\(index).pub") }
        if kind == "same key" { try FileManager.default.copyItem(atPath: bad, toPath: keys + "/web9.pub") }
        #expect(throws: SealingError.self) { try TrustedKeys(keyringDirectory: keys) }
    }
}
