import InstallModel
import Orchestrator

/// A `CommandRunner` for plan shapes (`--simulate=synthetic`): every command succeeds with empty output
/// after a short virtual delay, so any plan on any profile runs through the real orchestrator and
/// executors without recordings.
///
/// The synthetic machine is fresh and healthy, which takes four answers that are not empty: a package
/// manager's is-it-installed check says no (exit 1), so packages are installed rather than skipped; a
/// checksum tool prints the digest the step pins (or the one its checksum file publishes), as a file
/// fetched from a healthy mirror has; gpg lists the key a repository pins, as the vendor's real key file
/// holds it; and a verify step's command prints a line its version pattern matches.
/// A release's checksum file, fetched to stdout, lists a digest for its asset, and the count of what its archive
/// unpacks to (`UnpackedSizeCount`) is 0, as its fetch left an empty file; fetches and unpacking leave their traces
/// in the simulated filesystem (`CommandTraces`).
/// Each command's delay (10 ms to 2 s) comes from the seed and the command line, so the same plan and
/// seed give the same log.
public struct SyntheticRunner: CommandRunner {
    /// The SHA-256 the step pins for what it fetches, if any.
    private let pinnedSHA256: String?
    /// What a verify step's command prints: a line its version pattern matches.
    private let versionLine: String?
    /// What `gpg --with-colons --fingerprint` lists for a repository step: the keys it pins.
    private let pinnedKeyListing: String?
    /// The checksum file a release step fetches, and the asset it lists.
    private let checksumFile: (url: String, asset: String)?
    private let fileSystem: SimulatedFileSystem
    private let seed: UInt64

    /// `step` is the step whose commands this runner answers (nil: commands of no particular step).
    public init(step: Step?, seed: UInt64, fileSystem: SimulatedFileSystem = SimulatedFileSystem()) {
        pinnedSHA256 = step.flatMap(SyntheticRunner.pinnedSHA256(of:))?.lowercased()
        if case .verify(let p)? = step?.action, let pattern = p.versionPattern, let example = RegexExample.example(for: pattern) {
            // A version the user asked for is what a real install of it prints too.
            versionLine = ([example] + (p.requestedVersion.map { [$0] } ?? [])).joined(separator: " ") + "\n"
        } else {
            versionLine = nil
        }
        if case .repoSetup(let p)? = step?.action, let pinned = p.keyFingerprints, !pinned.isEmpty {
            pinnedKeyListing = pinned.map { fingerprint in
                let hex = fingerprint.filter { !$0.isWhitespace }.uppercased()
                return "pub:-:255:22:\(hex.suffix(16)):0:::-:::scSC::::::23::0:\nfpr:::::::::\(hex):\n"
            }.joined()
        } else {
            pinnedKeyListing = nil
        }
        if case .githubRelease(let p)? = step?.action, let url = p.checksumFileURL {
            checksumFile = (url, SyntheticRunner.lastComponent(of: p.assetURL))
        } else {
            checksumFile = nil
        }
        self.fileSystem = fileSystem
        self.seed = seed
    }

    public func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        let words = SimulatedRunner.commandLine(command.argv).split(separator: " ").map(String.init)
        let delayMicros = duration(of: words.joined(separator: " "))
        guard delayMicros <= Int64(command.timeoutSeconds) * 1_000_000 else {
            io.elapse(microseconds: Int64(command.timeoutSeconds) * 1_000_000)
            return CommandResult(termination: .timedOut)
        }
        io.elapse(microseconds: delayMicros)
        if PackageManagerCommands.isInstalledCheck(words) { return CommandResult(termination: .exited(1)) }
        if let file = SyntheticRunner.checksummedFile(words) {
            let digest = pinnedSHA256 ?? SyntheticRunner.publishedDigest(of: SyntheticRunner.lastComponent(of: file))
            io.emit(.stdout, Array("\(digest)  \(file)\n".utf8))
        }
        if let checksumFile, words.first == "curl", !words.contains("-o"), words.last == checksumFile.url {
            io.emit(.stdout, Array("\(SyntheticRunner.publishedDigest(of: checksumFile.asset))  \(checksumFile.asset)\n".utf8))
        }
        CommandTraces.leave(by: command.argv, in: fileSystem)
        // What a fetched archive unpacks to: the synthetic machine's fetches hold nothing.
        if UnpackedSizeCount.isCount(command.argv) { io.emit(.stdout, Array("0\n".utf8)) }
        if let pinnedKeyListing, words.first == "gpg", words.contains("--with-colons"), words.contains("--fingerprint") {
            io.emit(.stdout, Array(pinnedKeyListing.utf8))
        }
        if let versionLine { io.emit(.stdout, Array(versionLine.utf8)) }
        return CommandResult(termination: .exited(0))
    }

    /// The SHA-256 a healthy mirror's checksum file publishes for `asset` on the synthetic machine: 64 hex
    /// digits drawn from the asset's name, so the fetched file and its listing agree.
    public static func publishedDigest(of asset: String) -> String {
        var generator = SplitMix64(seed: StableHash.fnv1a(asset))
        return (0..<4).map { _ in
            let word = String(generator.next(), radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }

    private static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// A deterministic delay in 10 ms … 2 s from the seed and the command line (FNV-1a, then SplitMix64).
    private func duration(of line: String) -> Int64 {
        var generator = SplitMix64(seed: seed ^ StableHash.fnv1a(line))
        return Int64(UInt64.random(in: 10_000...2_000_000, using: &generator))
    }

    /// The file a `sha256sum FILE` or `shasum -a 256 FILE` asks about.
    static func checksummedFile(_ words: [String]) -> String? {
        if words.count == 2, words[0] == "sha256sum" { return words[1] }
        if words.count == 4, words[0] == "shasum", words[1] == "-a", words[2] == "256" { return words[3] }
        return nil
    }

    private static func pinnedSHA256(of step: Step) -> String? {
        switch step.action {
        case .download(let p): p.sha256
        case .githubRelease(let p): p.sha256
        case .source(let p): p.sha256
        case .tool(let p): p.scriptSHA256
        default: nil
        }
    }
}
