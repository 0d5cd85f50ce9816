import Foundation

/// Where a package source points: the repository URLs it lists and the keys it is checked with — apt's one-line
/// `deb [signed-by=KEY] URL …` and deb822 `URIs:` / `Signed-By:`, rpm's `baseurl=` / `gpgkey=`. A user's own source
/// file that points where evlog's entry would (`covers`) is the same repository set up by hand: `repo_setup` uses
/// it as it is instead of refusing it (`RepositoryFiles`).
struct SourcePointers: Equatable {
    var urls: Set<String> = []
    var keys: Set<String> = []

    init(_ text: String) {
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.first == "deb" {
                oneLine(words.dropFirst())
            } else if let colon = line.firstIndex(of: ":"), !line[..<colon].contains("=") {
                field(line[..<colon].lowercased(), line[line.index(after: colon)...], uris: "uris", signedBy: "signed-by")
            } else if let equals = line.firstIndex(of: "=") {
                field(line[..<equals].lowercased(), line[line.index(after: equals)...], uris: "baseurl", signedBy: "gpgkey")
            }
        }
    }

    /// Whether a source pointing here gives what `wanted` would: it names at least one URL and one key, and each of
    /// them is among these.
    func covers(_ wanted: SourcePointers) -> Bool {
        !wanted.urls.isEmpty && !wanted.keys.isEmpty && wanted.urls.isSubset(of: urls) && wanted.keys.isSubset(of: keys)
    }

    /// `deb [opt=value …] URL suite components` after `deb`.
    private mutating func oneLine(_ words: ArraySlice<Substring>) {
        var rest = words
        if rest.first?.hasPrefix("[") == true {
            while let word = rest.popFirst() {
                let option = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                if option.lowercased().hasPrefix("signed-by=") {
                    keys.formUnion(option.dropFirst("signed-by=".count).split(separator: ",").map(String.init))
                }
                if word.hasSuffix("]") { break }
            }
        }
        if let url = rest.first { urls.insert(Self.normalised(url)) }
    }

    /// A deb822 or rpm `name: value` / `name=value` field: URLs and keys are space- or comma-separated.
    private mutating func field(_ name: String, _ value: Substring, uris: String, signedBy: String) {
        let values = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if name.trimmingCharacters(in: .whitespaces) == uris { urls.formUnion(values.map(Self.normalised)) }
        if name.trimmingCharacters(in: .whitespaces) == signedBy { keys.formUnion(values) }
    }

    private static func normalised(_ url: some StringProtocol) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : String(url)
    }
}
