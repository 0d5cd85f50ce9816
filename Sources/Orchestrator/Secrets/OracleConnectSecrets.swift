/// Oracle's `user/password@connect_identifier` without the `//` of EZConnect (`sqlplus scott/X@orcl`,
/// `CONNECT scott/X@db`, `expdp system/X@pdb`): the command or the `CONNECT` word before it on its line says
/// it is a logon, not a path with a version (`pkg/name@1.2`, `github.com/x/y@v1`).
extension SecretScan {
    /// Oracle's tools that take a logon as a word, and SQL*Plus's `CONNECT` (lowercase).
    private static let oracleLogonWords: Set<String> = [
        "sqlplus", "sqlldr", "expdp", "impdp", "exp", "imp", "rman", "dgmgrl", "sql", "connect", "conn", "orapki", "wrap",
    ]

    /// `name/password@…` from `start`, its `@` at `at`: whether it was a logon (and its password redacted).
    mutating func oracleLogon(from start: Int, at: Int) -> Bool {
        guard let slash = data[start..<at].firstIndex(of: 0x2F), slash > start, slash + 1 < at,
            (start..<slash).allSatisfy({ CredentialName.isNameByte(data[$0]) }), !data[(slash + 1)..<at].contains(0x2F)
        else { return false }
        let lineStart = lineStart(before: start, limit: 256)
        let before = data[lineStart..<start].split(whereSeparator: SecretPatterns.isWhitespace).suffix(4)
        let named = before.contains { word in
            let name = (word.split(separator: 0x2F).last ?? word).filter { !SecretPatterns.isQuote($0) }
            return SecretScan.oracleLogonWords.contains(String(decoding: name.map(SecretPatterns.lowercased), as: UTF8.self))
        }
        guard named else { return false }
        let password = (slash + 1)..<at
        if !SecretValueShape.isPlaceholder(data, password) { add(password) }
        return true
    }
}
