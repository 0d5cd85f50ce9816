import EvlogKit
import Foundation

/// The body of `POST /api/plans` — JSON `{"tools": ["a", "b"]}` from a script, or the review page's form
/// (`tools=a,b&seed=N`: the seed of the plan id the review showed) — and the answer each expects: JSON,
/// or for a form the page to go to.
enum PlanRequestBody {
    /// The tools to install, and the seed of the plan's id when the request names one.
    static func plan(_ request: ServerRequest) throws -> (tools: [String], seed: UInt64?) {
        if isForm(request) {
            let fields = FormDecoding.fields(String(decoding: request.body, as: UTF8.self))
            return ((fields["tools"] ?? "").split(separator: ",").map(String.init), try fields["seed"].map(seed))
        }
        struct Body: Decodable {
            var tools: [String]
            var seed: String?
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(request.body)) else {
            throw ServeError(400, "send JSON {\"tools\": [\"ripgrep\"]} (or the form's tools=a,b)")
        }
        return (body.tools, try body.seed.map(seed))
    }

    /// A seed as the review page writes it: decimal digits, 1 to 2^64-1.
    private static func seed(_ text: String) throws -> UInt64 {
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let seed = UInt64(text), seed > 0 else {
            throw ServeError(400, "seed must be a number from 1 to \(UInt64.max), as the review page gives it; review the plan again")
        }
        return seed
    }

    static func answer(_ request: ServerRequest, json: [String: JSONValue], page: String, status: Int = 200) -> ServerResponse {
        if isForm(request) { return .seeOther(page) }
        return .json((try? JSONText.encode(JSONValue.object(json))) ?? "{}", status: status)
    }

    /// Whether the body is the review page's form. A body that starts with `{` is JSON whatever its type
    /// says: curl's `-d '{"tools": …}'` sends it as a form (serve16 #2), and no form's first field starts so.
    private static func isForm(_ request: ServerRequest) -> Bool {
        guard request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true else { return false }
        return request.body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } != UInt8(ascii: "{")
    }
}
