/// Why a step failed, as the executor that ran it knows it (FORMAT.md §7.4, `step_failed`).
///
/// `kind` is set only when the executor *knows* the cause (a checksum it compared, a disk-space check it
/// made, a timeout it enforced); the analyser then takes it as-is. Otherwise the rules decide from the
/// output. `exitCode` follows the shell convention (128 + N for signal N, 124 for a timeout, 127 for a
/// program that was not found); `signal` is set when a signal ended the process.
public struct FailureCause: Hashable, Sendable {
    public var kind: FailureKind?
    public var exitCode: Int32?
    public var signal: Int32?
    /// One line for the user, naming what failed.
    public var message: String

    public init(kind: FailureKind? = nil, exitCode: Int32? = nil, signal: Int32? = nil, message: String) {
        self.kind = kind
        self.exitCode = exitCode
        self.signal = signal
        self.message = message
    }

    /// A cause the executor knows, with no process behind it (a check it made itself).
    public static func known(_ kind: FailureKind, _ message: String, exitCode: Int32? = nil) -> FailureCause {
        FailureCause(kind: kind, exitCode: exitCode, message: message)
    }

    /// A step evlog refused by its own safety policy (a release archive with a device file, an asset it does not
    /// unpack): no failure kind fits, so the kind is `unknown`, known by the executor. The diagnosis is the
    /// refusal line, offering skip or cancel only, since a retry or a redownload meets the same refusal (Docs/REMEDIATIONS.md).
    public static func refusedByPolicy(_ message: String) -> FailureCause {
        FailureCause(kind: .unknown, message: message)
    }

    /// Whether evlog itself refused the step (`refusedByPolicy`): nothing it could retry.
    public var isPolicyRefusal: Bool { kind == .unknown }

    /// A failure the executor cannot name (bad step data, an I/O error): the rules get the message.
    public static func unexplained(_ message: String, exitCode: Int32? = nil) -> FailureCause {
        FailureCause(exitCode: exitCode, message: message)
    }
}

extension FailureCause {
    /// The cause of a `step_failed` written before the typed cause existed (FORMAT.md §7.4): executors
    /// then put a kind they knew at the start of the reason (`"checksum-mismatch: …"`). Such a reason
    /// decodes with its kind and the rest as the message; any other reason stays as it is. A cause
    /// without a kind is written the same way (a command killed by a signal): its signal is kept.
    static func legacy(reason: String, exitCode: Int32?, signal: Int32?) -> FailureCause {
        guard let colon = reason.firstIndex(of: ":"), let kind = FailureKind(rawValue: String(reason[..<colon])),
            kind != .unknown
        else { return FailureCause(exitCode: exitCode, signal: signal, message: reason) }
        let message = reason[reason.index(after: colon)...].drop(while: { $0 == " " })
        return FailureCause(kind: kind, exitCode: exitCode, signal: signal, message: String(message))
    }
}

extension FailureCause {
    /// The message as shown to the user, led by the kind when the executor knew it (`checksum-mismatch: …`); a
    /// policy refusal is its own message.
    public var summary: String {
        guard let kind, kind != .unknown else { return message }
        return kind.rawValue + ": " + message
    }
}
