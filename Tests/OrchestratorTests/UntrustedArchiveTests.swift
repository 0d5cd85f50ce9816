import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// Release archives are unpacked as untrusted: real tar archives made here, each with one hostile member, go
/// through the real release executor (`file://` URLs, real tar and install) and install nothing; a plain one installs
/// a regular file with mode 0755.
@Suite(.serialized)
struct UntrustedArchiveTests {
    static let hasTools = ["tar", "curl", "sha256sum", "install", "mkfifo"].allSatisfy { name in
        ["/usr/bin/", "/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
    }

    /// A hostile member beside (or instead of) the binary `tool/rel`, made by a shell snippet run in the archive's
    /// directory (which packs `tool` into `$ARCHIVE` itself when it names it); `$SECRET` is a root-only file outside it.
    static let hostileMembers: [(name: String, make: String)] = [
        ("binary is a symlink to a root-only file", "ln -s \"$SECRET\" tool/rel"),
        ("binary is a relative symlink out of the archive", "ln -s ../../../../../secret tool/rel"),
        ("binary is a symlink inside the archive", "cp tool/real tool/other && ln -s other tool/rel"),
        ("a symlink beside the binary points at /etc", "cp tool/real tool/rel && ln -s /etc tool/etc"),
        ("a FIFO beside the binary", "cp tool/real tool/rel && mkfifo tool/pipe"),
        ("the binary is setuid", "cp tool/real tool/rel && chmod 4755 tool/rel"),
        ("a setgid directory", "cp tool/real tool/rel && mkdir tool/share && chmod 2755 tool/share"),
        ("a member with an absolute path", "cp tool/real tool/rel && tar -czPf \"$ARCHIVE\" tool \"$SECRET\""),
        ("a member unpacking to more than the cap (a bomb)",
         "cp tool/real tool/rel && truncate -s 600M tool/zeros && tar -czSf \"$ARCHIVE\" tool"),
        ("a member climbing out with ..", "cp tool/real tool/rel && mkdir tool/sub && tar -czPf \"$ARCHIVE\" tool tool/sub/../../../secret"),
        ("a link whose .. climbs out through another link", "cp tool/real tool/rel && mkdir tool/d && ln -s .. tool/d/s && ln -s d/s/../.. tool/t"),
        ("the binary reached through a directory link inside",
         "mkdir real.d && cp tool/real real.d/rel && rm -rf tool && ln -s real.d tool && tar -czf \"$ARCHIVE\" tool real.d"),
    ]

    /// The same for a zip (packed by `zip -y`, symbolic links kept as links): every one is refused from `unzip -Z`'s
    /// listing and the link targets read from the zip, before anything is unpacked.
    static let hostileZipMembers: [(name: String, make: String)] = [
        ("binary is a symlink to a root-only file", "ln -s \"$SECRET\" tool/rel"),
        ("binary is a relative symlink out of the archive", "ln -s ../../../../../secret tool/rel"),
        ("a symlink beside the binary points at /etc", "cp tool/real tool/rel && ln -s /etc tool/etc"),
        ("a symlink whose name is a wildcard points out", "cp tool/real tool/rel && cp tool/real 'tool/e1' && ln -s ../../../../etc 'tool/e*'"),
        ("a symlink named like unzip's -d option points out", "cp tool/real tool/rel && ln -s /etc ./-d && zip -qry \"$ARCHIVE\" tool ./-d"),
        ("a link whose .. climbs out through another link", "cp tool/real tool/rel && mkdir tool/d && ln -s .. tool/d/s && ln -s d/s/../.. tool/t"),
        ("the binary is setuid", "cp tool/real tool/rel && chmod 4755 tool/rel"),
        ("a setgid directory", "cp tool/real tool/rel && mkdir tool/share && chmod 2755 tool/share"),
        ("a member whose listed size lies: 1000 bytes claimed, 600 MiB inflated (a bomb unzip writes whole)",
         "cp tool/real tool/rel && truncate -s 600M tool/zeros && zip -qry \"$ARCHIVE\" tool && " + claimingSmallSizes),
        ("the binary is setuid and its file type unknown (listed ?rwsr-xr-x)",
         "cp tool/real tool/rel && chmod 4755 tool/rel && zip -qry \"$ARCHIVE\" tool && " + withoutFileTypes),
    ]

    /// Rewrites the zip `$ARCHIVE` so that no member's external attributes hold a file type (permissions kept):
    /// `unzip -Z` lists such a member's mode as `?rwsr-xr-x`.
    static let withoutFileTypes = #"""
        python3 - "$ARCHIVE" <<'PY'
        import struct, sys
        data = bytearray(open(sys.argv[1], "rb").read())
        at = data.find(b"PK\x01\x02")
        while at >= 0:
            attributes = struct.unpack_from("<I", data, at + 38)[0]
            struct.pack_into("<I", data, at + 38, attributes & ~(0o170000 << 16))
            at = data.find(b"PK\x01\x02", at + 4)
        open(sys.argv[1], "wb").write(data)
        PY
        """#

    /// Rewrites the zip `$ARCHIVE` so that its local and central headers claim 1000 bytes for every member larger
    /// than that: `unzip -Z` then lists a small archive, while unzip still inflates (and writes) every byte.
    static let claimingSmallSizes = #"""
        python3 - "$ARCHIVE" <<'PY'
        import struct, sys
        data = bytearray(open(sys.argv[1], "rb").read())
        for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
            at = data.find(signature)
            while at >= 0:
                if struct.unpack_from("<I", data, at + offset)[0] > 1000:
                    struct.pack_into("<I", data, at + offset, 1000)
                at = data.find(signature, at + 4)
        open(sys.argv[1], "wb").write(data)
        PY
        """#

    /// Links that stay inside the archive: a zip (`zip -y`) holding them unpacks, and its binary is installed.
    static let insideZipLinks: [(name: String, make: String)] = [
        ("a link beside the binary", "cp tool/real tool/rel && ln -s rel tool/alias"),
        ("a link climbing back inside", "cp tool/real tool/rel && mkdir -p tool/lib/x && ln -s ../../real tool/lib/x/real"),
        ("a link whose name is a wildcard", "cp tool/real tool/rel && ln -s rel 'tool/r*' && ln -s rel 'tool/[r]'"),
    ]

    static let hasZip = ["zip", "unzip", "python3"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }

    let root = NSTemporaryDirectory() + "evlog-archives-" + UUID().uuidString.prefix(8)
    let io = RecordingIO()

    var context: ExecutionContext { .realDebian(root: root, io: io) }

    /// Builds `tool/` (a real binary `tool/real` plus what `make` adds), packs it as a .tar.gz and installs `tool/rel`
    /// from it with the release executor; returns the outcome and the installed path.
    func install(_ make: String, zip: Bool = false) async throws -> (StepOutcome, String) {
        let build = root + "/build"
        try FileManager.default.createDirectory(atPath: build + "/tool", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/served", withIntermediateDirectories: true)
        try Data("TOPSECRET\n".utf8).write(to: URL(fileURLWithPath: root + "/secret"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: root + "/secret")
        try Data("#!/bin/sh\necho rel 1.0\n".utf8).write(to: URL(fileURLWithPath: build + "/tool/real"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: build + "/tool/real")
        let archive = root + "/served/rel-1.0" + (zip ? ".zip" : ".tar.gz")
        let pack = make.contains("$ARCHIVE") ? "" : zip ? " && zip -qry \"$ARCHIVE\" tool" : " && tar -czf \"$ARCHIVE\" tool"
        try shell("cd \"$BUILD\" && \(make)\(pack)", ["BUILD": build, "ARCHIVE": archive, "SECRET": root + "/secret"])
        let release = GitHubReleaseParameters(
            repository: "acme/rel", version: "1.0", assetURL: "file://" + archive, sha256: nil, checksumFileURL: nil,
            binaryInArchive: "tool/rel", installDirectory: root + "/home/.local/bin", installName: "rel")
        let outcome = await StepExecutors.execute(Step(id: "release", label: "release", action: .githubRelease(release)), context: context)
        return (outcome, root + "/home/.local/bin/rel")
    }

    func shell(_ script: String, _ environment: [String: String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(script)")
    }

    @Test(.enabled(if: UntrustedArchiveTests.hasTools), arguments: UntrustedArchiveTests.hostileMembers.indices)
    func anArchiveWithAHostileMemberInstallsNothing(index: Int) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (name, make) = Self.hostileMembers[index]
        let (outcome, installed) = try await install(make)
        guard case .failed(let cause) = outcome else {
            // Not as root, tar may drop setuid and setgid bits while unpacking: then what is installed has none.
            let mode = (try? FileManager.default.attributesOfItem(atPath: installed))?[.posixPermissions] as? Int
            if geteuid() != 0, name.contains("setuid") || name.contains("setgid"), mode == 0o755 { return }
            Issue.record("\(name): installed (\(outcome)); \(io.text)")
            return
        }
        expectRefused(cause, name: name, installed: installed)
    }

    /// A refusal is evlog's own policy (not a corrupt download to fetch again), installs nothing and leaves nothing.
    func expectRefused(_ cause: FailureCause, name: String, installed: String) {
        #expect(cause.isPolicyRefusal && cause.message.contains("policy") && cause.message.contains("nothing was installed"),
                "\(name): \(cause.summary)")
        #expect(!FileManager.default.fileExists(atPath: installed), "\(name): \(installed) exists")
        let left = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.contains("unpacked/") } ?? []
        #expect(left.isEmpty, "\(name): the refused archive's tree is left on disk: \(left)")
    }

    @Test(.enabled(if: UntrustedArchiveTests.hasTools && UntrustedArchiveTests.hasZip), arguments: UntrustedArchiveTests.hostileZipMembers.indices)
    func aZipWithAHostileMemberIsRefusedBeforeUnpacking(index: Int) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (name, make) = Self.hostileZipMembers[index]
        let (outcome, installed) = try await install(make, zip: true)
        guard case .failed(let cause) = outcome else { Issue.record("\(name): installed (\(outcome)); \(io.text)"); return }
        expectRefused(cause, name: name, installed: installed)
        #expect(!io.commands.contains { $0.first == "unzip" && $0.contains("-o") }, "\(name): unpacked before the refusal: \(io.commands)")
    }

    @Test(.enabled(if: UntrustedArchiveTests.hasTools && UntrustedArchiveTests.hasZip), arguments: UntrustedArchiveTests.insideZipLinks.indices)
    func aZipWithALinkInsideInstalls(index: Int) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (name, make) = Self.insideZipLinks[index]
        let (outcome, installed) = try await install(make, zip: true)
        #expect(outcome.isSuccess, "\(name): \(outcome); \(io.text)")
        let attributes = try FileManager.default.attributesOfItem(atPath: installed)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(name)")
        #expect(io.commands.contains { $0.first == "unzip" && $0.contains("-p") }, "\(name): no link target was read: \(io.commands)")
    }

    /// A zip whose binary is a link, even one inside, unpacks but installs nothing: only a regular file is installed.
    @Test(.enabled(if: UntrustedArchiveTests.hasTools && UntrustedArchiveTests.hasZip))
    func aZipWhoseBinaryIsALinkInsideInstallsNothing() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (outcome, installed) = try await install("cp tool/real tool/other && ln -s other tool/rel", zip: true)
        guard case .failed(let cause) = outcome else { Issue.record("installed (\(outcome)); \(io.text)"); return }
        expectRefused(cause, name: "binary is a link inside", installed: installed)
    }

    @Test(.enabled(if: UntrustedArchiveTests.hasTools && UntrustedArchiveTests.hasZip))
    func aPlainZipInstalls() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (outcome, installed) = try await install("cp tool/real tool/rel", zip: true)
        #expect(outcome.isSuccess, "\(io.text)")
        #expect(FileManager.default.isExecutableFile(atPath: installed))
    }

    /// Devices, FIFOs, sockets, setuid or setgid members and links out of the tree are refused from `tar -tvf`'s
    /// listing, before anything is written; generated member lines with a seeded type, mode and link target. The
    /// same member in `unzip -Z`'s listing (names with spaces, between its header and totals lines) is refused
    /// for the same reasons but a link's, which is judged once its target is read (`zipLinks`). A member of unknown
    /// type (`?rwsr-xr-x`) is judged by its permissions too.
    @Test func hostileMembersAreRefusedFromTheVerboseListing() {
        var generator = SplitMix64(seed: 8)
        for _ in 0..<300 {
            let pick = { (choices: [String]) in choices[Int(generator.next() % UInt64(choices.count))] }
            // `?`: a type the listing cannot name (a zip whose external attributes hold permissions and no file type).
            let type = pick(["-", "d", "l", "c", "b", "p", "s", "h", "?"])
            let special = pick(["x", "s", "S"])
            let mode = type + "rw" + (generator.next() % 2 == 0 ? special : "x") + "r-" + (generator.next() % 2 == 0 ? special : "x") + "r-x"
            let depth = Int(generator.next() % 3)
            let name = (["t-1.0"] + Array(repeating: pick(["lib", "my lib"]), count: depth) + ["m"]).joined(separator: "/")
            let climbs = Int(generator.next() % 5)
            let target = pick(["/etc/shadow", String(repeating: "../", count: climbs) + "x"])
            let suffix = type == "l" ? " -> \(target)" : type == "h" ? " link to \(target)" : ""
            let size = "cb".contains(type) ? "1,3" : "0"
            let line = "\(mode) root/root \(size) 2026-12-06 12:00 \(name)\(suffix)"
            let outside = target.hasPrefix("/") || (type == "l" ? climbs > depth + 1 : climbs > 0)
            let hostileMode = "cbps".contains(type) || mode.dropFirst(3).first.map { "sS".contains($0) } == true
                || mode.dropFirst(6).first.map { "sS".contains($0) } == true
            let hostile = hostileMode || ("lh".contains(type) && outside)
            let problem = UnpackedArchive.problem(inVerboseListing: "drwxr-xr-x root/root 0 2026-12-06 12:00 t-1.0/\n" + line, zip: false)
            #expect((problem != nil) == hostile, "\(line): \(problem ?? "accepted")")
            guard type != "h" else { continue }
            let zipLine = "\(mode)  3.0 unx \(size == "0" ? "     0" : "     3") bx stor 26-Dec-06 16:36 \(name)"
            let zipListing = "Archive:  /w/t-1.0.zip\nZip file size: 605 bytes, number of entries: 2\n"
                + "drwxr-xr-x  3.0 unx        0 bx stor 26-Dec-06 16:36 t-1.0/\n\(zipLine)\n2 files, 3 bytes uncompressed, 3 bytes compressed:  0.0%"
            let zipProblem = UnpackedArchive.problem(inVerboseListing: zipListing, zip: true)
            // A zip's links are judged once their targets are read (`zipLinks`), not from this listing.
            #expect((zipProblem != nil) == hostileMode, "\(zipLine): \(zipProblem ?? "accepted")")
            #expect(UnpackedArchive.zipLinks(inVerboseListing: zipListing)?.map(\.name) == (type == "l" ? [name] : []))
        }
    }

    @Test(.enabled(if: UntrustedArchiveTests.hasTools))
    func aPlainArchiveInstallsARegularFileWithMode0755() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (outcome, installed) = try await install("cp tool/real tool/rel && chmod 0700 tool/rel")
        #expect(outcome.isSuccess, "\(io.text)")
        let attributes = try FileManager.default.attributesOfItem(atPath: installed)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect((attributes[.posixPermissions] as? Int) == 0o755)
    }

    /// Sizes are summed over members (generated, seeded): just under the cap passes, one byte over does not,
    /// and zip's totals line is read the same way.
    @Test func theUnpackedSizeIsCappedOverAllMembers() {
        var generator = SplitMix64(seed: 23)
        for _ in 0..<50 {
            let count = Int.random(in: 1...20, using: &generator)
            var sizes = (0..<count).map { _ in UInt64.random(in: 0...(UnpackedArchive.maximumUnpackedBytes / UInt64(count)), using: &generator) }
            let under = sizes.reduce(0, +)
            let listing = { (sizes: [UInt64]) in
                sizes.enumerated().map { "-rw-r--r-- root/root \($1) 2026-12-06 12:18 tool/f\($0)" }.joined(separator: "\n")
            }
            #expect(UnpackedArchive.problem(inSizeListing: listing(sizes), zip: false) == nil)
            sizes[0] += UnpackedArchive.maximumUnpackedBytes - under + 1
            #expect(UnpackedArchive.problem(inSizeListing: listing(sizes), zip: false)?.contains("MiB") == true)
            let zipTotals = { (total: UInt64) in "\(count) files, \(total) bytes uncompressed, 2087262 bytes compressed:  99.9%" }
            #expect(UnpackedArchive.problem(inSizeListing: zipTotals(under), zip: true) == nil)
            #expect(UnpackedArchive.problem(inSizeListing: zipTotals(sizes.reduce(0, +)), zip: true) != nil)
        }
    }

    /// The count of what an archive unpacks to decides, not its listing: generated counts up to the cap pass, any
    /// past it (the count stops one byte past) is refused, and output that is not one number is refused too; the
    /// archive and the cap are positional parameters, never the script's text.
    @Test func theCountedSizeDecides() {
        var generator = SplitMix64(seed: 15)
        let cap = UnpackedArchive.maximumUnpackedBytes
        for _ in 0..<100 {
            let within = UInt64.random(in: 0...cap, using: &generator)
            #expect(UnpackedSizeCount.problem(inOutput: " \(within)\n") == nil, "\(within)")
            let past = cap + UInt64.random(in: 1...cap, using: &generator)
            #expect(UnpackedSizeCount.problem(inOutput: "\(past)\n")?.contains("MiB") == true, "\(past)")
        }
        for output in ["", "\n", "12 34\n", "unzip: cannot find\n", "-1\n"] {
            #expect(UnpackedSizeCount.problem(inOutput: output)?.contains("could not be counted") == true, "\(output)")
        }
        for zip in [true, false] {
            let command = UnpackedSizeCount.command(archive: "/w/a b;$(x).zip", zip: zip)
            #expect(UnpackedSizeCount.isCount(command) && command[4] == "/w/a b;$(x).zip" && !command[2].contains("a b"))
        }
    }

    /// The asset's file name comes from the URL's path, never its query; tar and zip assets in any of their
    /// usual names are unpacked, other packed files refused, never installed as the binary.
    @Test func theAssetNameAndPackingComeFromTheURLPath() {
        #expect(ReleaseAsset.fileName(of: "https://h/x/tool-1.0.tar.gz?name=evil.bin&a=/etc/passwd") == "tool-1.0.tar.gz")
        #expect(ReleaseAsset.fileName(of: "https://h/x/tool#frag/..") == "tool")
        for bad in ["https://h/x/", "https://h/x/..", "https://h/x/a\u{1B}b", "https://h/x/.?q=tool"] {
            #expect(ReleaseAsset.fileName(of: bad) == nil, "\(bad)")
        }
        for name in ["t.tar", "t.tar.bz2", "T.TAR.XZ", "t.tgz", "t.tbz2"] { #expect(ReleaseAsset.packing(of: name) == .success(.tar), "\(name)") }
        #expect(ReleaseAsset.packing(of: "t.zip") == .success(.zip))
        #expect(ReleaseAsset.packing(of: "tool-linux-amd64") == .success(.none))
        for name in ["t.gz", "t.7z", "t.xz", "t.rar"] {
            guard case .failure(let refusal) = ReleaseAsset.packing(of: name) else { Issue.record("\(name) accepted"); continue }
            #expect(refusal.description.contains("nothing was installed"))
        }
    }

    /// Hard links are judged by identity: one whose other names are all in the tree is fine, one with a name
    /// outside it is not (tar itself refuses to make such links, so this is checked on entries as listed).
    @Test func aHardLinkWithANameOutsideTheTreeIsRefused() {
        let inside = [
            FileEntry(path: "a", kind: .regular, mode: 0o755, identity: [1, 7], linkCount: 2),
            FileEntry(path: "b", kind: .regular, mode: 0o755, identity: [1, 7], linkCount: 2),
        ]
        #expect(UnpackedArchive.problem(in: inside, binary: "a") == nil)
        let outside = [FileEntry(path: "a", kind: .regular, mode: 0o755, identity: [1, 7], linkCount: 2)]
        #expect(UnpackedArchive.problem(in: outside, binary: "a")?.contains("hard link") == true)
    }
}
