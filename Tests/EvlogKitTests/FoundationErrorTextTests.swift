import EvlogKit
import Foundation
import Testing

/// integrity13 #11: `bundle -o` on a full disk printed Foundation's `NSCocoaErrorDomain Code=640 … NSFilePath=<the plan
/// log>` (blaming the log it copies). The reason alone is the system's word, with no path of Foundation's choosing.
@Suite struct FoundationErrorTextTests {
    @Test(arguments: [
        (CocoaError.fileWriteOutOfSpace.rawValue, Int32(0), "No space left on device"),
        (CocoaError.fileWriteUnknown.rawValue, ENOSPC, "No space left on device"),
        (CocoaError.fileWriteNoPermission.rawValue, EACCES, "Permission denied"),
        (CocoaError.fileReadNoSuchFile.rawValue, ENOENT, "No such file or directory"),
    ])
    func theReasonIsTheSystemsWordWithoutThePath(code: Int, posix: Int32, reason: String) throws {
        var info: [String: Any] = [NSFilePathErrorKey: "/home/plans/p-0123.evlog", "NSSourceFilePathErrorKey": "/home/plans/p-0123.evlog"]
        if posix != 0 { info[NSUnderlyingErrorKey] = NSError(domain: NSPOSIXErrorDomain, code: Int(posix)) }
        let error = NSError(domain: NSCocoaErrorDomain, code: code, userInfo: info)
        #expect(FoundationErrorText.reason(for: error) == reason)
        #expect(FoundationErrorText.line(for: error) == "/home/plans/p-0123.evlog: " + reason)
    }

    @Test func anotherErrorHasNoReasonHere() {
        struct Other: Error {}
        #expect(FoundationErrorText.reason(for: Other()) == nil)
    }
}
