import Foundation
import Testing

/// A signed flat apt repository holding one tiny package this test builds (`dpkg-deb --build`,
/// `apt-ftparchive`, `gpg --clearsign`), served from 127.0.0.1 with its armored key at `key.asc`.
struct LocalAptRepository {
    static let canBuild = Machine.isRoot && Machine.hasApt && LocalHTTPServer.canRun
        && ["dpkg-deb", "apt-ftparchive", "gpg"].allSatisfy { ChildProcess.lookUp($0) != nil }

    let directory: String
    let package: String
    let version: String
    /// The signing key's primary fingerprint, upper-case hex.
    let fingerprint: String
    let server: LocalHTTPServer

    var url: String { server.baseURL + "/" }
    var keyURL: String { server.baseURL + "/key.asc" }

    /// Builds and serves the repository; `postinst` (a shell script body) runs when dpkg configures the package,
    /// `prerm` when it removes it.
    static func make(package: String, version: String, postinst: String? = nil, prerm: String? = nil) throws -> LocalAptRepository {
        let directory = try TemporaryDirectory.make(prefix: "evlog-apt-repo", mode: 0o755)
        let gnupg = directory + "/gnupg", served = directory + "/srv", tree = directory + "/pkg"
        for path in [gnupg, served, tree + "/DEBIAN", tree + "/usr/bin"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let gpg = ["gpg", "--batch", "--homedir", gnupg]
        try ChildProcess.must(gpg + ["--passphrase", "", "--quick-gen-key", "evlog test repo <repo@example.invalid>", "ed25519", "sign", "never"])
        let listed = try ChildProcess.runBlocking(gpg + ["--with-colons", "--fingerprint"])
        guard let fingerprint = ChildOutcome.lines(listed.stdout).first(where: { $0.hasPrefix("fpr:") })?
            .split(separator: ":", omittingEmptySubsequences: false).dropFirst(9).first.map(String.init)
        else { throw EvlogTestError.unexpectedOutput("no fingerprint from gpg: \(listed.stdout)") }
        let key = try ChildProcess.must(gpg + ["--armor", "--export"])
        try Data(key.stdout.utf8).write(to: URL(fileURLWithPath: served + "/key.asc"))
        let control = "Package: \(package)\nVersion: \(version)\nArchitecture: all\nMaintainer: nobody <n@example.invalid>\nDescription: evlog test package\n"
        try Data(control.utf8).write(to: URL(fileURLWithPath: tree + "/DEBIAN/control"))
        for (script, body) in [("postinst", postinst), ("prerm", prerm)] {
            guard let body else { continue }
            try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: tree + "/DEBIAN/" + script))
            try ChildProcess.must(["chmod", "0755", tree + "/DEBIAN/" + script])
        }
        try Data("#!/bin/sh\necho \"\(package) \(version)\"\n".utf8).write(to: URL(fileURLWithPath: tree + "/usr/bin/" + package))
        // dpkg-deb wants the package tree, and DEBIAN above all, at 0755.
        try ChildProcess.must(["chmod", "-R", "0755", tree])
        try ChildProcess.must(["dpkg-deb", "--build", "--root-owner-group", tree, served + "/\(package)_\(version)_all.deb"])
        try ChildProcess.must([
            "sh", "-c",
            "cd \"$1\" && apt-ftparchive packages . > Packages && apt-ftparchive release . > Release"
                + " && gpg --batch --homedir \"$2\" --clearsign -o InRelease Release",
            "sh", served, gnupg,
        ])
        try ChildProcess.must(["chmod", "-R", "a+rX", served])
        let server = try LocalHTTPServer(root: served)
        return LocalAptRepository(directory: directory, package: package, version: version, fingerprint: fingerprint, server: server)
    }

    /// A catalog overlay with a recipe installing the package from this repository, its key pinned to `fingerprint`.
    func overlay(at path: String, fingerprint: String, name: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/recipes", withIntermediateDirectories: true)
        let recipe = """
            \(package):
              description: test tool from a local signed apt repository
              binary: \(package)
              verify: {pattern: '\(package) [0-9]+\\.[0-9]+\\.[0-9]+'}
              methods:
                - packages:
                    apt: {name: \(package), repo: \(name)}

            """
        let repos = """
            \(name):
              apt:
                key_url: \(keyURL)
                key_fingerprint: \(fingerprint)
                keyring: /etc/apt/keyrings/\(name).gpg
                source: "deb [signed-by=/etc/apt/keyrings/\(name).gpg] \(url) ./"
                source_path: /etc/apt/sources.list.d/\(name).list

            """
        try Data(recipe.utf8).write(to: URL(fileURLWithPath: path + "/recipes/\(package).yaml"))
        try Data(repos.utf8).write(to: URL(fileURLWithPath: path + "/repos.yaml"))
    }

    /// Stops the server, purges the package, removes the source list and keyring the overlay `name` set up.
    func remove(repositoryName name: String) {
        server.stop()
        _ = try? ChildProcess.runBlocking(
            ["apt-get", "purge", "-y", "-q", "-o", "DPkg::Lock::Timeout=120", package], environment: Machine.aptEnvironment,
            mergeStandardError: true)
        for path in ["/etc/apt/sources.list.d/\(name).list", "/etc/apt/keyrings/\(name).gpg"] {
            try? FileManager.default.removeItem(atPath: path)
        }
        TemporaryDirectory.remove(directory)
    }
}
