import Foundation

/// One HTTP request as the routes see it: method, path split from its query, headers (names lower-cased)
/// and the body (small: state-changing requests carry a few bytes of JSON or a form).
public struct ServerRequest: Sendable {
    public var method: String
    /// The path without its query, still percent-encoded.
    public var path: String
    /// Query parameters, percent-decoded; a name given twice keeps its last value.
    public var query: [String: String]
    /// Header values by lower-cased name; a header given twice keeps its last value.
    public var headers: [String: String]
    /// Lower-cased names of the headers the request gives more than once (a second `Host` is a 400).
    public var repeatedHeaders: Set<String>
    /// The authority of an absolute-form target (`GET http://127.0.0.1:8080/api/plans`, RFC 9112 §3.2.2),
    /// which stands in for `Host`; empty for a scheme other than `http`, so no allowed host matches it.
    public var targetAuthority: String?
    public var body: [UInt8]

    public init(method: String, target: String, headers: [(String, String)], body: [UInt8] = []) {
        self.method = method
        var target = Substring(target)
        if !target.hasPrefix("/"), let schemeEnd = target.range(of: "://") {
            let afterScheme = target[schemeEnd.upperBound...]
            let pathStart = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            targetAuthority = target[..<schemeEnd.lowerBound].lowercased() == "http" ? String(afterScheme[..<pathStart]) : ""
            target = afterScheme[pathStart...]
            if !target.hasPrefix("/") { target = "/" + target }
        }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.first.map(String.init) ?? "/"
        query = parts.count > 1 ? FormDecoding.fields(String(parts[1])) : [:]
        var byName: [String: String] = [:]
        var repeated = Set<String>()
        for (name, value) in headers {
            if byName.updateValue(value, forKey: name.lowercased()) != nil { repeated.insert(name.lowercased()) }
        }
        self.headers = byName
        repeatedHeaders = repeated
        self.body = body
    }

    /// The path's segments, percent-decoded (`/plans/p-1/events` → `["plans", "p-1", "events"]`), each the
    /// name it stands for (`PercentEncoding.segment`: `~..` is `..`); nil when a segment does not decode
    /// (bad escapes), so no route sees a half-decoded name.
    public var segments: [String]? {
        var decoded: [String] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let value = String(segment).removingPercentEncoding else { return nil }
            decoded.append(PercentEncoding.name(ofSegment: value))
        }
        return decoded
    }

    /// The query again (`?a=1&b=2`, or empty), without the parameter `name`.
    public func queryString(without name: String) -> String {
        let kept = query.filter { $0.key != name }.sorted { $0.key < $1.key }.map { key, value in
            PercentEncoding.encode(key) + "=" + PercentEncoding.encode(value)
        }
        return kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
    }

    /// A cookie's value from the `Cookie` header.
    public func cookie(_ name: String) -> String? {
        guard let header = headers["cookie"] else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
