import EventLog
import Foundation
import InstallModel
import Rendering
import Testing

/// The rendering fixture logs (`Fixtures/logs/rendering/*.evlog`, made by `make-logs.sh`) and their
/// expected text beside them; `EVLOG_UPDATE_SNAPSHOTS=1` rewrites the expected text.
enum FixtureLogs {
    static let names = ["done", "failed", "resumed", "parallel"]

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/logs/rendering")
    }

    static func events(_ name: String) throws -> [Event] {
        let reader = try LogReader(path: directory.appendingPathComponent(name + ".evlog").path)
        var events: [Event] = []
        var failures: [String] = []
        try reader.forEachRecord { _, _, payload in
            do { events.append(try EventPayload.decode(payload)) } catch { failures.append(String(describing: error)) }
        }
        #expect(failures.isEmpty, "undecodable records in \(name).evlog: \(failures)")
        #expect(reader.damage == nil, "\(name).evlog is damaged")
        return events
    }

    static func render(_ events: [Event], with renderer: any Renderer) -> String {
        var bytes: [UInt8] = []
        for event in events { bytes += renderer.render(event) }
        bytes += renderer.finish()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Compares `actual` with `<name>` beside the logs, or rewrites it when asked to.
    static func expectSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["EVLOG_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs; if the change is intended, rerun with EVLOG_UPDATE_SNAPSHOTS=1 and read the diff", sourceLocation: sourceLocation)
    }
}
