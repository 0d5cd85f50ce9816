import Foundation
import SimulatorFixtures

/// Where the repository's fixtures are looked for at run time, nearest first: `$EVLOG_FIXTURES` (for
/// the `sim` folder), then `Fixtures/<folder>` in the working directory, the executable's directory or
/// any of their parents (so a build tree's binary finds the repository's fixtures), last the copy
/// bundled with the binary (so an installed binary simulates outside the source tree).
enum FixtureRoots {
    static func directories(named folder: String, executablePath: String, workingDirectory: String, environment: [String: String]) -> [String] {
        var roots: [String] = []
        if folder == "sim", let explicit = environment["EVLOG_FIXTURES"], !explicit.isEmpty { roots.append(explicit) }
        for start in [workingDirectory, (executablePath as NSString).deletingLastPathComponent] {
            // A relative start (`./.build/debug/evlog`) is made absolute first: walking "." upwards ends in a
            // Foundation trap on Linux, and the parents of a relative path are not the directory's parents anyway.
            var directory = URL(fileURLWithPath: start, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
                .standardizedFileURL.path
            while !directory.isEmpty {
                roots.append(directory + "/Fixtures/" + folder)
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory { break }
                directory = parent
            }
        }
        if let bundled = FixtureBundle.directory(named: folder) { roots.append(bundled) }
        return roots
    }
}
