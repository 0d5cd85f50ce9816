import Foundation
import Rendering

/// The methods a route answers (RFC 9110 §15.5.6: a 405 names them in `Allow`): the pages and the read-only API
/// GET and HEAD, `/api/plans` POST too (start a plan), a plan's actions (`…/resume`, `…/cancel`, `…/prune`) POST
/// only. A path that is no route has none: it is not found, whatever the method.
enum AllowedMethods {
    /// `Allow`'s value for the path `segments`; nil when no route has that shape.
    static func allow(_ segments: [String]) -> String? {
        let read = "GET, HEAD"
        switch (segments.first, segments.count) {
        case (nil, _): return read
        case ("install", 1), ("fleet", 1), ("static", 2), ("plans", 2), ("fleet", 2): return read
        case ("plans", 3), ("fleet", 3): return ["events", "output", "search"].contains(segments[2]) ? read : nil
        case ("plans", 5), ("fleet", 5): return segments[2] == "steps" && segments[4] == "output" ? read : nil
        case ("api", 2): return segments[1] == "plans" ? read + ", POST" : nil
        case ("api", 3): return segments[1] == "plans" ? read : nil
        case ("api", 4): return segments[1] == "plans" && ["resume", "cancel", "prune"].contains(segments[3]) ? "POST" : nil
        default: return nil
        }
    }

    /// Whether the path `segments` answers `method`.
    static func answers(_ method: String, _ segments: [String]) -> Bool {
        allow(segments)?.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == method } ?? false
    }

    /// 405 for `method` on the path `segments`, with `Allow`; 404 for a path that is no route.
    static func refusal(_ method: String, _ segments: [String]) -> ServerResponse {
        guard let allow = allow(segments) else { return .refusal(404, "no such page") }
        var response = ServerResponse.refusal(405, "\(NeutralText(method.prefix(20))) is not answered here; this path answers \(allow)")
        response.headers.append(("Allow", allow))
        return response
    }
}
