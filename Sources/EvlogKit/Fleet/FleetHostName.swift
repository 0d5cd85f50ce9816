import Foundation
import Rendering

extension FleetHost {
    /// The host a fleet file is about: its file name without the extension (`bundles/web-1.evb` → `web-1`), as
    /// the fleet page, `verify --keyring` and `diagnose --summary` each name it.
    public static func name(ofFile path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}
