import Foundation
import MailCore
import MIME

/// Turns Gmail `Message` resources into `MessageSummary` values with the same fields as IMAP.
enum GmailSummaryMapper {
    /// Partial-response selector for summaries: Gmail's attributes, the headers, and the part tree's
    /// types, names and headers five levels deep — never body data — so `has_attachments` is decided
    /// by the same rules as `read_email` (`GmailAttachmentDetector`).
    static let summaryFields: String = {
        var parts = "parts(mimeType,filename,headers)"
        for _ in 0..<4 { parts = "parts(mimeType,filename,headers,\(parts))" }
        return "id,threadId,labelIds,snippet,sizeEstimate,internalDate,payload(mimeType,filename,headers,\(parts))"
    }()

    static func summary(_ m: GmailWire.Message, folder: String) -> MessageSummary {
        let headers = m.payload?.headers ?? []
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        let date = m.internalDate.flatMap(Int64.init).map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) }
        let snippet = HTMLEntities.decode(m.snippet ?? "")
        return MessageSummary(
            messageID: m.id, threadID: m.threadId,
            from: header("From").flatMap { AddressListParser.parse($0).first },
            to: header("To").map { AddressListParser.parse($0) } ?? [],
            cc: header("Cc").map { AddressListParser.parse($0) } ?? [],
            subject: EncodedWords.decode(header("Subject") ?? ""),
            date: date,
            snippet: String(snippet.prefix(MessageSummary.snippetLimit)),
            unread: (m.labelIds ?? []).contains("UNREAD"),
            hasAttachments: m.payload.map(GmailAttachmentDetector.hasAttachment) ?? false,
            size: m.sizeEstimate ?? 0,
            folder: folder
        )
    }

    /// The folder shown for a message found by search or read: the first well-known label it carries
    /// (INBOX, SENT, DRAFTS, TRASH, SPAM), else `nil` (then its first user label's name, else `ARCHIVE`,
    /// Gmail's "All Mail" without INBOX).
    static func wellKnownFolder(for labelIDs: [String]) -> String? {
        for (label, name) in [("INBOX", "INBOX"), ("SENT", "SENT"), ("DRAFT", "DRAFTS"), ("TRASH", "TRASH"), ("SPAM", "SPAM")]
        where labelIDs.contains(label) {
            return name
        }
        return nil
    }

    /// Folder name shown for messages that carry none of the well-known labels.
    static let archiveFolder = "ARCHIVE"
}

/// Decodes the HTML character references Gmail puts in snippets (`&#39;`, `&quot;`, `&amp;`, `&#x2014;`).
enum HTMLEntities {
    static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";"), let ch = character(for: after[..<semi]) else {
                out.append("&")
                rest = after
                continue
            }
            out.append(ch)
            rest = after[after.index(after: semi)...]
        }
        return out + rest
    }

    private static func character(for entity: Substring) -> Character? {
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            return UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        if entity.hasPrefix("#") {
            return UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return named[String(entity)]
    }
}
