import Foundation

/// One line for an error from Foundation (a `CocoaError` or POSIX error), instead of its
/// `Error Domain=NSCocoaErrorDomain Code=… UserInfo={…}` dump: the path involved and the system's reason.
public enum FoundationErrorText {
    /// The line for `error` when it is a Foundation file or POSIX error, nil for any other error.
    public static func line(for error: any Error) -> String? {
        let error = error as NSError
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return nil }
        let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
        let posixCode = error.domain == NSPOSIXErrorDomain ? error.code : underlying.map { $0.domain == NSPOSIXErrorDomain ? $0.code : 0 }
        let reason = posixCode.flatMap { $0 > 0 ? String(cString: strerror(Int32($0))) : nil } ?? error.localizedDescription
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason)" } ?? reason
    }
}
