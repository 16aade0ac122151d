/// What a server offers, read from its EHLO reply (RFC 5321 §4.1.1.1).
///
/// ```
/// ehlo-ok-rsp = "250" SP Domain [ SP ehlo-greet ] CRLF
///             / "250-" Domain [ SP ehlo-greet ] CRLF
///               *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF
/// ehlo-line   = ehlo-keyword *( SP ehlo-param )
/// ```
/// Keywords are case-insensitive and stored upper-cased. A server greeted with HELO offers nothing
/// (``none``).
public struct SMTPCapabilities: Hashable, Sendable {
    /// The server's name from the first line of the reply (`mail.example.org`).
    public let serverName: String
    /// Every keyword (upper-cased) with its parameters, e.g. `"AUTH": ["PLAIN", "LOGIN"]`.
    public let keywords: [String: [String]]

    /// Capabilities from an EHLO reply.
    public init(ehloReply: SMTPReply) {
        serverName = String(ehloReply.lines[0].split(separator: " ").first ?? "")
        var keywords: [String: [String]] = [:]
        for line in ehloReply.lines.dropFirst() {
            var words = line.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst().uppercased()
            // Old servers write "AUTH=PLAIN LOGIN" (pre-RFC 4954 syntax).
            if keyword.hasPrefix("AUTH="), keyword.count > 5 {
                words.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            keywords[keyword, default: []].append(contentsOf: words)
        }
        self.keywords = keywords
    }

    /// Capabilities given directly (tests, or a HELO-only server).
    public init(serverName: String, keywords: [String: [String]]) {
        self.serverName = serverName
        self.keywords = Dictionary(keywords.map { ($0.key.uppercased(), $0.value) }, uniquingKeysWith: +)
    }

    /// Nothing offered: the server answered HELO only.
    public static let none = SMTPCapabilities(serverName: "", keywords: [:])

    /// Whether `keyword` (any case) was advertised.
    public func supports(_ keyword: String) -> Bool { keywords[keyword.uppercased()] != nil }

    /// `SIZE n` (RFC 1870): the largest message the server accepts, or `nil` when unknown or unlimited (`SIZE 0`).
    public var maximumMessageSize: Int? {
        guard let value = keywords["SIZE"]?.first, let size = Int(value), size > 0 else { return nil }
        return size
    }

    /// `8BITMIME` (RFC 6152): message bodies may contain octets above 127.
    public var supportsEightBitMIME: Bool { supports("8BITMIME") }
    /// `SMTPUTF8` (RFC 6531): UTF-8 addresses and headers.
    public var supportsSMTPUTF8: Bool { supports("SMTPUTF8") }
    /// `STARTTLS` (RFC 3207).
    public var supportsStartTLS: Bool { supports("STARTTLS") }
    /// `PIPELINING` (RFC 2920).
    public var supportsPipelining: Bool { supports("PIPELINING") }
    /// `CHUNKING` (RFC 3030, BDAT).
    public var supportsChunking: Bool { supports("CHUNKING") }
    /// `DSN` (RFC 3461).
    public var supportsDSN: Bool { supports("DSN") }
    /// `ENHANCEDSTATUSCODES` (RFC 2034).
    public var supportsEnhancedStatusCodes: Bool { supports("ENHANCEDSTATUSCODES") }

    /// `AUTH` mechanisms (RFC 4954), upper-cased, e.g. `["PLAIN", "LOGIN", "XOAUTH2"]`.
    public var authMechanisms: Set<String> { Set((keywords["AUTH"] ?? []).map { $0.uppercased() }) }
}
