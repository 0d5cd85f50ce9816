/// Environment variables that hold a credential under a word that names one only in a variable's
/// all-capital spelling (`GH_PAT`, `SONAR_LOGIN`, `TOTP_SEED`, `HASH_SALT`, `BW_SESSION`): in a sentence or a YAML key
/// (`pat`, `login: bob`, `seed: 42`) the same words are ordinary.
extension CredentialName {
    /// The words, and how strongly they name a credential as a variable's last part.
    static let environmentWords: [(word: [UInt8], kind: Kind)] = [
        (Array("pat".utf8), .strong), (Array("seed".utf8), .weak), (Array("salt".utf8), .weak), (Array("login".utf8), .weak),
        (Array("mnemonic".utf8), .strong),
        // `AZURE_STORAGE_CONNECTION_STRING` (its `STRING` a qualifier), a signing secret, a shared access signature.
        (Array("connection".utf8), .strong), (Array("hmac".utf8), .strong), (Array("sas".utf8), .strong),
        // A session key (`BW_SESSION`, Bitwarden's); `DESKTOP_SESSION=gnome` is a name, so the value must look secret.
        (Array("session".utf8), .weak),
    ]

    /// The kind of an all-capital variable name (`A`–`Z`, digits, `_`) whose last part is one of
    /// `environmentWords`, or nil.
    static func environmentKind(of data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Kind? {
        guard end > start, (start..<end).allSatisfy({ (data[$0] >= 0x41 && data[$0] <= 0x5A) || SecretPatterns.isDigit(data[$0]) || data[$0] == 0x5F })
        else { return nil }
        var partStart = end
        while partStart > start, data[partStart - 1] != 0x5F { partStart -= 1 }
        let part = data[partStart..<end].map(SecretPatterns.lowercased)
        return environmentWords.first { $0.word == part }?.kind
    }

    /// Words before a credential word that make the name a reference to a credential stored elsewhere
    /// (Helm's `existingSecret`, `externalSecret`): its value is a name, not the credential.
    static let referenceQualifiers: [[UInt8]] = ["existing", "external"].map { Array($0.utf8) }

    /// Whether the part of `data[start..<wordStart]` just before the credential word is a reference qualifier.
    static func namesReference(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ wordStart: Int) -> Bool {
        var end = wordStart
        while end > start, isNameSeparator(data[end - 1]) { end -= 1 }
        guard end > start else { return false }
        let part = lastPart(data, start, end).map { SecretPatterns.lowercased(data[$0]) }
        return referenceQualifiers.contains(part)
    }
}
