import Foundation

/// Who may talk to `evlog serve`, checked for every request before any route runs:
/// - the token: `?token=` (which also sets an HttpOnly SameSite=Strict cookie), the cookie, or
///   `Authorization: Bearer`; compared in constant time;
/// - the `Host` header must name the listen address or `localhost`, or, on a wildcard address, one of this
///   machine's interface addresses (a DNS-rebinding page sends its own name);
/// - a request that changes state must be a POST whose `Origin` (or, without one, `Referer`) is this server.
public struct AccessGuard: Sendable {
    public let token: String
    /// `evlog_token_<port>`: a browser keeps one cookie per name for all ports of a host, so a name per port
    /// keeps two servers from replacing each other's (serve10 #7; Jupyter names its cookie by port the same way).
    /// The browser still sends it to every port of the host, as any cookie.
    public let cookieName: String
    /// The `Host` values accepted: the listen address, `localhost` and the other `addresses`, each with the port.
    public let allowedHosts: Set<String>
    /// The origins a state-changing request may come from (`http://` + each allowed host).
    public var allowedOrigins: Set<String> { Set(allowedHosts.map { "http://" + $0 }) }

    /// `addresses`: more names this server is reached by (this machine's interface addresses when it
    /// listens on a wildcard address, see `forListening`).
    public init(token: String, listenHost: String, port: Int, addresses: [String] = []) {
        self.token = token
        cookieName = "evlog_token_\(port)"
        allowedHosts = Set(([listenHost, "localhost", "127.0.0.1"] + addresses).map { host in
            let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            return "\(bracketed.lowercased()):\(port)"
        })
    }

    /// The guard of a server listening on `listen` (its port `port`): bound to a wildcard address
    /// (`0.0.0.0`, `::`) it is reached by every address of this machine, so each is accepted as `Host`.
    public static func forListening(on listen: ListenAddress, port: Int, token: String) -> AccessGuard {
        AccessGuard(token: token, listenHost: listen.host, port: port, addresses: listen.isWildcard ? InterfaceAddresses.current() : [])
    }

    /// What the request lacks, as the refusal to send; nil when it may go on.
    public func refusal(for request: ServerRequest, changesState: Bool) -> ServerResponse? {
        let decisive: Set<String> = ["host", "origin", "referer", "authorization", "cookie"]
        if let twice = request.repeatedHeaders.intersection(decisive).sorted().first {
            // RFC 9112 §3.2 for Host; for the others a proxy and this server could read different values.
            return .refusal(400, "the \(twice) header is given more than once; send it once")
        }
        guard let host = (request.targetAuthority ?? request.headers["host"])?.lowercased(), allowedHosts.contains(host) else {
            return .refusal(421, "this evlog serve answers only to \(allowedHosts.sorted().joined(separator: " or ")) in the Host header (a page on another name cannot reach it)")
        }
        guard presentedToken(request).map(matches) == true else {
            return .refusal(401, "open the URL evlog serve printed (it carries ?token=…), or send Authorization: Bearer <token>")
        }
        guard changesState else { return nil }
        guard request.method == "POST" else {
            return AllowedMethods.refusal(request.method, request.segments ?? [])
        }
        let origin = request.headers["origin"] ?? request.headers["referer"].map(Self.origin(ofURL:))
        guard let origin, allowedOrigins.contains(origin.lowercased()) else {
            return .refusal(403, "a request that changes state must come from this server's own pages (Origin \(origin ?? "missing"))")
        }
        return nil
    }

    /// The token the request carries: `Authorization: Bearer`, then `?token=`, then the cookie.
    public func presentedToken(_ request: ServerRequest) -> String? {
        if let authorization = request.headers["authorization"], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        return request.query["token"] ?? request.cookie(cookieName)
    }

    /// The cookie that keeps a browser signed in after it opened the `?token=` URL.
    public var cookieHeader: (String, String) {
        ("Set-Cookie", "\(cookieName)=\(token); HttpOnly; SameSite=Strict; Path=/")
    }

    /// Compares without an early exit, so timing does not tell how much of a guess was right.
    private func matches(_ candidate: String) -> Bool {
        let a = Array(candidate.utf8), b = Array(token.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<b.count { difference |= (index < a.count ? a[index] : 0) ^ b[index] }
        return difference == 0
    }

    /// `http://host:port` of a URL (the origin part of a `Referer`).
    static func origin(ofURL url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(url[..<scheme.upperBound]) + authority
    }
}
