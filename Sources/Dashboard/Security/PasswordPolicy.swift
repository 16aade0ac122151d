/// What a dashboard password must be: long enough, short enough for bcrypt (72 bytes), and not
/// one an attacker tries first — a well-known password, a common word with digits or symbols
/// around it, one repeated character, a keyboard or alphabet run, or the email's own name.
enum PasswordPolicy {
    /// Shortest accepted password.
    static let minimumLength = 10
    /// bcrypt reads only the first 72 bytes; longer passwords are refused rather than cut silently.
    static let maximumBytes = 72

    /// Why a password is refused.
    enum Refusal: Equatable, Sendable {
        case tooShort
        case tooLong
        case common
        case containsEmail
        case repetitive

        /// The sentence shown next to the field.
        var message: String {
            switch self {
            case .tooShort: return "Use at least \(PasswordPolicy.minimumLength) characters."
            case .tooLong: return "Use at most \(PasswordPolicy.maximumBytes) bytes (bcrypt ignores anything longer)."
            case .common: return "This password is too common: it appears in lists of breached passwords. Choose something less guessable."
            case .containsEmail: return "Do not build the password from your email address."
            case .repetitive: return "This password is a simple pattern (repeated characters or a keyboard run). Choose something less guessable."
            }
        }
    }

    /// The first rule `password` breaks, or `nil` when it is acceptable.
    static func check(_ password: String, email: String) -> Refusal? {
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > maximumBytes { return .tooLong }
        let lowered = password.lowercased()
        if isRepetitive(lowered) || isRun(lowered) { return .repetitive }
        if CommonPasswords.contains(lowered) || CommonPasswords.contains(core(of: lowered)) { return .common }
        if isRepeatedWord(lowered) { return .common }
        let local = lettersAndDigits(email.lowercased().split(separator: "@").first.map(String.init) ?? "")
        if local.count >= 3, lettersAndDigits(lowered).contains(local) || lettersAndDigits(core(of: lowered)).contains(local) {
            return .containsEmail
        }
        if lowered.contains("mcpemails") { return .common }
        return nil
    }

    /// Only the letters and digits of `text` (`maria.lopez` → `marialopez`).
    static func lettersAndDigits(_ text: String) -> String {
        String(text.filter { $0.isLetter || $0.isNumber })
    }

    /// The password without the digits and symbols people add to a word (`Password123!` → `password`).
    static func core(of lowered: String) -> String {
        let isDecoration: (Character) -> Bool = { !$0.isLetter }
        let trimmed = lowered.drop(while: isDecoration).reversed().drop(while: isDecoration).reversed()
        return String(trimmed).replacingLeet()
    }

    /// One character over and over (`aaaaaaaaaa`), or a short block repeated (`abcabcabcabc`).
    static func isRepetitive(_ text: String) -> Bool {
        let characters = Array(text)
        guard let first = characters.first else { return true }
        if characters.allSatisfy({ $0 == first }) { return true }
        for period in 1...3 where characters.count % period == 0 && characters.count / period >= 3 {
            let block = characters[0..<period]
            if stride(from: 0, to: characters.count, by: period).allSatisfy({ Array(characters[$0..<$0 + period]) == Array(block) }) {
                return true
            }
        }
        return false
    }

    /// A stretch of a keyboard row or of the alphabet/digits, forwards or backwards (`qwertyuiop`, `1234567890`).
    static func isRun(_ text: String) -> Bool {
        let rows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz",
                    "01234567890", "qazwsxedcrfvtgbyhnujmikolp", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"]
        let stripped = String(text.filter { $0.isLetter || $0.isNumber })
        guard stripped.count >= text.count - 2, stripped.count >= 6 else { return false }
        for row in rows {
            let reversed = String(row.reversed())
            if row.contains(stripped) || reversed.contains(stripped) { return true }
            if (row + row).contains(stripped) || (reversed + reversed).contains(stripped) { return true }
        }
        return false
    }

    /// A common word typed twice or more (`passwordpassword`, `qwertyqwerty`).
    static func isRepeatedWord(_ text: String) -> Bool {
        let characters = Array(core(of: text))
        guard characters.count >= 6 else { return false }
        for period in 3...(characters.count / 2) where characters.count % period == 0 {
            let block = String(characters[0..<period])
            if String(repeating: block, count: characters.count / period) == String(characters),
               CommonPasswords.contains(block) || isRun(block) {
                return true
            }
        }
        return false
    }
}

private extension String {
    /// Undoes the usual letter-for-digit swaps (`p@ssw0rd` → `password`).
    func replacingLeet() -> String {
        let swaps: [Character: Character] = ["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"]
        return String(self.map { swaps[$0] ?? $0 })
    }
}
