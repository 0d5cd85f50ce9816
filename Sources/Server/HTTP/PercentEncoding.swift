import Foundation

/// The one encoder for what the server writes into a URL — a path segment of a link (a plan, bundle or
/// step name) and each name and value of a query: every byte but the unreserved ones (RFC 3986 §2.3) is
/// percent-encoded, so a name holding `/`, `?`, `#`, `&`, `+`, `..`, spaces or non-ASCII letters stays
/// one segment or one value, and decodes back to itself.
enum PercentEncoding {
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encode(_ text: String) -> String {
        let encoded = text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        // `.` and `..` alone are dot-segments a browser removes; encode their dots too.
        return text == "." || text == ".." ? encoded.replacingOccurrences(of: ".", with: "%2E") : encoded
    }
}
