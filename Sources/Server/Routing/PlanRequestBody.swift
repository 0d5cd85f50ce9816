import EvlogKit
import Foundation

/// The body of `POST /api/plans` — JSON `{"tools": ["a", "b"]}` from a script, or the review page's form
/// (`tools=a,b`) — and the answer each expects: JSON, or for a form the page to go to.
enum PlanRequestBody {
    static func tools(_ request: ServerRequest) throws -> [String] {
        if isForm(request) {
            let fields = FormDecoding.fields(String(decoding: request.body, as: UTF8.self))
            return (fields["tools"] ?? "").split(separator: ",").map(String.init)
        }
        struct Body: Decodable { var tools: [String] }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(request.body)) else {
            throw ServeError(400, "send JSON {\"tools\": [\"ripgrep\"]} (or the form's tools=a,b)")
        }
        return body.tools
    }

    static func answer(_ request: ServerRequest, json: [String: JSONValue], page: String, status: Int = 200) -> ServerResponse {
        if isForm(request) { return .seeOther(page) }
        return .json((try? JSONText.encode(JSONValue.object(json))) ?? "{}", status: status)
    }

    private static func isForm(_ request: ServerRequest) -> Bool {
        request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true
    }
}
