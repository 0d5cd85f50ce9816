import Foundation
import Synchronization

/// A regular expression compiled the first time it is used. A rule catalog holds thousands of patterns and an
/// analysis runs only the few whose needles a line holds: compiled up front they kept about 9 MB of ICU's
/// state alive in every process that analysed a failure (F12: `reproduce` stayed above 64 MB whatever the log).
final class LazyRegex: Sendable {
    let source: String
    let options: NSRegularExpression.Options
    private let compiled = Mutex<NSRegularExpression?>(nil)

    /// Checks that `source` compiles (throwing ICU's error, as loading a catalog must) and keeps only the source.
    init(_ source: String, options: NSRegularExpression.Options) throws {
        _ = try NSRegularExpression(pattern: source, options: options)
        self.source = source
        self.options = options
    }

    /// The compiled expression (compiled on the first call).
    var regex: NSRegularExpression {
        compiled.withLock { compiled in
            if let compiled { return compiled }
            // Cannot fail: `init` compiled the same source with the same options.
            let made = try! NSRegularExpression(pattern: source, options: options)
            compiled = made
            return made
        }
    }
}
