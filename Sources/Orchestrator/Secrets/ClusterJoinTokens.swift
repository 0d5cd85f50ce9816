/// A cluster's join token (k3s's and RKE2's `K10<CA hash>::server:<password>`; secrets20 #13): a long hex digest of
/// the cluster's CA certificate, `::`, a user name and `:`, then the password, redacted whatever it looks like (the
/// digest is public and stays).
extension SecretScan {
    /// The shortest CA digest (a SHA-256 in hex is 64).
    private static let joinTokenDigestMin = 32

    /// The join token whose `::` starts at `at`, if one is there; whether it was.
    mutating func clusterJoinToken(colonAt at: Int) -> Bool {
        guard at + 3 < count, data[at + 1] == 0x3A else { return false }
        var digestStart = at
        while digestStart > 0, SecretValueShape.isHexDigit(data[digestStart - 1]) { digestStart -= 1 }
        guard at - digestStart >= SecretScan.joinTokenDigestMin else { return false }
        var userEnd = at + 2
        while userEnd < count, CredentialName.isNameByte(data[userEnd]) { userEnd += 1 }
        guard userEnd > at + 2, userEnd + 1 < count, data[userEnd] == 0x3A else { return false }
        let value = (userEnd + 1)..<wordEnd(from: userEnd + 1, separators: true)
        guard !value.isEmpty else { return false }
        add(value)
        return true
    }
}
