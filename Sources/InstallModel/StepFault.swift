/// A fault injected into a simulated plan at one step (`--fault verify-ripgrep=fail:network-unreachable`).
///
/// Written as `STEP=fail[:KIND]`, `STEP=hang` or `STEP=partial`; kept in the plan's `Simulation` (so a
/// resumed or replayed run has the same faults) in that written form. A fault is persistent: every
/// attempt of the step meets it, as a real broken network or mirror would be met again by a retry.
public struct StepFault: Hashable, Sendable, CustomStringConvertible {
    /// What goes wrong at the step.
    public enum Effect: Hashable, Sendable {
        /// The step's first command fails; with a kind, its output is a recorded output of that kind.
        case fail(FailureKind?)
        /// The step's first command never finishes: it runs into the step's timeout.
        case hang
        /// The step's first command prints the first half of its output and is killed (SIGKILL).
        case partial
    }

    public var step: StepID
    public var effect: Effect

    public init(step: StepID, effect: Effect) {
        self.step = step
        self.effect = effect
    }

    /// Parses `STEP=fail[:KIND]|hang|partial`; the error is one line saying what is wrong.
    public init(parsing text: String) throws(StepFaultSyntaxError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw StepFaultSyntaxError(text: text, problem: "expected STEP=fail[:KIND], STEP=hang or STEP=partial")
        }
        let step = String(text[..<equals])
        let effect = text[text.index(after: equals)...]
        switch effect {
        case "fail": self.init(step: StepID(step), effect: .fail(nil))
        case "hang": self.init(step: StepID(step), effect: .hang)
        case "partial": self.init(step: StepID(step), effect: .partial)
        default:
            guard effect.hasPrefix("fail:") else {
                throw StepFaultSyntaxError(text: text, problem: "the effect must be fail, fail:KIND, hang or partial, not '\(effect)'")
            }
            let name = String(effect.dropFirst("fail:".count))
            guard let kind = FailureKind(rawValue: name) else {
                throw StepFaultSyntaxError(
                    text: text, problem: "'\(name)' is not a failure kind (one of " + FailureKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            self.init(step: StepID(step), effect: .fail(kind))
        }
    }

    public var description: String {
        switch effect {
        case .fail(nil): "\(step)=fail"
        case .fail(let kind?): "\(step)=fail:\(kind.rawValue)"
        case .hang: "\(step)=hang"
        case .partial: "\(step)=partial"
        }
    }
}

extension StepFault: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A `--fault` that cannot be parsed, with what was written and what is wrong.
public struct StepFaultSyntaxError: Error, Hashable, CustomStringConvertible {
    public var text: String
    public var problem: String
    public var description: String { "--fault \(text): \(problem)" }
}
