/// One complete SMTP reply: a three-digit code and one or more lines of text (RFC 5321 §4.2).
///
/// ```
/// 250-mail.example.org
/// 250-SIZE 40000000
/// 250 8BITMIME
/// ```
/// parses to code 250 with lines `["mail.example.org", "SIZE 40000000", "8BITMIME"]`.
public struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    /// The basic reply code, 200...599 (RFC 5321 §4.2.1).
    public let code: Int
    /// The text of each line after the code and its separator, without CRLF. At least one (maybe empty).
    public let lines: [String]
    /// The RFC 3463 code at the start of the first line when present and consistent with ``code``.
    public let enhancedStatus: EnhancedStatusCode?

    /// Creates a reply. `enhancedStatus` is read from the first line when its class matches `code`'s first digit.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
        let first = Substring(self.lines[0])
        if let parsed = EnhancedStatusCode.parse(prefixOf: first), parsed.code.statusClass == code / 100 {
            enhancedStatus = parsed.code
        } else {
            enhancedStatus = nil
        }
    }

    /// `2yz`: the requested action completed.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// `3yz`: go on (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// `4yz`: failed this time; the same command may succeed later.
    public var isTransientNegative: Bool { (400..<500).contains(code) }
    /// `5yz`: failed; do not repeat as is.
    public var isPermanentNegative: Bool { (500..<600).contains(code) }

    /// The text of all lines joined by a space, with each line's enhanced status code removed.
    public var text: String {
        lines.map { line -> Substring in
            let line = Substring(line)
            guard enhancedStatus != nil, let parsed = EnhancedStatusCode.parse(prefixOf: line) else { return line }
            return parsed.rest
        }.joined(separator: " ")
    }

    /// `550 5.1.1 <text>` with anything that looks like an address replaced, safe for logs and errors.
    public var redactedSummary: String {
        let status = enhancedStatus.map { " \($0)" } ?? ""
        let body = Self.redactingAddresses(text)
        return body.isEmpty ? "\(code)\(status)" : "\(code)\(status) \(body)"
    }

    /// `250 mail.example.org` (first line only; EHLO replies are long).
    public var description: String {
        lines.count > 1 ? "\(code) \(lines[0]) (+\(lines.count - 1) lines)" : "\(code) \(lines[0])"
    }

    /// Replaces every whitespace-separated word containing `@` with `<address>`.
    static func redactingAddresses(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.contains("@") ? "<address>" : String($0) }
            .joined(separator: " ")
    }
}
