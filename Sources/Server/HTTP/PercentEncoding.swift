import Foundation

/// One path segment of a link the pages write: every byte but the unreserved ones (RFC 3986 §2.3) is
/// percent-encoded, so an id holding `/`, `?`, `#`, `..` or spaces stays one segment in the browser.
enum PathSegment {
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encode(_ segment: String) -> String {
        let encoded = segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        // `.` and `..` alone are dot-segments a browser removes; encode their dots too.
        return segment == "." || segment == ".." ? encoded.replacingOccurrences(of: ".", with: "%2E") : encoded
    }
}
