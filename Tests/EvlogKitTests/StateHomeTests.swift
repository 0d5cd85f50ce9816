import EvlogKit
import Testing

/// The state home follows `--home`, `$EVLOG_HOME`, an absolute `$XDG_STATE_HOME`, then `$HOME`; a relative
/// `$XDG_STATE_HOME` is ignored, as the XDG specification says (integrity20 #12).
@Suite struct StateHomeTests {
    @Test func aRelativeXDGStateHomeIsIgnored() {
        #expect(StateHome.directory(given: nil, environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/evlog")
        for relative in ["", "s", "./s", "../s", "~/s"] {
            #expect(StateHome.directory(given: nil, environment: ["XDG_STATE_HOME": relative, "HOME": "/h"]) == "/h/.local/state/evlog", "\(relative)")
        }
        #expect(StateHome.directory(given: "/g", environment: ["XDG_STATE_HOME": "/s"]) == "/g")
    }
}
