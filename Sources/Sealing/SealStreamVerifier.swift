import EventLog

/// `SealVerifier.verify` fed by a pass that reads the log anyway (`evlog reproduce`'s outline): each record as it
/// is read, so the seals are checked without reading the file a second time, in the memory `verify` takes.
/// Fed every record of a log in order, its report is `verify`'s; a header the chain cannot start from gives none.
public final class SealStreamVerifier {
    private let path: String
    private var check: SealVerifier.Check?
    private var unreadable = false

    /// Checks the log at `path` (named in the report: a live writer, a bundle) with no key expected.
    public init(path: String) { self.path = path }

    /// The next record of the log whose header is `header`, in order.
    public func observe(header: LogHeader, payload: UnsafeRawBufferPointer) {
        if check == nil, !unreadable {
            do { check = try SealVerifier.Check(header: header, trusted: nil) } catch { unreadable = true }
        }
        check?.next(payload)
    }

    /// What the seals of the records observed say; nil when none was observed or the header cannot start a chain.
    public var report: SealReport? {
        check?.report(writer: LogWriterProbe.liveWriter(ofLogAt: path), bundle: path.hasSuffix(".evb"))
    }
}
