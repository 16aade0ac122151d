import Foundation
import IMAP
import MIME
import MailCore

extension IMAPMailProvider {
    /// `read_email`: one `UID FETCH uid (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])`, parsed by the MIME
    /// engine. Text is derived from HTML when the message has only HTML; HTML is sanitized when asked;
    /// attachment metadata is always returned and data only when asked.
    ///
    /// Reading never changes flags; with `markAsRead`, `UID STORE uid +FLAGS.SILENT (\Seen)` follows.
    /// A malformed id, a different UIDVALIDITY or a vanished UID is `MailError(.messageNotFound)`.
    public func read(messageID: String, options: ReadOptions) async throws -> Message {
        guard let locator = MessageLocator(id: messageID) else { throw MailError.messageNotFound }
        return try await withConnection(idempotent: true, preferring: locator.mailbox) { connection in
            let selected = try await select(locator.mailbox, on: connection, missing: .messageNotFound)
            guard selected.uidValidity == locator.uidValidity else { throw MailError.messageNotFound }
            guard var fetch = try await Self.fetchWhole(locator.uid, on: connection),
                  let raw = fetch.section(.complete)?.data else { throw MailError.messageNotFound }
            let bytes = Array(raw.readableBytesView)
            let size = Int(clamping: fetch.rfc822Size ?? UInt64(bytes.count))
            fetch.sections = []   // the parse keeps one copy of a large message, not two
            let parsed = ParsedMessage.parse(bytes)
            var seen = (fetch.flags ?? []).contains(.seen)
            if options.markAsRead && !seen {
                try await connection.uidStore([locator.uid], .add, flags: [.seen], silent: true)
                seen = true
            }
            let directory = try await folders.directory(using: connection)
            var summary = parsed.makeSummary(
                messageID: messageID,
                threadID: ThreadIdentifier.make(references: parsed.references, inReplyTo: parsed.inReplyTo,
                                                messageID: parsed.messageID),
                unread: !seen, size: size,
                folder: directory.displayName(of: selected.name))
            if let arrival = fetch.internalDate { summary.date = SummaryBuilder.date(arrival) }
            return parsed.toMailCoreMessage(summary: summary, includeHTML: options.includeHTML,
                                            includeAttachmentData: options.includeAttachments)
        }
    }

    /// `UID FETCH uid (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])`. A UID the session has not seen yet
    /// (delivered or appended since the mailbox was selected) is found after one `NOOP`.
    static func fetchWhole(_ uid: UID, on connection: IMAPConnection) async throws -> FetchResponse? {
        let attributes: [FetchAttribute] = [.uid, .flags, .internalDate, .rfc822Size, .body(section: .complete, peek: true)]
        if let fetch = try await connection.uidFetch([uid], attributes: attributes).first(where: { $0.uid == uid }) {
            return fetch
        }
        try await connection.noop()
        return try await connection.uidFetch([uid], attributes: attributes).first { $0.uid == uid }
    }
}
