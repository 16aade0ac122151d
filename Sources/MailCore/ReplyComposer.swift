import Foundation

/// Builds a reply from an original message, the same way for every backend.
///
/// - `Re:` prefix added once (no `Re: Re:` stacking; `RE:`, `Aw:`, `Sv:` and `Fwd`-style markers are
///   not touched except for the common reply prefixes in `replyPrefixes`).
/// - Recipient: the original's Reply-To, else its From. With reply-all, the original To and Cc are added,
///   minus the inbox's own addresses and without duplicates.
/// - Threading (RFC 5322 §3.6.4): `In-Reply-To` = original Message-ID; `References` = original References
///   (or its In-Reply-To when References is absent) followed by the original Message-ID.
public enum ReplyComposer {
    /// Reply prefixes recognised case-insensitively so a reply does not stack another `Re:`.
    public static let replyPrefixes = ["re:", "aw:", "sv:", "antw:", "odp:", "vs:", "ynt:"]

    /// The subject of a reply to `subject`.
    public static func replySubject(_ subject: String) -> String {
        let trimmed = subject.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if replyPrefixes.contains(where: { lower.hasPrefix($0) }) { return trimmed }
        return trimmed.isEmpty ? "Re:" : "Re: \(trimmed)"
    }

    /// The reply's To and Cc lists.
    public static func recipients(
        of original: Message, replyAll: Bool, ownAddresses: [EmailAddress]
    ) -> (to: [EmailAddress], cc: [EmailAddress]) {
        let own = Set(ownAddresses.map(\.normalizedAddress))
        var seen = own
        func keep(_ list: [EmailAddress]) -> [EmailAddress] {
            list.filter { seen.insert($0.normalizedAddress).inserted }
        }
        var primary = original.replyTo.isEmpty ? original.summary.from.map { [$0] } ?? [] : original.replyTo
        // Replying to a message we sent ourselves goes back to its recipients, as mail clients do.
        if primary.allSatisfy({ own.contains($0.normalizedAddress) }) && !original.summary.to.isEmpty {
            primary = original.summary.to
        }
        let to = keep(primary)
        guard replyAll else { return (to, []) }
        let extraTo = keep(original.summary.to)
        let cc = keep(original.summary.cc)
        return (to + extraTo, cc)
    }

    /// The threading headers for a reply to `original`.
    public static func threading(of original: Message) -> (inReplyTo: String?, references: [String]) {
        guard let id = original.internetMessageID else { return (nil, original.references) }
        var chain = original.references.isEmpty ? original.inReplyTo : original.references
        if chain.last != id { chain.append(id) }
        return (id, chain)
    }

    /// A complete reply, ready for `MailProvider.send`.
    public static func reply(
        to original: Message, from: EmailAddress, ownAddresses: [EmailAddress], replyAll: Bool,
        textBody: String, htmlBody: String?, attachments: [OutgoingAttachment]
    ) -> OutgoingMessage {
        let (to, cc) = recipients(of: original, replyAll: replyAll, ownAddresses: ownAddresses)
        let (inReplyTo, references) = threading(of: original)
        return OutgoingMessage(
            from: from, to: to, cc: cc, subject: replySubject(original.summary.subject),
            textBody: textBody, htmlBody: htmlBody, attachments: attachments,
            inReplyTo: inReplyTo, references: references, threadID: original.summary.threadID,
            replyToMessageID: original.summary.messageID
        )
    }
}
