import InstallModel

/// `--json`: every event as one JSON line (the JSONL export's format).
public final class NDJSONRenderer: Renderer {
    public init() {}
    public func render(_ event: Event) -> [UInt8] {
        guard let line = try? EventJSON.line(event) else { return [] }
        return Array((line + "\n").utf8)
    }
    public func finish() -> [UInt8] { [] }
}
