import Foundation

/// One line for an error from Foundation (a `CocoaError` or POSIX error), instead of its
/// `Error Domain=NSCocoaErrorDomain Code=… UserInfo={…}` dump: the path involved and the system's reason.
public enum FoundationErrorText {
    /// The line for `error` when it is a Foundation file or POSIX error, nil for any other error.
    public static func line(for error: any Error) -> String? {
        guard let reason = reason(for: error) else { return nil }
        let error = error as NSError
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason)" } ?? reason
    }

    /// The system's reason alone (`No space left on device`), without the path Foundation names — which, for a
    /// copy, may be its source (integrity13 #11: a full disk blamed the plan log); nil for any other error.
    public static func reason(for error: any Error) -> String? {
        let error = error as NSError
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return nil }
        if error.domain == NSCocoaErrorDomain, error.code == CocoaError.fileWriteOutOfSpace.rawValue { return String(cString: strerror(ENOSPC)) }
        let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
        let posixCode = error.domain == NSPOSIXErrorDomain ? error.code : underlying.map { $0.domain == NSPOSIXErrorDomain ? $0.code : 0 }
        return posixCode.flatMap { $0 > 0 ? String(cString: strerror(Int32($0))) : nil } ?? error.localizedDescription
    }
}
