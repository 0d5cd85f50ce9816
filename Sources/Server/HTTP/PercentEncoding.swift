import Foundation

/// The one encoder for what the server writes into a URL — a path segment of a link (a plan, bundle or
/// step name) and each name and value of a query: every byte but the unreserved ones (RFC 3986 §2.3) is
/// percent-encoded, so a name holding `/`, `?`, `#`, `&`, `+`, spaces or non-ASCII letters stays one
/// segment or one value, and decodes back to itself.
enum PercentEncoding {
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-._~")

    /// A query's name or value.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// A path segment that names `name`. A browser removes a dot-segment (`.`, `..`, and their encodings
    /// `%2E`, `.%2e` — WHATWG URL) before sending, so no encoding of `.` or `..` survives: those names, and
    /// the names of `~`s then one or two dots, get one more `~` in front, which `name(ofSegment:)` takes off.
    static func segment(_ name: String) -> String {
        encode(isTildedDotSegment(name) ? "~" + name : name)
    }

    /// The name a decoded path segment stands for (`segment` undone).
    static func name(ofSegment segment: String) -> String {
        segment.hasPrefix("~") && isTildedDotSegment(segment) ? String(segment.dropFirst()) : segment
    }

    /// `.` or `..` after any number of `~`.
    private static func isTildedDotSegment(_ text: String) -> Bool {
        let dots = text.drop { $0 == "~" }
        return dots == "." || dots == ".."
    }
}
