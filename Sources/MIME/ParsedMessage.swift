import Foundation
import MailCore

/// A received message, parsed best-effort into what an agent reads: addresses, subject, dates,
/// threading ids, text and HTML bodies, and attachments (RFC 5322, RFC 2045–2049, RFC 2047, RFC 2231).
///
/// `parse` never throws: garbage gives an empty-ish message, never a crash or a hang, and work is
/// bounded by `MIMELimits`. Layers: header and multipart framing (`HeaderParser`, `MultipartFramer`,
/// `EntityParser`) → entity decoding (`TransferEncoding`, `Charsets`) → this view.
public struct ParsedMessage: Sendable {
    /// The root entity with the whole part tree.
    public var root: MIMEEntity
    /// The first `From` mailbox (falls back to `Sender`).
    public var from: EmailAddress?
    /// The `Sender` mailbox.
    public var sender: EmailAddress?
    /// `To` mailboxes from every `To` field, groups flattened.
    public var to: [EmailAddress]
    /// `Cc` mailboxes from every `Cc` field.
    public var cc: [EmailAddress]
    /// `Bcc` as found in the message (usually only in a sender's own copy).
    public var bcc: [EmailAddress]
    /// `Reply-To` mailboxes.
    public var replyTo: [EmailAddress]
    /// Decoded, unfolded subject; "" when absent.
    public var subject: String
    /// The `Date` header (RFC 5322 §3.3), `nil` when absent or unreadable.
    public var date: Date?
    /// `Message-ID` with angle brackets.
    public var messageID: String?
    /// `In-Reply-To` ids with angle brackets.
    public var inReplyTo: [String]
    /// `References` ids with angle brackets, oldest first.
    public var references: [String]
    /// Plain-text body; derived from the HTML when there is no text part. Line endings are `\n`;
    /// trailing whitespace and blank lines are removed (a body always ends in a line break on the wire).
    public var textBody: String
    /// The HTML body decoded to a String, raw and unsanitized (see `HTMLSanitizer`).
    public var htmlBody: String?
    /// Every part that is not the text or HTML body, in message order (inline resources included).
    public var attachments: [ParsedAttachment]

    /// The root entity's header fields, in order.
    public var headers: MessageHeaders { root.headers }

    /// The first header field called `name` (case-insensitive).
    public func header(named name: String) -> HeaderField? { root.headers.header(named: name) }

    /// Every header field called `name` (case-insensitive).
    public func headers(named name: String) -> [HeaderField] { root.headers.headers(named: name) }

    /// Parses a message. Accepts CRLF or bare LF line endings.
    public static func parse(_ bytes: [UInt8], limits: MIMELimits = .default) -> ParsedMessage {
        var parser = EntityParser(limits: limits)
        let root = parser.parseMessage(bytes[...], base: "", depth: 0)
        return ParsedMessage(root: root, limits: limits)
    }

    /// The view of an already-parsed entity tree (used for embedded `message/rfc822` parts too).
    public init(root: MIMEEntity, limits: MIMELimits = .default) {
        self.root = root
        let headers = root.headers
        func addresses(_ name: String) -> [EmailAddress] {
            headers.headers(named: name).flatMap { AddressListParser.parse($0.rawValue, limit: limits.maximumAddressCount) }
                .prefix(limits.maximumAddressCount).map { $0 }
        }
        from = addresses("From").first
        sender = addresses("Sender").first
        if from == nil { from = sender }
        to = addresses("To")
        cc = addresses("Cc")
        bcc = addresses("Bcc")
        replyTo = addresses("Reply-To")
        subject = headers.header(named: "Subject").map { Self.cleanSubject(EncodedWords.decode($0.rawValue, limit: limits.maximumEncodedWords)) } ?? ""
        date = headers["Date"].flatMap(RFC5322Date.parse)
        messageID = MessageIDList.first(headers["Message-ID"])
        inReplyTo = headers["In-Reply-To"].map(MessageIDList.parse) ?? []
        references = headers["References"].map(MessageIDList.parse) ?? []
        var collector = BodyCollector()
        collector.visit(root)
        attachments = collector.attachments
        htmlBody = collector.htmlParts.isEmpty ? nil : collector.htmlParts.joined(separator: "\n")
        textBody = Self.trimmingTrailingWhitespace(Self.textBody(collector, html: htmlBody, limits: limits))
    }

    /// The text parts, else text derived from the HTML, else the first embedded message's text.
    private static func textBody(_ collector: BodyCollector, html: String?, limits: MIMELimits) -> String {
        let text = collector.textParts.joined(separator: "\n")
        if !text.allSatisfy(\.isWhitespace) { return text }
        if let html {
            let derived = HTMLToText.convert(html)
            if !derived.isEmpty { return derived }
        }
        if let embedded = collector.embeddedMessages.first {
            let inner = ParsedMessage(root: embedded, limits: limits).textBody
            if !inner.isEmpty { return inner }
        }
        return text
    }

    private static func trimmingTrailingWhitespace(_ text: String) -> String {
        guard let last = text.unicodeScalars.last, last.properties.isWhitespace else { return text }
        var scalars = text.unicodeScalars
        while let tail = scalars.last, tail.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// Control characters (tabs and line breaks included) become spaces.
    private static func cleanSubject(_ subject: String) -> String {
        guard subject.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            return subject.trimmingASCIIWhitespace()
        }
        let scalars = subject.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }
        return String(String.UnicodeScalarView(scalars)).trimmingASCIIWhitespace()
    }
}
