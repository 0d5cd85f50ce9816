/// Flat JSON for the model's enums with payloads: `{"kind": "...", <fields>}` instead of Swift's
/// synthesized `{"case": {"_0": ...}}`, so the log and JSONL stay readable and stable (FORMAT.md §7.5).
/// (The synthesized form of the first development builds is not read: no log in that form was ever shipped.)
private enum EnumKeys: String, CodingKey {
    case kind, step, signal, reason, unlock
}

extension SkipReason: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: EnumKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "already_satisfied": self = .alreadySatisfied
        case "dependency_failed": self = .dependencyFailed(try c.decode(StepID.self, forKey: .step))
        case "user_skipped": self = .userSkipped
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown skip reason \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: EnumKeys.self)
        switch self {
        case .alreadySatisfied: try c.encode("already_satisfied", forKey: .kind)
        case .dependencyFailed(let step):
            try c.encode("dependency_failed", forKey: .kind)
            try c.encode(step, forKey: .step)
        case .userSkipped: try c.encode("user_skipped", forKey: .kind)
        }
    }
}

extension InterruptionCause: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: EnumKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "signal": self = .signal(try c.decode(String.self, forKey: .signal))
        case "crash_detected": self = .crashDetected
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown interruption cause \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: EnumKeys.self)
        switch self {
        case .signal(let name):
            try c.encode("signal", forKey: .kind)
            try c.encode(name, forKey: .signal)
        case .crashDetected: try c.encode("crash_detected", forKey: .kind)
        }
    }
}

extension RemediationAvailability: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: EnumKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "ready": self = .ready
        case "locked":
            self = .locked(
                reason: try c.decode(String.self, forKey: .reason),
                unlockDependencies: try c.decodeIfPresent([String].self, forKey: .unlock) ?? [])
        case "impossible": self = .impossible(reason: try c.decode(String.self, forKey: .reason))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown availability \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: EnumKeys.self)
        switch self {
        case .ready: try c.encode("ready", forKey: .kind)
        case .locked(let reason, let unlock):
            try c.encode("locked", forKey: .kind)
            try c.encode(reason, forKey: .reason)
            try c.encode(unlock, forKey: .unlock)
        case .impossible(let reason):
            try c.encode("impossible", forKey: .kind)
            try c.encode(reason, forKey: .reason)
        }
    }
}
