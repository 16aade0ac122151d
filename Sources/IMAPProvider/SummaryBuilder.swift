import Foundation
import IMAP
import MIME
import MailCore

/// Turns one `UID FETCH` answer into a `MessageSummary` (RFC 3501 §7.4.2 data items).
///
/// Addresses and subject come from `ENVELOPE` (encoded words decoded), the date from `INTERNALDATE`
/// (arrival, the list order) falling back to the envelope's `Date`, `unread` from `FLAGS` (no `\Seen`),
/// `has_attachments` and the snippet part from `BODYSTRUCTURE`, and `thread_id` from
/// `BODY[HEADER.FIELDS (REFERENCES IN-REPLY-TO)]` plus the envelope's Message-ID.
struct SummaryBuilder: Sendable {
    /// The mailbox the messages are in, its UIDVALIDITY, and the folder name shown to agents.
    let mailbox: MailboxName
    let uidValidity: UIDValidity
    let folderName: String

    /// The header fields fetched for threading.
    static let threadingFields = ["REFERENCES", "IN-REPLY-TO"]
    static let threadingSection = SectionSpecifier(kind: .headerFields(threadingFields))
    /// How many octets of the body part are fetched for a snippet.
    static let snippetOctets: UInt32 = 2048

    /// The data items of the summary FETCH (one round trip, plus `BODY.PEEK[1]<0.2048>` for the snippet
    /// of the common shapes: single-part messages and `multipart/*` whose first part is the text).
    static let summaryAttributes: [FetchAttribute] = [
        .uid, .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure,
        .body(section: threadingSection, peek: true),
        .body(section: SectionSpecifier(part: [1]), peek: true, partial: 0...(snippetOctets - 1)),
    ]

    /// The summary, or `nil` when the server sent no UID.
    func summary(_ fetch: FetchResponse, snippet: String) -> MessageSummary? {
        guard let uid = fetch.uid else { return nil }
        let envelope = fetch.envelope ?? Envelope()
        let threading = fetch.section(Self.threadingSection).flatMap(\.data).map { ParsedMessage.parse(Array($0.readableBytesView)) }
        let envelopeInReplyTo = envelope.inReplyTo.map(MessageIDList.parse) ?? []
        let threadID = ThreadIdentifier.make(
            references: threading?.references ?? [],
            inReplyTo: threading.map(\.inReplyTo).flatMap { $0.isEmpty ? nil : $0 } ?? envelopeInReplyTo,
            messageID: envelope.messageID)
        let outline = fetch.bodyStructure.map(BodyStructureOutline.init)
        return MessageSummary(
            messageID: MessageLocator(mailbox: mailbox, uidValidity: uidValidity, uid: uid).id,
            threadID: threadID,
            from: envelope.from.mailboxes.first.flatMap(Self.address),
            to: envelope.to.mailboxes.compactMap(Self.address),
            cc: envelope.cc.mailboxes.compactMap(Self.address),
            subject: envelope.subject.map { EncodedWords.decode($0) } ?? "",
            date: fetch.internalDate.map(Self.date) ?? envelope.date.flatMap(RFC5322Date.parse),
            snippet: snippet,
            unread: !(fetch.flags ?? []).contains(.seen),
            hasAttachments: outline?.hasAttachments ?? false,
            size: Int(clamping: fetch.rfc822Size ?? 0),
            folder: folderName)
    }

    /// An envelope address with its display name decoded (RFC 2047).
    static func address(_ address: EnvelopeAddress) -> EmailAddress? {
        guard let text = address.address, !text.isEmpty else { return nil }
        let name = address.name.map { EncodedWords.decode($0) }.flatMap { $0.isEmpty ? nil : $0 }
        return EmailAddress(name: name, address: text)
    }

    static func date(_ arrival: InternalDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(arrival.secondsSince1970))
    }

    // MARK: Snippets

    /// Characters of decoded text handed to `Snippet.make` (which needs only ~200 after dropping quoted
    /// lines); bounding it keeps a page of 20 summaries cheap.
    static let snippetSourceCharacters = 500

    /// The snippet from the fetched start of `part`: transfer encoding and charset decoded, HTML turned
    /// into text, whitespace collapsed, at most `MessageSummary.snippetLimit` characters.
    ///
    /// Format=flowed needs no treatment here: the snippet collapses all whitespace. CR octets are dropped
    /// (text charsets in mail are ASCII-compatible for CR and LF) so quoted lines are seen as lines.
    static func snippet(from data: [UInt8], part: BodyStructureOutline.TextPart) -> String {
        var bytes = data[...]
        if bytes.count >= Int(snippetOctets), let lastLF = bytes.lastIndex(of: 0x0A), lastLF > bytes.count / 2 {
            bytes = bytes[..<lastLF]   // a cut mid-line could split a base64 quad, a =XX or a multi-byte character
        }
        let charset = part.part.fields.parameters.first { $0.name == "charset" }?.value
        var octets = TransferEncoding.decodeBytes(bytes, transferEncoding: part.part.fields.encoding)
        octets.removeAll { $0 == 0x0D }   // CRLF → LF (Swift treats "\r\n" as one character, hiding line starts)
        var text = Charsets.decode(octets, charset: charset)
        if part.isHTML { text = HTMLToText.convert(text) }
        while text.hasSuffix("\u{FFFD}") { text.removeLast() }
        return Snippet.make(from: String(text.prefix(snippetSourceCharacters)))
    }

    /// The snippet part of `fetch` and whether the summary FETCH already brought its bytes.
    static func snippetPart(of fetch: FetchResponse) -> BodyStructureOutline.TextPart? {
        fetch.bodyStructure.map(BodyStructureOutline.init)?.snippetPart
    }

    /// Snippet bytes for `section` in `fetch`, if the server sent them.
    static func snippetBytes(_ fetch: FetchResponse, section: [Int]) -> [UInt8]? {
        let wanted = SectionSpecifier(part: section)
        return fetch.sections.first { $0.section == wanted && !$0.isBinary }?.data.map { Array($0.readableBytesView) }
    }
}
