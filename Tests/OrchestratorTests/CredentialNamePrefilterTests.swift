import InstallModel
@testable import Orchestrator
import Testing

/// `CredentialName.mayEnd` is the cheap first test at each colon and `=` of output: it may let through names
/// that name no credential, never hold back one that does. Generated names (credential words, digit-ended
/// qualifiers, package-like words ending in `e` or `b` and digits, separators, case) are judged by `kind` and
/// must pass `mayEnd` as its callers look (the last eight bytes) wherever `kind` finds a credential.
@Test(arguments: [UInt64(1), 2, 3])
func theNameEndingPrefilterLetsThroughEveryCredentialName(seed: UInt64) {
    let parts = [
        "password", "token", "key", "secret", "api", "pass", "auth", "pin", "code", "private", "unseal", "keys", "dsn", "seal",
        "libnettle", "libdb", "libsemanage", "example", "b", "e", "base", "x",
    ]
    let qualifiers = ["", "b64", "base64", "B64", "BASE64", "value", "id", "1", "8", "64", "5.3"]
    let separators = ["_", "-", ".", ""]
    var random = SplitMix64(seed: seed)
    func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
    var credentials = 0
    var digitEnded = 0
    for _ in 0..<20_000 {
        var name = (0..<(1 + Int(random.next() % 3))).map { _ in pick(parts) }.joined(separator: pick(separators))
        let qualifier = pick(qualifiers)
        if !qualifier.isEmpty { name += pick(separators) + qualifier }
        if random.next() % 3 == 0 { name = name.uppercased() }
        let bytes = Array(("Unpacking " + name).utf8)
        let start = bytes.count - name.utf8.count
        bytes.withUnsafeBufferPointer { data in
            guard CredentialName.kind(of: data, start, data.count) != nil else { return }
            credentials += 1
            if qualifier.hasSuffix("64") { digitEnded += 1 }
            #expect(CredentialName.mayEnd(data, max(0, data.count - 8), data.count), "\(name)")
        }
    }
    #expect(credentials > 1_000 && digitEnded > 100, "\(credentials) credential names, \(digitEnded) ending in a digit-ended qualifier")
}
