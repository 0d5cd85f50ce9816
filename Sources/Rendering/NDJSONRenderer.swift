import InstallModel

/// `--json`: every event as one JSON line (the JSONL export's format), acting scalars escaped as `export --jsonl`
/// escapes them (`JSONOutput.escapingActiveControls`; trust19 #2: `replay --json` wrote U+009B raw).
public final class NDJSONRenderer: Renderer {
    public init() {}
    public func render(_ event: Event) -> [UInt8] {
        guard let line = try? EventJSON.line(event) else { return [] }
        return Array((JSONOutput.escapingActiveControls(line) + "\n").utf8)
    }
    public func finish() -> [UInt8] { [] }
}
