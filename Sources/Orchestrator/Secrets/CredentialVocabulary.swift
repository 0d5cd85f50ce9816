import Foundation

/// The word for a password in the languages tools print in, and phrases that introduce one
/// (`IDENTIFIED BY`): a key made of one of them names a credential as `password` does.
///
/// One-word ASCII entries join `CredentialName`'s words (`DB_PASSWORT=X`); the rest — non-ASCII
/// (`пароль`, `密码`, `contraseña`) or several words (`mot de passe`) — are matched here, as the bytes
/// that end a key, in lower, upper and title case.
enum CredentialVocabulary {
    /// Lowercase, words separated by one space.
    static let entries: [String] = [
        "passwort", "kennwort", "contraseña", "contrasena", "clave de acceso", "mot de passe", "mdp", "senha", "palavra-passe",
        "wachtwoord", "parola", "parola d'ordine", "clave", "password di accesso", "hasło", "haslo", "heslo", "lösenord", "losenord", "adgangskode",
        "passord", "salasana", "jelszó", "jelszo", "şifre", "sifre", "parolă", "lozinka", "geslo", "slaptažodis", "parool",
        "пароль", "токен", "секрет", "гасло", "лозинка", "κωδικός", "κωδικός πρόσβασης", "συνθηματικό", "סיסמה", "كلمة المرور", "كلمة السر", "رمز عبور", "पासवर्ड", "密码", "密碼",
        "口令", "パスワード", "暗証番号", "비밀번호", "암호", "mật khẩu", "รหัสผ่าน", "kata sandi", "kata laluan",
    ]
    /// Phrases that introduce a quoted credential (SQL's `IDENTIFIED BY 'X'`), lowercase.
    static let introducers: [String] = ["identified by"]

    /// The one-word ASCII entries (for `CredentialName`).
    static let asciiWords: [String] = entries.filter { entry in entry.utf8.allSatisfy { SecretPatterns.isLetter($0) } }

    /// Every other entry in the forms it is matched in: lower, upper and title case, and its words joined
    /// by `_` or `-` too, an entry's also by nothing (`motdepasse`); ASCII letters lowercased (they are compared case-insensitively).
    private static let forms: [[UInt8]] = {
        var forms: Set<[UInt8]> = []
        for entry in entries + introducers where !asciiWords.contains(entry) {
            // `Κωδικός πρόσβασης`: a sentence's capital on its first word only.
            let sentenceCased = entry.prefix(1).uppercased() + entry.dropFirst()
            for cased in [entry, entry.uppercased(), entry.capitalized, sentenceCased] {
                let solid = introducers.contains(entry) ? [] : [cased.filter { $0 != " " }]
                for joined in [cased, cased.replacingSpaces(with: "_"), cased.replacingSpaces(with: "-")] + solid {
                    forms.insert(joined.utf8.map(SecretPatterns.lowercased))
                }
            }
        }
        return forms.sorted { $0.count > $1.count }
    }()
    /// The indexes of the introducers' forms.
    private static let introducerForms: Set<Int> = Set(forms.indices.filter { index in
        introducers.contains { String(decoding: forms[index], as: UTF8.self).replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ") == $0 }
    })
    /// For each last byte (ASCII lowercased), the forms ending with it.
    private static let formsByLastByte: [[Int]] = (0...255).map { byte in forms.indices.filter { forms[$0].last == UInt8(byte) } }

    /// The last three bytes of the ASCII-ending forms, for `CredentialName.mayEnd`'s table.
    static let asciiEndings: [[UInt8]] = forms.indices.filter { index in
        !introducerForms.contains(index) && forms[index].count >= 3 && forms[index].suffix(3).allSatisfy { $0 < 0x80 }
    }.map { Array(forms[$0].suffix(3)) }

    /// Whether an introducer may end at `end` (its last two bytes, `by`).
    static func mayEndIntroducer(_ data: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        end >= 2 && introducerEndings.contains([SecretPatterns.lowercased(data[end - 2]), SecretPatterns.lowercased(data[end - 1])])
    }

    private static let introducerEndings: Set<[UInt8]> = Set(introducers.map { Array($0.utf8.suffix(2)) })

    /// Whether an entry that `CredentialName.mayEnd` does not let through (one with a non-ASCII letter:
    /// `hasło`, `mật khẩu`) may end at `end`: a non-ASCII byte is among the few bytes before it (every
    /// such entry has one in its last `nonASCIIReachBytes`).
    static func mayEnd(_ data: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        var index = end
        while index > 0, end - index < nonASCIIReachBytes {
            index -= 1
            if data[index] >= 0x80 { return true }
            if SecretPatterns.isLineEnd(data[index]) { return false }
        }
        return false
    }

    /// The most bytes from a form's end back to the start of its last non-ASCII letter (a constant: it is
    /// read at every colon of output; `nonASCIIReach` says the vocabulary keeps to it).
    static let nonASCIIReachBytes = 12
    /// The bytes from the form's end back to the start of its last non-ASCII letter.
    static func nonASCIIReach(of form: [UInt8]) -> Int {
        guard let last = form.lastIndex(where: { byte in byte >= 0x80 }) else { return 0 }
        var start = last
        while start > 0, form[start] & 0xC0 == 0x80 { start -= 1 }
        return form.count - start
    }
    /// Every form (for tests).
    static var allForms: [[UInt8]] { forms }

    /// Whether an entry (or one of `asciiWords`, in any case: `mdp`, `Passwort`) ends at `end`, after a space
    /// or the line's start: the key of `Mot de passe : X`, French typography's space before a colon.
    static func endsEntry(_ data: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        if entryStart(in: data, endingAt: end) != nil { return true }
        var start = end
        while start > 0, SecretPatterns.isLetter(data[start - 1]) { start -= 1 }
        guard start < end, start == 0 || SecretPatterns.isWhitespace(data[start - 1]) else { return false }
        let word = data[start..<end].map(SecretPatterns.lowercased)
        return asciiWords.contains { Array($0.utf8) == word }
    }

    /// Where an entry that ends at `end` starts (nothing but a space, a quote, punctuation or the
    /// line's start before it), and whether it is an introducer; or nil.
    static func entryStart(in data: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> (start: Int, introducer: Bool)? {
        guard end > 0 else { return nil }
        for index in formsByLastByte[Int(SecretPatterns.lowercased(data[end - 1]))] {
            let form = forms[index]
            let start = end - form.count
            guard start >= 0 else { continue }
            var matches = true
            for offset in form.indices where SecretPatterns.lowercased(data[start + offset]) != form[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            let before = start == 0 ? 0x20 : data[start - 1]
            // Not the end of a longer word (an ASCII letter or digit, or a non-ASCII letter's byte).
            if !(SecretPatterns.isLetter(before) || SecretPatterns.isDigit(before) || before >= 0x80) {
                return (start, introducerForms.contains(index))
            }
        }
        return nil
    }
}

extension String {
    fileprivate func replacingSpaces(with separator: Character) -> String { String(map { $0 == " " ? separator : $0 }) }
}
