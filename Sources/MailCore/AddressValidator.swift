/// Validates an addr-spec (RFC 5322 §3.4.1) as we accept it for sending: dot-atom local part (or a
/// quoted string), a domain of LDH labels or an internationalized domain (U-labels allowed), or a
/// domain literal. Rejects CR, LF, NUL and anything that could smuggle a header or SMTP command.
public enum AddressValidator {
    /// Longest accepted address (RFC 5321 §4.5.3.1.3 path limit minus the angle brackets).
    public static let maximumLength = 254
    /// Longest local part (RFC 5321 §4.5.3.1.1).
    public static let maximumLocalPartLength = 64

    private static let atext: Set<Character> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")

    /// Whether `address` is an addr-spec we will send to.
    public static func isValid(_ address: String) -> Bool {
        guard !address.isEmpty, address.count <= maximumLength,
              !address.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
              let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        return isValidLocalPart(local) && isValidDomain(domain)
    }

    static func isValidLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.utf8.count <= maximumLocalPartLength else { return false }
        if local.first == "\"" && local.last == "\"" && local.count >= 2 {
            var escaped = false
            for ch in local.dropFirst().dropLast() {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                if ch == "\"" { return false }
            }
            return !escaped
        }
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { atext.contains($0) || ($0.unicodeScalars.first?.value ?? 0) >= 0x80 }
        }
    }

    static func isValidDomain(_ domain: Substring) -> Bool {
        guard !domain.isEmpty, domain.utf8.count <= 253 else { return false }
        if domain.first == "[" {
            guard domain.last == "]" else { return false }
            let inner = domain.dropFirst().dropLast()
            return !inner.isEmpty && inner.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" || $0.isLetter }
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.count <= 63, label.first != "-", label.last != "-" else { return false }
            return label.unicodeScalars.allSatisfy { s in
                (s.value >= 0x80 && s.properties.isAlphabetic || s.properties.numericType != nil && s.value >= 0x80)
                    || (s.isASCII && (Character(s).isLetter || Character(s).isNumber || s == "-"))
            }
        }
    }
}
