/// A setting named for a credential, given its value as the next word of a command line: `poetry config
/// pypi-token.pypi X`, `npm config set //host/:_authToken X`, `aws configure set aws_secret_access_key X`,
/// `git config --global github.token X`, and HTTP basic credentials as a user and a password (`poetry config
/// http-basic.repo USER X`, `composer config http-basic.host USER X`): after a word that sets settings
/// (`config`, `configure`, `set`), a word whose name, or a dotted part of it, names a credential, then its value.
extension SecretScan {
    /// Words after which a command's positionals are a setting's name and value.
    static let settingVerbs: Set<String> = ["config", "configure", "set", "--set", "user-secrets"]
    /// A dotted part that ends with this names HTTP basic credentials: a user, then a password.
    private static let basicWord = Array("basic".utf8)

    /// The values of credential settings among `words` (`text`: the same words as strings).
    mutating func configSettingSecrets(_ words: [Range<Int>], _ text: [String]) {
        guard let verb = text.firstIndex(where: { SecretScan.settingVerbs.contains($0) }) else { return }
        let positionals = words.indices.dropFirst(verb + 1).filter { !text[$0].hasPrefix("-") || text[$0] == "-" }
        for (offset, index) in positionals.enumerated() where offset + 1 < positionals.count {
            let name = words[index]
            guard !data[name].contains(0x3D), let valueOffset = credentialSetting(name) else { continue }
            guard offset + valueOffset < positionals.count else { return }
            let value = words[positionals[offset + valueOffset]]
            if !SecretValueShape.isPlaceholder(data, value) { add(value) }
            return
        }
    }

    /// How many words after `name` its secret value is (1; 2 after HTTP basic's user), or nil when `name`
    /// names no credential. The name is read whole and by its dotted parts (`pypi-token.pypi`).
    private func credentialSetting(_ name: Range<Int>) -> Int? {
        var partStart = name.lowerBound
        for end in name.indices.map({ $0 + 1 }) where end == name.upperBound || data[end] == 0x2E {
            let part = partStart..<end
            partStart = end + 1
            var nameStart = part.lowerBound
            while nameStart < part.upperBound, !SecretPatterns.isLetter(data[nameStart]) { nameStart += 1 }
            guard nameStart < part.upperBound else { continue }
            if CredentialName.kind(of: data, nameStart, part.upperBound) == .strong { return 1 }
            if part.count >= SecretScan.basicWord.count,
                data[(part.upperBound - SecretScan.basicWord.count)..<part.upperBound].map(SecretPatterns.lowercased).elementsEqual(SecretScan.basicWord)
            {
                return 2
            }
        }
        return nil
    }
}
