/// An RFC 3463 enhanced mail system status code, `class "." subject "." detail`, e.g. `5.1.1`.
///
/// Servers that advertise `ENHANCEDSTATUSCODES` (RFC 2034) put one at the start of each reply line:
/// `550 5.1.1 <bob@example.org>: Recipient address rejected`. The class repeats the reply's first digit
/// (2 success, 4 persistent transient failure, 5 permanent failure); the subject says what area failed
/// (1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol, 6 content, 7 security/policy).
public struct EnhancedStatusCode: Hashable, Sendable, CustomStringConvertible {
    /// `2`, `4` or `5`.
    public let statusClass: Int
    /// 0...999; 1 = addressing, 7 = security or policy.
    public let subject: Int
    /// 0...999.
    public let detail: Int

    /// Creates a code; `nil` unless `statusClass` is 2, 4 or 5 and the others are 0...999.
    public init?(statusClass: Int, subject: Int, detail: Int) {
        guard [2, 4, 5].contains(statusClass), (0...999).contains(subject), (0...999).contains(detail) else {
            return nil
        }
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// Parses the code at the start of `text` (the reply text after the basic code).
    ///
    /// ```
    /// status-code = class "." subject "." detail   ; RFC 3463 §2
    /// class       = "2" / "4" / "5"
    /// subject     = 1*3digit
    /// detail      = 1*3digit
    /// ```
    /// Returns the code and the text after it (leading spaces removed), or `nil` when `text` does not start
    /// with a code followed by a space or the end.
    public static func parse(prefixOf text: Substring) -> (code: EnhancedStatusCode, rest: Substring)? {
        let token = text.prefix { $0 != " " }
        let fields = token.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 3,
              fields.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              fields[0].count == 1,
              let statusClass = Int(fields[0]), let subject = Int(fields[1]), let detail = Int(fields[2]),
              let code = EnhancedStatusCode(statusClass: statusClass, subject: subject, detail: detail)
        else { return nil }
        let rest = text.dropFirst(token.count).drop { $0 == " " }
        return (code, rest)
    }

    /// `5.1.1`.
    public var description: String { "\(statusClass).\(subject).\(detail)" }

    /// Addressing failure: bad destination mailbox (`x.1.1`), bad system (`x.1.2`), bad syntax (`x.1.3`)…
    public var isAddressingFailure: Bool { subject == 1 }
    /// `x.3.4` (message too big for system) or `x.2.3` (message length exceeds administrative limit).
    public var isMessageTooLarge: Bool { (subject == 3 && detail == 4) || (subject == 2 && detail == 3) }
    /// `x.7.8` (authentication credentials invalid) and other security or policy failures.
    public var isSecurityOrPolicy: Bool { subject == 7 }
}

extension Character {
    /// `0`…`9` only (not other Unicode digits).
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
