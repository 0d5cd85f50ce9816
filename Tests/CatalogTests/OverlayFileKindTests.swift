import Catalog
import Foundation
import Testing

/// An overlay's recipe files and `repos.yaml` are plain files inside the overlay directory: a FIFO is refused
/// rather than blocking the load (trust9 N5), a link out of the directory is refused before it is read, so no
/// line of the file it points at reaches an error message (N6: `recipes/a.yaml -> /etc/shadow`).
@Suite struct OverlayFileKindTests {
    /// What sits where an overlay file is expected.
    enum Entry: String, CaseIterable, Sendable { case fifo, directory, linkOut, linkOutThroughRecipesDirectory }

    static let outsideLine = "outside-secret-line-7Qm"

    /// An overlay directory whose `name` (`recipes/a.yaml` or `repos.yaml`) is `entry`; the file outside holds
    /// a line that must never be shown.
    static func overlay(_ entry: Entry, at name: String) throws -> (directory: String, cleanUp: () -> Void) {
        let root = NSTemporaryDirectory() + "evlog-overlay-kind-" + UUID().uuidString.prefix(8)
        let manager = FileManager.default
        let outside = root + "/outside"
        try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("\(outsideLine): x\n".utf8).write(to: URL(fileURLWithPath: outside + "/a.yaml"))
        let directory = root + "/overlay"
        let path = directory + "/" + name
        switch entry {
        case .linkOutThroughRecipesDirectory:
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try manager.createSymbolicLink(atPath: directory + "/recipes", withDestinationPath: outside)
            try manager.createDirectory(atPath: directory + "/unused", withIntermediateDirectories: true)
        default:
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        switch entry {
        case .fifo: #expect(mkfifo(path, 0o600) == 0)
        case .directory: try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .linkOut: try manager.createSymbolicLink(atPath: path, withDestinationPath: outside + "/a.yaml")
        case .linkOutThroughRecipesDirectory: break
        }
        return (directory, { try? manager.removeItem(atPath: root) })
    }

    @Test(arguments: Entry.allCases, ["recipes/a.yaml", "repos.yaml"])
    func anOverlayFileThatIsNotAPlainFileInsideIsRefusedWithoutReadingIt(entry: Entry, name: String) async throws {
        if entry == .linkOutThroughRecipesDirectory && name == "repos.yaml" { return }
        let (directory, cleanUp) = try Self.overlay(entry, at: name)
        defer { cleanUp() }
        // A FIFO nobody writes to blocks an open(2) for reading until a writer comes: after a deadline the test
        // becomes that writer, so a load that waits fails here instead of hanging the suite.
        let load = Task.detached { () -> String? in
            do { _ = try TestSupport.catalog.overlaid(by: directory); return nil } catch { return "\(error)" }
        }
        let unblocked = Task.detached { () -> Bool in
            guard (try? await Task.sleep(for: .seconds(30))) != nil else { return false }
            let writer = open(directory + "/" + name, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            return true
        }
        let refusal = await load.value
        unblocked.cancel()
        #expect(await unblocked.value == false, "the load of \(entry) at \(name) waited until the test opened it for writing")
        let message = try #require(refusal, "\(entry) at \(name) loaded")
        #expect(message.contains(entry == .linkOutThroughRecipesDirectory ? "recipes/a.yaml" : name), "\(message)")
        #expect(!message.contains(Self.outsideLine), "the outside file's content is in the message: \(message)")
        #expect(!message.contains("\n"), "\(message)")
    }

    @Test func aLinkToAFileInsideTheOverlayIsRead() throws {
        let root = NSTemporaryDirectory() + "evlog-overlay-kind-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/shared", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/recipes", withIntermediateDirectories: true)
        let recipe = "inside-tool:\n  description: x\n  binary: insidebin\n  verify: {pattern: \"^x\"}\n  methods:\n    - packages: {apt: jq}\n"
        try Data(recipe.utf8).write(to: URL(fileURLWithPath: root + "/shared/a.yaml"))
        try FileManager.default.createSymbolicLink(atPath: root + "/recipes/a.yaml", withDestinationPath: "../shared/a.yaml")
        let catalog = try TestSupport.catalog.overlaid(by: root)
        #expect(catalog.recipes["inside-tool"] != nil)
    }
}
