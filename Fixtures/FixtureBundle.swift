import Foundation

/// The copies of `Fixtures/sim` and `Fixtures/failures` that ship with the binary (SwiftPM resources of
/// the `SimulatorFixtures` target, whose folder is `Fixtures/`), so `evlog install --simulate` works
/// outside the source tree. Nil when the resource bundle is not next to the binary nor in its build tree.
public enum FixtureBundle {
    /// The bundled `<folder>` (`sim` or `failures`), if the bundle can be found.
    public static func directory(named folder: String) -> String? {
        guard let bundle = resourceBundle, let root = bundle.resourceURL else { return nil }
        let path = root.appendingPathComponent(folder).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// `Bundle.module` stops the process when its bundle is missing; this looks first and returns nil.
    private static let resourceBundle: Bundle? = {
        let name = "evlog_SimulatorFixtures"
        let candidates = [Bundle.main.bundleURL, Bundle.main.resourceURL, Bundle.main.executableURL?.deletingLastPathComponent()]
        for base in candidates.compactMap({ $0 }) {
            for suffix in [".resources", ".bundle"] {
                if let bundle = Bundle(url: base.appendingPathComponent(name + suffix)) { return bundle }
            }
        }
        return nil
    }()
}
