import Foundation
import InstallModel
import Testing

@testable import Catalog

/// An apt package whose configuration file the user changed since its install is removed, not purged, so the edit
/// stays (truth12 F16). The conffiles dpkg lists and the digests md5sum prints are read from generated outputs, with
/// dpkg's and md5sum's complaints mixed in (checked for real with colordiff: see the commit).
struct ChangedConffilesTests {
    static func hex(_ random: inout SplitMix64) -> String {
        (0..<4).map { _ in String(format: "%08x", UInt32(truncatingIfNeeded: random.next())) }.joined()
    }

    @Test(arguments: [1, 2, 3, 44, 555, 2026] as [UInt64])
    func conffilesAndDigestsAreReadWhateverElseIsPrinted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var listing = ""
        var digests = ""
        var expected: [AptRemovalProbe.ShippedConffile] = []
        var changed: Set<String> = []
        for index in 0..<Int(random.next() % 6 + 1) {
            let package = "pkg\(index)-\(random.next() % 100)"
            listing += package + "\n"
            if random.next() % 3 == 0 { listing += "dpkg-query: no packages found matching x\(index)\n" }
            for file in 0..<Int(random.next() % 4) {
                let path = "/etc/\(package)/conf \(file)".replacingOccurrences(of: " ", with: "-")
                let md5 = Self.hex(&random)
                listing += " \(path) \(md5)" + (random.next() % 4 == 0 ? " obsolete" : "") + "\n"
                expected.append(AptRemovalProbe.ShippedConffile(package: package, path: path, md5: md5))
                switch random.next() % 3 {
                case 0: digests += "\(md5)  \(path)\n"
                case 1:
                    digests += "\(Self.hex(&random))  \(path)\n"
                    changed.insert(path)
                default: digests += "md5sum: \(path): No such file or directory\n"
                }
            }
        }
        #expect(AptRemovalProbe.shippedConffiles(inOutput: listing) == expected, "seed \(seed)")
        let now = AptRemovalProbe.digests(inOutput: digests)
        #expect(Set(expected.filter { file in now[file.path].map { $0 != file.md5 } == true }.map(\.path)) == changed, "seed \(seed)")
    }
}
