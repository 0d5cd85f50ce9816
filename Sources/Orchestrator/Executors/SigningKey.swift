import InstallModel

/// A repository's signing key, fetched into the plan's work directory and checked before anything trusts it.
///
/// The key is imported into a throwaway GnuPG home (never the user's), its primary-key fingerprints are
/// compared with the ones `repos.yaml` pins (at least one must be there; keys not pinned are left out),
/// and only the pinned keys are exported, in the form the package manager reads: a binary keyring for a `.gpg` name (what apt's `signed-by` needs), ASCII armor for `.asc`.
struct SigningKey {
    /// The staged files for one repository: the key as fetched, the GnuPG home, the export.
    let fetchedPath: String
    let homePath: String
    let exportPath: String

    /// The longest GnuPG home kept in the work directory: gpg-agent's socket goes inside it, and a
    /// socket path over 107 bytes makes every `gpg --import` fail (a long `--home`).
    static let homePathBytesMax = 80

    init(repository: String, context: ExecutionContext) {
        let directory = context.workDirectory + "/keys/" + repository
        fetchedPath = directory + "/fetched.key"
        exportPath = directory + "/export.key"
        homePath = Self.gnupgHome(for: directory)
    }

    /// `<directory>/gnupg`, or, when that is too long for gpg-agent's socket, a short directory in
    /// /tmp named by a hash of it (created fresh, mode 0700, and removed after the export).
    static func gnupgHome(for directory: String) -> String {
        let inside = directory + "/gnupg"
        guard inside.utf8.count > homePathBytesMax else { return inside }
        return "/tmp/evlog-gnupg-" + String(StableHash.fnv1a(directory), radix: 16)
    }

    private var homeIsOutside: Bool { !homePath.hasPrefix(parentDirectory(of: fetchedPath)) }

    /// Fetches the key at `url`, checks it against `pinned` (upper-case hex; empty: not pinned, a warning)
    /// and exports it for `keyringPath`. Nothing outside the work directory is touched.
    func fetchAndCheck(url: String, pinned: [String], keyringPath: String, context: ExecutionContext) async -> StepOutcome {
        let outcome = await check(url: url, pinned: pinned, keyringPath: keyringPath, context: context)
        if homeIsOutside { _ = await context.run(["rm", "-rf", homePath]) }
        return outcome
    }

    private func check(url: String, pinned: [String], keyringPath: String, context: ExecutionContext) async -> StepOutcome {
        // Outside the work directory the home is a fresh directory or nothing (never one someone left there).
        let makeHome: [[String]] = homeIsOutside
            ? [["mkdir", "-p", parentDirectory(of: fetchedPath)], ["mkdir", "-m", "0700", homePath]]
            : [["mkdir", "-p", "-m", "0700", homePath]]
        let fetched = await context.runAll(
            [["rm", "-rf", homePath]] + makeHome + [FetchCommand.curl(["-fsSL", "--retry", "3", "-o", fetchedPath], url: url)])
        guard case .done = fetched else { return fetched }
        let imported = await context.run(gpg + ["--import", fetchedPath])
        if imported.neverRan { return StepOutcome(failureOf: imported, command: gpg) ?? fetched }
        guard imported.succeeded else {
            return .failed(.known(.gpgKeyError, "the file at \(url) is not an OpenPGP public key gpg can import", exitCode: imported.exitCode))
        }
        let (listed, output) = await context.runCapturing(gpg + ["--with-colons", "--fingerprint"])
        guard listed.succeeded else { return .failed(.known(.gpgKeyError, "gpg could not list the key from \(url)", exitCode: listed.exitCode)) }
        let found = Self.primaryFingerprints(inColons: output)
        // With a pin, a file without the pinned key is refused below; without one, gpg's import already vouched for it.
        guard !found.isEmpty || pinned.isEmpty else { return .failed(.known(.gpgKeyError, "\(url) holds no public key")) }
        var trusted = found
        if pinned.isEmpty {
            context.io.say("warning: the key at \(url) is not pinned by a key_fingerprint; trusting \(found.joined(separator: ", ")) unchecked")
        } else {
            trusted = found.filter { pinned.contains($0) }
            guard !trusted.isEmpty else {
                return .failed(.known(
                    .gpgKeyError,
                    "the key at \(url) has fingerprint \(found.joined(separator: ", ")), but repos.yaml pins \(pinned.joined(separator: ", ")); nothing was trusted"))
            }
            context.io.say("key fingerprint \(trusted.joined(separator: ", ")) matches the pinned one")
            for stranger in found where !pinned.contains(stranger) {
                context.io.say("the file also holds \(stranger), which is not pinned: left out")
            }
        }
        // Only the keys checked above are exported: anything else in the file is never trusted.
        let armored = keyringPath.hasSuffix(".asc")
        return await context.runAll([gpg + ["--yes", "-o", exportPath] + (armored ? ["--armor"] : []) + ["--export"] + trusted])
    }

    /// Moves the checked export to `keyringPath` (as root), readable by the package manager.
    func install(at keyringPath: String, context: ExecutionContext) async -> StepOutcome {
        await context.runAll(
            [["install", "-d", "-m", "0755", parentDirectory(of: keyringPath)], ["install", "-m", "0644", exportPath, keyringPath]],
            asRoot: true)
    }

    /// gpg never starts an agent: importing, listing and exporting public keys needs none, and one it started would
    /// detach (its own session) and outlive the plan.
    private var gpg: [String] { ["gpg", "--batch", "--no-tty", "--no-autostart", "--homedir", homePath] }

    /// The fingerprint of each primary key (`pub`) in `gpg --with-colons` output, upper-case; subkeys are left out.
    static func primaryFingerprints(inColons output: String) -> [String] {
        var result: [String] = []
        var afterPrimary = false
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard let type = fields.first else { continue }
            switch type {
            case "pub": afterPrimary = true
            case "sub", "uid", "uat": afterPrimary = false
            case "fpr" where afterPrimary && fields.count > 9:
                result.append(fields[9].uppercased())
                afterPrimary = false
            default: break
            }
        }
        return result
    }
}
