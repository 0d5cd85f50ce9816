/// A request path's decoded segments matched against a route (`["plans", "*", "events"]`): each `*`
/// matches one whole segment and is captured; nothing else is interpreted.
struct RoutePattern {
    let segments: [String]

    init(_ segments: [String]) { self.segments = segments }

    /// The segments the `*`s matched, in order; nil when the path is not this route.
    func captures(_ pattern: [String]) -> [String]? {
        guard pattern.count == segments.count else { return nil }
        var captured: [String] = []
        for (expected, actual) in zip(pattern, segments) {
            if expected == "*" { captured.append(actual) } else if expected != actual { return nil }
        }
        return captured
    }
}
