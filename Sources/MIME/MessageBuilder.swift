import Foundation
import MailCore

/// A message ready to submit: its octets and the Message-ID written into it.
public struct BuiltMessage: Sendable {
    /// The whole message, CRLF line endings, every line ≤ 998 octets.
    public var bytes: [UInt8]
    /// The `Message-ID` header value, with angle brackets.
    public var messageID: String
}

/// Writes an `OutgoingMessage` as an RFC 5322 / MIME message.
///
/// - Headers: `Date`, `From`, `Reply-To`, `To` (or `undisclosed-recipients:;`), `Cc`, `Subject`,
///   `Message-ID`, `In-Reply-To`, `References`, `MIME-Version`. **`Bcc` is never written.**
///   Non-ASCII subjects and display names become RFC 2047 encoded words (≤ 75 characters each,
///   folded); any header value with CR, LF or NUL is refused with `MIMEBuildError.Code.headerInjection`.
/// - Structure: `text/plain`; with HTML `multipart/alternative`; with attachments `multipart/mixed`
///   around that. Text is UTF-8, `7bit` when it is ASCII with short lines, `8bit` when allowed and
///   possible, else quoted-printable. Attachments are base64 at 76 columns, written straight into the
///   output buffer, which is sized once (a 10 MB attachment is not copied through strings).
/// - Filenames use RFC 2231 parameters when non-ASCII or long.
public struct MessageBuilder {
    /// The message's octets. See `assemble(_:options:)` to also get the generated Message-ID.
    public static func build(_ message: OutgoingMessage, options: BuildOptions = .init()) throws(MIMEBuildError) -> [UInt8] {
        try assemble(message, options: options).bytes
    }

    /// The message's octets and its Message-ID.
    public static func assemble(_ message: OutgoingMessage, options: BuildOptions = .init()) throws(MIMEBuildError) -> BuiltMessage {
        try OutgoingValidator.validate(message)
        let encoder = AddressEncoder(smtputf8: options.smtputf8)
        let domain = options.messageIDDomain ?? message.from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = message.messageID ?? Self.messageID(domain: (try? encoder.encode(domain: domain)) ?? "localhost")
        var header = HeaderWriter()
        header.field("Date", RFC5322Date.format(message.date ?? options.date ?? Date()))
        header.field("From", try encoder.mailbox(message.from, field: "From"))
        if let replyTo = message.replyTo { header.field("Reply-To", try encoder.mailbox(replyTo, field: "Reply-To")) }
        if message.to.isEmpty && message.cc.isEmpty {
            header.field("To", "undisclosed-recipients:;")
        } else if !message.to.isEmpty {
            header.field("To", try encoder.list(message.to, field: "To"))
        }
        if !message.cc.isEmpty { header.field("Cc", try encoder.list(message.cc, field: "Cc")) }
        header.field("Subject", HeaderWriter.unstructured(message.subject, nameLength: "Subject".utf8.count))
        header.field("Message-ID", messageID)
        if let inReplyTo = message.inReplyTo { header.field("In-Reply-To", inReplyTo) }
        if !message.references.isEmpty { header.field("References", message.references.joined(separator: " ")) }
        header.field("MIME-Version", "1.0")
        var body = BodyWriter(message: message, options: options)
        body.output.reserveCapacity(header.bytes.count + body.estimatedSize)
        body.output += header.bytes
        body.writeRoot()
        return BuiltMessage(bytes: body.output, messageID: messageID)
    }

    /// A new globally unique `<random.time@domain>` Message-ID (RFC 5322 §3.6.4).
    public static func messageID(domain: String) -> String {
        let millis = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        let cleanDomain = domain.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0 != ">" && $0 != "<" && $0 != "@" }
            && !domain.isEmpty ? domain : "localhost"
        return "<\(RandomToken.make(length: 24)).\(String(millis, radix: 36))@\(cleanDomain)>"
    }
}

/// Refuses header injection and malformed ids before anything is written.
enum OutgoingValidator {
    static func validate(_ message: OutgoingMessage) throws(MIMEBuildError) {
        try clean(message.subject, "Subject")
        for (field, list) in [("From", [message.from]), ("To", message.to), ("Cc", message.cc),
                              ("Reply-To", message.replyTo.map { [$0] } ?? [])] {
            for address in list {
                try clean(address.address, field)
                try clean(address.name ?? "", field)
            }
        }
        if let id = message.messageID { try messageID(id, "Message-ID") }
        if let id = message.inReplyTo { try messageID(id, "In-Reply-To") }
        for id in message.references { try messageID(id, "References") }
        for (index, attachment) in message.attachments.enumerated() {
            try clean(attachment.filename, "attachment \(index + 1) filename")
            try clean(attachment.mimeType, "attachment \(index + 1) mime type")
            let pieces = attachment.mimeType.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count == 2, attachment.mimeType.utf8.count <= 255,
                  pieces.allSatisfy({ HeaderWriter.isToken(String($0)) }) else {
                throw MIMEBuildError(.invalidMediaType, field: "attachment \(index + 1) mime type")
            }
        }
    }

    static func clean(_ value: String, _ field: String) throws(MIMEBuildError) {
        if value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
            throw MIMEBuildError(.headerInjection, field: field)
        }
    }

    /// `<left@right>`: printable ASCII, no spaces, no brackets inside, ≤ 900 octets.
    static func messageID(_ id: String, _ field: String) throws(MIMEBuildError) {
        try clean(id, field)
        let inner = id.utf8.dropFirst().dropLast()
        guard id.utf8.count <= 900, id.hasPrefix("<"), id.hasSuffix(">"), inner.contains(UInt8(ascii: "@")),
              inner.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else {
            throw MIMEBuildError(.invalidMessageID, field: field)
        }
    }
}

/// Writes addresses, converting non-ASCII domains to IDNA unless SMTPUTF8 is allowed.
struct AddressEncoder {
    var smtputf8: Bool

    func encode(domain: String) throws(MIMEBuildError) -> String {
        if smtputf8 || domain.unicodeScalars.allSatisfy(\.isASCII) { return domain }
        guard let ascii = IDNA.toASCII(domain) else { throw MIMEBuildError(.invalidAddress, field: "domain") }
        return ascii
    }

    func address(_ address: EmailAddress, field: String) throws(MIMEBuildError) -> String {
        guard AddressValidator.isValid(address.address), let at = address.address.lastIndex(of: "@") else {
            throw MIMEBuildError(.invalidAddress, field: field)
        }
        let local = String(address.address[..<at])
        let domain = String(address.address[address.address.index(after: at)...])
        if !smtputf8 && !local.unicodeScalars.allSatisfy(\.isASCII) { throw MIMEBuildError(.nonASCIIAddress, field: field) }
        return local + "@" + (try encode(domain: domain))
    }

    func mailbox(_ mailbox: EmailAddress, field: String) throws(MIMEBuildError) -> String {
        HeaderWriter.mailbox(mailbox, encodedAddress: try address(mailbox, field: field))
    }

    func list(_ mailboxes: [EmailAddress], field: String) throws(MIMEBuildError) -> String {
        var written: [String] = []
        for mailbox in mailboxes { written.append(try self.mailbox(mailbox, field: field)) }
        return written.joined(separator: ", ")
    }
}
