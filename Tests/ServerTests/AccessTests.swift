import Foundation
import EventLog
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// Every request passes `AccessGuard` first: no token, a wrong token, a foreign `Host` (DNS rebinding),
/// a state change from another origin or by GET are refused; plan names that would leave the home
/// are not found. Cases are generated from seeds.
@Suite struct AccessTests {
    static let token = String(repeating: "ab", count: 32)
    static let port = 8123

    static func router(home: String) -> Router {
        let configuration = ServeConfiguration(home: home, bundles: nil, simulationFixtureSet: nil, executable: "/bin/false")
        return Router(configuration: configuration, access: AccessGuard(token: token, listenHost: "127.0.0.1", port: port))
    }

    static func request(_ target: String, method: String = "GET", host: String = "127.0.0.1:\(port)", headers: [(String, String)] = []) -> ServerRequest {
        ServerRequest(method: method, target: target, headers: [("Host", host)] + headers)
    }

    static let bearer = ("Authorization", "Bearer \(token)")

    static func word(_ generator: inout SplitMix64) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-.")
        return String((0..<(3 + Int(generator.next() % 12))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    @Test func anAbsoluteFormTargetIsServedOnlyWhenItsAuthorityIsAnAllowedHost() async throws {
        let recorded = try RecordedPlan(seed: 2)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        var generator = SplitMix64(seed: 22)
        for _ in 0..<40 {
            let foreign = Self.word(&generator)
            for allowed in ["127.0.0.1:\(Self.port)", "LOCALHOST:\(Self.port)"] {
                // The target's authority stands in for Host (RFC 9112 §3.2.2), whichever Host is sent.
                #expect(await router.respond(Self.request("http://\(allowed)/api/plans", host: foreign, headers: [Self.bearer])).status == 200)
                #expect(await router.respond(Self.request("HTTP://\(allowed)/api/plans?x=1", headers: [Self.bearer])).status == 200)
                for refused in ["http://\(foreign)/api/plans", "http://\(foreign)@\(allowed)/api/plans", "https://\(allowed)/api/plans", "http://\(allowed).\(foreign)/api/plans"] {
                    #expect(await router.respond(Self.request(refused, headers: [Self.bearer])).status == 421, "\(refused)")
                }
            }
        }
    }

    /// The sign-in redirect (`?token=` → the page without it) stays on this server whatever the path looks like:
    /// `//host/…` or `/\\host/…` as given would be another site's address to a browser.
    @Test(arguments: ["//", "///", "/\\", "/\\/", "/./"])
    func theSignInRedirectStaysOnThisServer(prefix: String) async throws {
        let recorded = try RecordedPlan(seed: 3)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        let target = prefix + "plans/\(recorded.id.rawValue)?token=\(Self.token)&x=1"
        let signIn = await router.respond(Self.request(target, headers: [("Accept", "text/html")]))
        let location = signIn.headers.first { $0.0 == "Location" }?.1 ?? ""
        #expect(signIn.status == 303 || signIn.status == 404, "\(target)")
        if signIn.status == 303 {
            #expect(location.hasPrefix("/") && !location.hasPrefix("//") && !location.contains("\\"), "\(target) → \(location)")
            #expect(!location.contains(Self.token))
        }
    }

    @Test func theRightTokenAndHostAreLetIn() async throws {
        let recorded = try RecordedPlan(seed: 1)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        for host in ["127.0.0.1:\(Self.port)", "localhost:\(Self.port)"] {
            #expect(await router.respond(Self.request("/api/plans", host: host, headers: [Self.bearer])).status == 200)
        }
        #expect(await router.respond(Self.request("/api/plans", headers: [("Cookie", "a=b; evlog_token_\(Self.port)=\(Self.token)")])).status == 200)
        // Another port's server's cookie is not this one's: a browser sends every port's cookies to each.
        #expect(await router.respond(Self.request("/api/plans", headers: [("Cookie", "evlog_token_\(Self.port + 1)=\(Self.token)")])).status == 401)
        let signIn = await router.respond(Self.request("/?token=\(Self.token)", headers: [("Accept", "text/html")]))
        #expect(signIn.status == 303)
        #expect(signIn.headers.contains { $0.0 == "Set-Cookie" && $0.1.hasPrefix("evlog_token_\(Self.port)=") && $0.1.contains("HttpOnly") && $0.1.contains("SameSite=Strict") })
    }

    @Test(arguments: [UInt64(21), 22, 23])
    func missingOrWrongTokensAreRefused(seed: UInt64) async throws {
        var generator = SplitMix64(seed: seed)
        let router = Self.router(home: NSTemporaryDirectory())
        #expect(await router.respond(Self.request("/api/plans")).status == 401)
        for _ in 0..<30 {
            var wrong = Array(Self.token)
            wrong[Int(generator.next() % UInt64(wrong.count))] = "c"
            let guesses = [String(wrong), String(Self.token.dropLast()), Self.token + "0", Self.word(&generator)]
            for guess in guesses {
                #expect(await router.respond(Self.request("/api/plans", headers: [("Authorization", "Bearer \(guess)")])).status == 401)
                #expect(await router.respond(Self.request("/plans/x?token=\(guess)")).status == 401)
            }
        }
    }

    @Test(arguments: [UInt64(31), 32])
    func foreignHostsAreRefused(seed: UInt64) async {
        var generator = SplitMix64(seed: seed)
        let router = Self.router(home: NSTemporaryDirectory())
        for _ in 0..<50 {
            let host = Self.word(&generator) + "." + Self.word(&generator)
            for candidate in [host, host + ":\(Self.port)", "127.0.0.1:\(Self.port + 1)", "127.0.0.1"] {
                #expect(await router.respond(Self.request("/api/plans", host: candidate, headers: [Self.bearer])).status == 421)
            }
        }
    }

    @Test func aHeaderThatDecidesAccessGivenTwiceIsABadRequest() async {
        let router = Self.router(home: NSTemporaryDirectory())
        let good = "127.0.0.1:\(Self.port)"
        for hosts in [["evil.example", good], [good, "evil.example"], [good, good]] {
            let headers = hosts.map { ("Host", $0) } + [Self.bearer]
            #expect(await router.respond(ServerRequest(method: "GET", target: "/api/plans", headers: headers)).status == 400)
        }
        let twoTokens = [("Host", good), Self.bearer, ("authorization", "Bearer x")]
        #expect(await router.respond(ServerRequest(method: "GET", target: "/api/plans", headers: twoTokens)).status == 400)
    }

    @Test(arguments: [UInt64(41), 42])
    func stateChangesNeedPostAndThisOrigin(seed: UInt64) async throws {
        var generator = SplitMix64(seed: seed)
        let recorded = try RecordedPlan(seed: seed)
        // A plan that installed nothing: the page may remove it (a finished install is the record prune keeps).
        try recorded.fail()
        let router = Self.router(home: recorded.home)
        let target = "/api/plans/\(recorded.id.rawValue)/prune"
        for _ in 0..<30 {
            let origin = "http://" + Self.word(&generator) + ".example"
            for headers in [[Self.bearer, ("Origin", origin)], [Self.bearer], [Self.bearer, ("Origin", "null")], [Self.bearer, ("Referer", origin + "/plans")]] {
                #expect(await router.respond(Self.request(target, method: "POST", headers: headers)).status == 403)
            }
            #expect(await router.respond(Self.request(target, method: "DELETE", headers: [Self.bearer, ("Origin", "http://127.0.0.1:\(Self.port)")])).status == 405)
        }
        #expect(FileManager.default.fileExists(atPath: recorded.log.path), "a refused request changed nothing")
        let allowed = await router.respond(Self.request(target, method: "POST", headers: [Self.bearer, ("Origin", "http://127.0.0.1:\(Self.port)")]))
        #expect(allowed.status == 200)
        #expect(!FileManager.default.fileExists(atPath: recorded.log.path))
    }

    @Test(arguments: [UInt64(51), 52, 53])
    func planNamesNeverLeaveTheHome(seed: UInt64) async throws {
        var generator = SplitMix64(seed: seed)
        let recorded = try RecordedPlan(seed: seed)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        let pieces = ["..", "%2e%2e", "%2E%2E", ".", "%2f", "/", "%5c", "etc", "passwd", "%00", "plans", recorded.id.rawValue, "~", "%252f"]
        for _ in 0..<200 {
            let name = (0..<(1 + Int(generator.next() % 6))).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            // `//` is one separator: a name of slashes alone is the route without it, and only the plan itself may be found.
            let parts = name.split(separator: "/")
            guard !parts.isEmpty, parts != [Substring(recorded.id.rawValue)] else { continue }
            for route in ["/plans/\(name)", "/plans/\(name)/events", "/plans/\(name)/steps/x/output", "/api/plans/\(name)", "/fleet/\(name)"] {
                let response = await router.respond(Self.request(route, headers: [Self.bearer]))
                #expect([400, 404].contains(response.status), "\(route): \(response.status)")
                if case .bytes(let body) = response.body { #expect(!String(decoding: body, as: UTF8.self).contains("root:x")) }
            }
        }
    }

    @Test func aSymbolicLinkAmongThePlansIsNeitherListedNorOpened() async throws {
        let recorded = try RecordedPlan(seed: 61)
        try recorded.finish()
        let plans = recorded.home + "/plans"
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-serve-outside-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let secret = outside + "/secret.txt"
        try Data("root:x:0:0:secret\n".utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.copyItem(atPath: plans + "/\(recorded.id.rawValue).evlog", toPath: outside + "/p-outside00001.evlog")
        try FileManager.default.createSymbolicLink(atPath: plans + "/p-linkedsecret.evlog", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: plans + "/p-outside00001.evlog", withDestinationPath: outside + "/p-outside00001.evlog")
        let router = Self.router(home: recorded.home)
        for name in ["p-linkedsecret", "p-outside00001"] {
            let response = await router.respond(Self.request("/plans/\(name)", headers: [Self.bearer]))
            #expect(response.status == 404, "\(name): \(response.status)")
        }
        let list = await router.respond(Self.request("/api/plans", headers: [Self.bearer]))
        guard case .bytes(let body) = list.body else { Issue.record("no body"); return }
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains(recorded.id.rawValue) && !text.contains("p-linkedsecret") && !text.contains("p-outside00001"))
    }

    @Test func theFleetPageDoesNotReadASymbolicLinkInTheBundlesDirectory() async throws {
        let recorded = try RecordedPlan(seed: 63)
        try recorded.finish()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-serve-fleet-\(UUID().uuidString)").path
        let bundles = root + "/bundles", outside = root + "/outside"
        for directory in [bundles, outside] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("root:x:0:0:secret\n".utf8).write(to: URL(fileURLWithPath: outside + "/passwd"))
        try FileManager.default.copyItem(atPath: recorded.home + "/plans/\(recorded.id.rawValue).evlog", toPath: outside + "/elsewhere.evb")
        try FileManager.default.copyItem(atPath: recorded.home + "/plans/\(recorded.id.rawValue).evlog", toPath: bundles + "/hostin.evb")
        try FileManager.default.createSymbolicLink(atPath: bundles + "/linkedhost.evb", withDestinationPath: outside + "/elsewhere.evb")
        try FileManager.default.createSymbolicLink(atPath: bundles + "/passwdhost.evb", withDestinationPath: outside + "/passwd")
        let configuration = ServeConfiguration(home: recorded.home, bundles: bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: .forListening(on: .loopbackDefault, port: Self.port, token: Self.token))
        let fleet = await router.respond(Self.request("/fleet", headers: [Self.bearer]))
        guard case .bytes(let body) = fleet.body else { Issue.record("no body: \(fleet.status)"); return }
        let text = String(decoding: body, as: UTF8.self)
        #expect(fleet.status == 200 && text.contains("hostin"), "\(text.prefix(400))")
        #expect(!text.contains("linkedhost") && !text.contains("passwdhost") && !text.contains("72 6f 6f 74"), "\(text)")
    }

    @Test(arguments: ["0.0.0.0", "::"])
    func onAWildcardAddressEveryAddressOfThisMachineIsAHostButNoOtherName(wildcard: String) async throws {
        let recorded = try RecordedPlan(seed: 71)
        try recorded.finish()
        let configuration = ServeConfiguration(home: recorded.home, bundles: nil, simulationFixtureSet: nil, executable: "/bin/false")
        let listen = ListenAddress(host: wildcard, port: 0)
        let router = Router(configuration: configuration, access: .forListening(on: listen, port: Self.port, token: Self.token))
        let addresses = InterfaceAddresses.current()
        #expect(addresses.contains("127.0.0.1"))
        for address in addresses {
            let host = address.contains(":") ? "[\(address)]:\(Self.port)" : "\(address):\(Self.port)"
            #expect(await router.respond(Self.request("/api/plans", host: host, headers: [Self.bearer])).status == 200, "\(host)")
        }
        var generator = SplitMix64(seed: 72)
        for _ in 0..<40 {
            let foreign = Self.word(&generator)
            #expect(await router.respond(Self.request("/api/plans", host: "\(foreign):\(Self.port)", headers: [Self.bearer])).status == 421)
        }
        // On loopback, an address other machines reach this one by is refused as before.
        let loopback = Router(configuration: configuration, access: .forListening(on: .loopbackDefault, port: Self.port, token: Self.token))
        for address in addresses where !address.hasPrefix("127.") && address != "::1" {
            let host = address.contains(":") ? "[\(address)]:\(Self.port)" : "\(address):\(Self.port)"
            #expect(await loopback.respond(Self.request("/api/plans", host: host, headers: [Self.bearer])).status == 421, "\(host)")
        }
    }
}

/// A method a path does not answer is a 405 that names the ones it does (`Allow`, RFC 9110), not "use POST"
/// for a page that only reads (serve10 #11); a log whose writer recorded no plan yet is a 409 from the API, as
/// `status --json` errs, not a made-up plan (serve10 #14).
@Suite struct MethodAndEmptyPlanTests {
    @Test func aMethodNotAnsweredNamesTheOnesThatAre() async throws {
        let recorded = try RecordedPlan(seed: 61)
        try recorded.finish()
        let router = ReviewTests.router(home: recorded.home)
        let cases: [(String, String, String)] = [
            ("/api/plans", "OPTIONS", "GET, HEAD, POST"), ("/api/plans/x/resume", "PUT", "POST"), ("/api/plans/x", "DELETE", "GET, HEAD"),
            ("/", "POST", "GET, HEAD"), ("/plans/\(recorded.id.rawValue)", "PATCH", "GET, HEAD"), ("/install", "TRACE", "GET, HEAD"),
            ("/api/plans/x/cancel", "HEAD", "POST"), ("/api/plans/x/prune", "GET", "POST"),
        ]
        for (path, method, allow) in cases {
            let origin = ("Origin", "http://127.0.0.1:\(AccessTests.port)")
            let response = await router.respond(AccessTests.request(path, method: method, headers: [AccessTests.bearer, origin]))
            #expect(response.status == 405, "\(method) \(path)")
            #expect(response.headers.contains { $0.0 == "Allow" && $0.1 == allow }, "\(method) \(path): \(response.headers)")
            // The method named is the one sent (serve16 #3 saw GET's text for a HEAD: a HEAD answer has no body to show).
            #expect(try await SplitSecretTests.body(response).hasPrefix("\(method) is not answered here"), "\(method) \(path)")
        }
    }

    @Test func aLogWithNoPlanYetIsNoPlanToTheAPI() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-serve-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/plans", withIntermediateDirectories: true)
        let writer = try LogWriter.open(path: home + "/plans/p-000000000001.evlog", label: "p-000000000001", creator: PlanArchive.creator, createdAtMicros: 1)
        try writer.close()
        let response = await ReviewTests.router(home: home).respond(AccessTests.request("/api/plans/p-000000000001", headers: [AccessTests.bearer]))
        #expect(response.status == 409)
        guard case .bytes(let body) = response.body else { return }
        // No writer holds it: what a writer killed as it created the log leaves (integrity11 #12).
        #expect(String(decoding: body, as: UTF8.self).contains("holds no plan (the file ends before its first record"))
    }
}

/// `--listen` takes an address or a name and a port of digits: `256.0.0.1`, `127.0.0.1:0:0`, `:+80` are refused
/// at parsing, before a warning or a bind (serve10 #4).
@Suite struct ListenAddressParsingTests {
    @Test func onlyAddressesAndPortsOfDigitsParse() {
        for good in ["127.0.0.1:0", "0.0.0.0:8080", "[::1]:80", "[::]:0", "localhost:65535", "my-host.example:1"] {
            #expect(ListenAddress(parsing: good) != nil, "\(good)")
        }
        for bad in ["256.0.0.1:0", "127.0.0.1:0:0", "127.0.0.1:+80", "127.0.0.1:0x50", "127.0.0.1: 80", "1.2.3:0", "127.0.0.1:65536", "[::g]:0", "h_st:0", "127.0.0.1:"] {
            #expect(ListenAddress(parsing: bad) == nil, "\(bad)")
        }
    }

    /// An IPv6 address with a port is written in brackets: `::1:0` is itself an address, refused with a hint
    /// to bracket it, never read as `[::1]:0` (serve14 #3).
    @Test(arguments: ["::1:0", "::1:8080", "fe80::1:80", "::ffff:127.0.0.1:0", "0:0:0:0:0:0:0:1:0"])
    func anUnbracketedIPv6AddressWithAPortIsRefused(text: String) throws {
        #expect(ListenAddress(parsing: text) == nil)
        #expect(ListenAddress.hint(for: text).contains("brackets"))
        let host = String(text[..<text.lastIndex(of: ":")!])
        #expect(ListenAddress(parsing: "[\(host)]:0") != nil, "\(host) bracketed")
        #expect(!ListenAddress.hint(for: "127.0.0.1:x").contains("brackets"))
    }

    /// Loopback is 127.0.0.0/8 and ::1 however written, IPv4-mapped included (no warning for `[::ffff:127.0.0.1]`:
    /// serve14 #3); any other address, or a name but `localhost`, is not.
    @Test func loopbackIsJudgedByTheAddressNotItsSpelling() throws {
        var generator = SplitMix64(seed: 81)
        for _ in 0..<50 {
            let (b, c, d) = (generator.next() % 256, generator.next() % 256, generator.next() % 256)
            let first = generator.next() % 224
            let v4 = "\(first).\(b).\(c).\(d)"
            for host in [v4, "::ffff:\(v4)", "0:0:0:0:0:ffff:\(v4)"] {
                let address = try #require(ListenAddress(parsing: host.contains(":") ? "[\(host)]:0" : "\(host):0"))
                #expect(address.isLoopback == (first == 127), "\(host)")
            }
        }
        for loopback in ["[::1]:0", "[0:0:0:0:0:0:0:1]:0", "[0000::0001]:0", "localhost:0", "127.0.0.1:0"] {
            #expect(try #require(ListenAddress(parsing: loopback)).isLoopback, "\(loopback)")
        }
        for other in ["[::2]:0", "[::]:0", "[1::1]:0", "[::ffff:10.0.0.1]:0", "127.example:0", "localhost.example:0", "0.0.0.0:0"] {
            #expect(!(try #require(ListenAddress(parsing: other)).isLoopback), "\(other)")
        }
    }

    /// A name that does not resolve is refused in one line naming that, not with the resolver's error (serve14 #3).
    @Test func aHostThatDoesNotResolveIsSaidSo() async throws {
        do {
            _ = try await HTTPServer(host: "no-such-host.invalid", port: 0)
            Issue.record("no-such-host.invalid resolved")
        } catch {
            let reason = BindFailure.reason(error, port: 0)
            #expect(reason.hasPrefix("no such host"), "\(reason)")
        }
    }
}
