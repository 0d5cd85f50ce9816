import Foundation
import InstallModel
import Testing

@testable import Catalog

/// What owns a command is read from the package database's answer only where it names one (truth11 F12: dpkg's
/// complaint `dpkg-query: no path found matching pattern /bin/jq` was read as a package named `dpkg-query`), and one
/// file reached by two names is one copy (`/bin/jq` and `/usr/bin/jq` on a merged /usr).
struct OwnerAnswerTests {
    static let path = "/usr/bin/jq"

    @Test(arguments: ["jq", "libjq1", "g++", "python3.11", "lib32z1-dev"])
    func dpkgsAnswerNamesItsFirstPackage(name: String) {
        for answer in ["\(name): \(Self.path)", "\(name):amd64: \(Self.path)", "\(name), other: \(Self.path)",
                       "diversion by x from: \(Self.path)\n\(name): \(Self.path)"] {
            #expect(SystemInstallFinder.ownerName(.apt, path: Self.path, output: answer) == name, "\(answer)")
        }
    }

    @Test func dpkgsComplaintsNameNoPackage() {
        for answer in ["dpkg-query: no path found matching pattern \(Self.path)", "dpkg-query: error: \(Self.path)",
                       "", "warning: something: \(Self.path)", "jq: /usr/bin/jq-other"] {
            #expect(SystemInstallFinder.ownerName(.apt, path: Self.path, output: answer) == nil, "\(answer)")
        }
        #expect(SystemInstallFinder.ownerName(.dnf, path: Self.path, output: "file /usr/bin/jq is not owned by any package") == nil)
        #expect(SystemInstallFinder.ownerName(.dnf, path: Self.path, output: "jq\n") == "jq")
    }

    /// A directory linked to another (merged /usr's `/bin -> usr/bin`, made here in a scratch directory): the
    /// command in both is one copy, listed once under the name first on PATH.
    @Test func oneFileReachedTwiceIsOneCopy() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("owner-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/usr/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/bin", withDestinationPath: "usr/bin")
        #expect(FileManager.default.createFile(atPath: root + "/usr/bin/jq", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        let recipe = try #require(TestSupport.catalog.recipe(named: "jq"))
        let finder = SystemInstallFinder(searchPath: "\(root)/usr/bin:\(root)/bin", home: root + "/home", cargoHome: nil)
        #expect(finder.copies(of: recipe).map(\.path) == [root + "/usr/bin/jq"])
        let reversed = SystemInstallFinder(searchPath: "\(root)/bin:\(root)/usr/bin", home: root + "/home", cargoHome: nil)
        #expect(reversed.copies(of: recipe).map(\.path) == [root + "/bin/jq"])
    }
}
