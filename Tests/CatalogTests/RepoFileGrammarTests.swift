import InstallModel
import Testing

@testable import Catalog

/// A dnf/yum/zypper `.repo` text is one section of allow-listed keys whose URLs pass the URL grammar (trust13 #7:
/// `file://`, `ftp://`, plain http to any host, credentials and a second URL loaded; a second section redefined the
/// distribution's own repositories). Texts are generated from a seed.
struct RepoFileGrammarTests {
    static let good = "https://rpm.acme.example/$releasever/$basearch/"
    static let bad = ["file:///tmp/repo", "ftp://evil.example/", "http://evil.example/", "https://user:pw@rpm.acme.example/",
                      "https://rpm.acme.example/ https://evil.example/", "https://rpm.acme.example/,https://evil.example/"]

    @Test func everyURLKeyAndEverySecondSectionIsChecked() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let key = ["baseurl", "mirrorlist", "metalink", "gpgkey"][Int(generator.next() % 4)]
            let hostile = generator.next() % 3
            let url = hostile == 0 ? Self.bad[Int(generator.next() % UInt64(Self.bad.count))] : Self.good
            var text = "[acme]\nname=a\n\(key)=\(url)\nenabled=1\ngpgcheck=1\n"
            if hostile == 1 { text += "[\(["updates", "fedora", "baseos", "acme2"][Int(generator.next() % 4)])]\nname=x\nbaseurl=\(Self.good)\ngpgcheck=1\n" }
            let manager: PackageManager = [.dnf, .yum, .zypper][Int(generator.next() % 3)]
            let problem = SourceEntryGrammar.problem(with: text, for: manager)
            #expect((problem != nil) == (hostile != 2), "\(text.debugDescription): \(problem ?? "accepted")")
        }
    }
}
