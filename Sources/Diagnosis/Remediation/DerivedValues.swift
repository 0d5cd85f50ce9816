/// Values a remediation names that the failure text holds in another shape: the host of a URL, the suite of
/// an apt source line, the unit a `systemctl` command acts on, the file and Debian package of a library.
/// Pure text functions: nothing here looks at the machine the diagnosis runs on (the output may come from another).
enum DerivedValues {
    /// The host of the first `scheme://host[:port]/…` in `text` (`deb.example.org`), IPv6 brackets kept.
    static func host(inURLOf text: String) -> String? {
        guard let scheme = text.range(of: "://") else { return nil }
        let rest = text[scheme.upperBound...]
        let authority = rest.prefix { !"/?# '\"".contains($0) }
        let withoutUser = authority.split(separator: "@").last.map(String.init) ?? ""
        let host = withoutUser.hasPrefix("[")
            ? String(withoutUser.prefix { $0 != "]" }) + "]"
            : String(withoutUser.prefix { $0 != ":" })
        return host.isEmpty || host == "]" ? nil : host
    }

    /// The host of the first URL among the command's words (`curl -fsSL https://get.example.com/x`).
    static func host(inCommand words: [String]) -> String? {
        words.lazy.filter { $0.contains("://") }.compactMap { host(inURLOf: $0) }.first
    }

    /// The suite (codename) an apt repository line names: `http://deb.example.org/debian noble Release`
    /// (the word before `Release`/`InRelease`), or a URL's `…/dists/noble/…`.
    static func suite(inRepository repo: String) -> String? {
        if let dists = repo.range(of: "/dists/") {
            let suite = repo[dists.upperBound...].prefix { $0 != "/" && $0 != " " }
            if !suite.isEmpty { return String(suite) }
        }
        let words = repo.split(separator: " ")
        guard let release = words.lastIndex(where: { $0 == "Release" || $0 == "InRelease" }), release >= 2 else { return nil }
        return String(words[release - 1])
    }

    /// The unit a service command acts on: the word after `start`, `restart`, `enable`, … in `systemctl …`
    /// or `service NAME start`.
    static func unit(inCommand words: [String]) -> String? {
        let verbs: Set<String> = ["start", "restart", "reload", "enable", "status", "try-restart", "reload-or-restart"]
        if let systemctl = words.firstIndex(where: { $0.hasSuffix("systemctl") }) {
            let rest = words[(systemctl + 1)...].filter { !$0.hasPrefix("-") }
            guard let verb = rest.firstIndex(where: verbs.contains), verb + 1 < rest.endIndex else { return nil }
            return rest[verb + 1]
        }
        if let service = words.firstIndex(where: { $0.hasSuffix("service") || $0 == "rc-service" }), service + 1 < words.endIndex {
            return words[service + 1].hasPrefix("-") ? nil : words[service + 1]
        }
        return nil
    }

    /// The file a library name stands for: `libssl.so.1.1` as is, `-lsodium`'s `sodium` as `libsodium.so`.
    static func libraryFile(_ library: String) -> String {
        library.contains(".so") || library.contains(".dylib") || library.contains(".dll") ? library : "lib\(library).so"
    }

    /// The library's file without its version (`libssl.so.1.1` → `libssl.so`): what any version of it starts with.
    static func libraryStem(_ library: String) -> String {
        let file = libraryFile(library)
        guard let so = file.range(of: ".so") else { return file }
        return String(file[..<so.upperBound])
    }

    /// The Debian package a shared library is in by the library packaging policy: the soname with `.so.`
    /// dropped (`libssl.so.1.1` → `libssl1.1`), a hyphen before the version when the name ends in a digit
    /// (`libfoo2.so.1` → `libfoo2-1`). `nil` when the name carries no soname version.
    static func debianLibraryPackage(_ library: String) -> String? {
        guard let so = library.range(of: ".so.") else { return nil }
        let name = library[..<so.lowerBound]
        let version = library[so.upperBound...]
        guard name.hasPrefix("lib"), !version.isEmpty, version.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        let separator = name.last?.isNumber == true ? "-" : ""
        return (name + separator + version).lowercased().replacingOccurrences(of: "_", with: "-")
    }
}
