import Foundation
import Testing

@testable import Catalog

/// dpkg's own word on a package (truth12 F14): after an uninstall was killed mid-purge, `dpkg -l` showed bat gone,
/// libgit2-1.5 `rH` and four libraries `pi`; `outdated` read apt's stale cache and called bat installed, and the next
/// uninstall took the half-removed libraries (which apt no longer marks automatic) for ones the user marked manual.
@Suite struct DpkgPackageStateTests {
    static let desired: [Character] = ["u", "i", "h", "r", "p"]
    static let statuses: [Character] = ["n", "c", "H", "U", "F", "W", "t", "i"]

    /// Every pair of letters dpkg can show, as `dpkg-query -W -f='${Package}|${db:Status-Abbrev}|${Version}\n'` prints
    /// them, with dpkg's complaint about a package it does not know between the lines.
    @Test func everyStateDpkgCanShowIsReadAndJudgedByItsTwoLetters() {
        var lines: [String] = []
        var expected: [String: (Character, Character)] = [:]
        for d in Self.desired {
            for s in Self.statuses {
                let name = "pkg-\(d)\(s)"
                expected[name] = (d, s)
                lines.append("\(name)|\(d)\(s) |1.\(lines.count)-1")
                if lines.count % 7 == 0 { lines.append("dpkg-query: no packages found matching nosuch\(lines.count)") }
            }
        }
        let states = AptRemovalProbe.dpkgStates(inOutput: lines.joined(separator: "\n") + "\n")
        #expect(states.count == expected.count)
        for (name, (d, s)) in expected {
            guard let state = states[name] else {
                Issue.record("\(name) not read")
                continue
            }
            #expect(state.abbreviation == String([d, s]))
            #expect(state.isGone == (s == "n" || s == "c"), "\(name)")
            #expect(state.isInstalled == ("iWt".contains(s) && (d == "i" || d == "h")), "\(name)")
            #expect(state.isBeingRemoved == ((d == "r" || d == "p") && !state.isGone), "\(name)")
            // Exactly one of: installed, gone, or half there (being removed, or an install not finished).
            #expect(!(state.isInstalled && state.isGone) && !(state.isInstalled && state.isBeingRemoved), "\(name)")
        }
    }

    @Test func anArchitectureQualifiedNameIsThePackageAndOtherLinesAreSkipped() {
        let states = AptRemovalProbe.dpkgStates(inOutput: """
            libgit2-1.5:amd64|rH |1.5.1+ds-1+deb12u2
            dpkg-query: no packages found matching bat
            garbage line
            x|zz |1
            libmbedtls14|pi |2.28.3-1
            """)
        #expect(states.keys.sorted() == ["libgit2-1.5", "libmbedtls14"])
        #expect(states["libgit2-1.5"]?.isBeingRemoved == true)
        #expect(states["libmbedtls14"]?.version == "2.28.3-1")
    }

    /// The machine of truth12 F14: apt-mark lists the half-removed libraries as manual; none is the user's.
    @Test func packagesDpkgIsRemovingAreNotMarkedManualWhateverAptMarkSays() {
        let libraries = ["libgit2-1.5", "libhttp-parser2.9", "libmbedcrypto7", "libmbedtls14", "libmbedx509-1"]
        let states = AptRemovalProbe.dpkgStates(inOutput: """
            libgit2-1.5|rH |1.5.1+ds-1+deb12u2
            libhttp-parser2.9|pi |2.9.4-5
            libmbedcrypto7|pi |2.28.3-1
            libmbedtls14|pi |2.28.3-1
            libmbedx509-1|ii |2.28.3-1
            """)
        let showmanual = libraries.joined(separator: "\n") + "\n"
        // Only the one still wanted installed is the user's mark.
        #expect(AptRemovalProbe.markedManual(libraries, showmanual: showmanual, states: states) == ["libmbedx509-1"])
        // Generated: for each package and each state, listed by apt-mark, manual exactly when dpkg is not removing it.
        for d in Self.desired {
            for s in Self.statuses {
                let state = DpkgPackageState(desired: d, status: s, version: "1")
                let manual = AptRemovalProbe.markedManual(["p"], showmanual: "p\n", states: ["p": state])
                #expect(manual == (state.isBeingRemoved ? [] : ["p"]), "\(state.abbreviation)")
                #expect(AptRemovalProbe.markedManual(["p"], showmanual: "other\n", states: ["p": state]).isEmpty)
            }
        }
    }
}
