import EventLog
import InstallModel

/// The production `EventStore`: events go to the plan's log file through the EventLog writer.
public final class LogEventStore: EventStore {
    private let writer: LogWriter
    public init(writer: LogWriter) { self.writer = writer }
    public var acceptsEventParts: Bool { writer.header.mayHoldEventParts }
    public func append(_ payload: [UInt8], checkpoint: Bool) throws { try writer.append(payload, checkpoint: checkpoint) }
    public func sync() throws { try writer.sync() }
    public func close() throws { try writer.close() }
}
