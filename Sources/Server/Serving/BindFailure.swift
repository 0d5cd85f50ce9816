import Foundation
import NIOCore
import Rendering

/// Why `--listen`'s address could not be listened on, in one line a user can act on, instead of NIO's own
/// words (`bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`, a resolver's error code).
enum BindFailure {
    static func reason(_ error: any Error, port: Int) -> String {
        if let failure = error as? IOError {
            switch failure.errnoCode {
            case EADDRINUSE: return "port \(port) is in use; pick another port, or 0 for a free one"
            case EADDRNOTAVAIL: return "not an address of this machine; give one of its addresses, 127.0.0.1 or 0.0.0.0"
            case EACCES: return "port \(port) needs privileges; pick a port above 1023, or 0 for a free one"
            default: return String(cString: strerror(failure.errnoCode))
            }
        }
        if error is SocketAddressError || error is SocketAddressError.UnknownHost { return "no such host; give an address (127.0.0.1, ::1, 0.0.0.0) or a name this machine resolves" }
        return NeutralText(String(describing: error)).description
    }
}
