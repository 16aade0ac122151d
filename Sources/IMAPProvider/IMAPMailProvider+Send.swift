import IMAP
import MIME
import MailCore
import SMTP

extension IMAPMailProvider {
    /// `send_email` / `reply_to_email`: built once by `MessageBuilder`, submitted over an authenticated SMTP
    /// session of the inbox's ``SMTPSessionPool`` (RFC 6409), then appended to Sent with `\Seen`.
    ///
    /// - Sessions are reused: a send costs `RSET`, `MAIL`, `RCPT`, `DATA` instead of a new connection with
    ///   EHLO, STARTTLS and AUTH. An idle session that does not answer `RSET` is replaced before anything
    ///   is sent; a session whose send failed in any way is closed, never reused. Concurrent sends each
    ///   have a session of their own.
    /// - Envelope recipients are To + Cc + Bcc; Bcc never appears in the headers (the builder omits it).
    /// - 8BITMIME and SMTPUTF8 are used when the server offers them.
    /// - A refused recipient is `MailError(.invalidRecipient)` (detail: index and the server's codes); a
    ///   message over the server's SIZE is `.messageTooLarge`; an answer lost after the final dot is
    ///   `.deliveryUnknown` and nothing is resent.
    /// - The message is built once, into one buffer of its final size; SMTP DATA streams it in 64 KiB
    ///   chunks, then the same bytes are the APPEND literal of the Sent copy (unless
    ///   ``IMAPAccountSettings/savesSentCopy`` is false), also written in 64 KiB slices: no second copy of
    ///   the message exists at any time. Failing to append is logged and does not fail the send. The
    ///   receipt's `providerMessageID` is the copy's id when the server reports `APPENDUID` (RFC 4315).
    public func send(_ message: OutgoingMessage) async throws -> SendReceipt {
        let built: BuiltMessage
        do {
            built = try await smtpSessions.withSession { smtp in
                let options = BuildOptions(allow8bit: smtp.capabilities.supportsEightBitMIME,
                                           smtputf8: smtp.capabilities.supportsSMTPUTF8)
                let built = try MessageBuilder.assemble(message, options: options)
                _ = try await smtp.send(from: message.from.address, recipients: message.allRecipients.map(\.address),
                                        message: built.bytes)
                return built
            }
        } catch {
            let mapped = ErrorMapping.mailError(error, during: .send)
            logger.info("SMTP send failed", metadata: ["error": "\(error)"])
            throw mapped
        }
        let threadID = ThreadIdentifier.make(references: message.references, inReplyTo: message.inReplyTo.map { [$0] } ?? [],
                                             messageID: built.messageID)
        let copyID = settings.savesSentCopy ? await appendSentCopy(built.bytes) : nil
        return SendReceipt(providerMessageID: copyID, threadID: threadID, internetMessageID: built.messageID)
    }

    /// Appends `bytes` to the Sent folder with `\Seen`; returns the copy's message id when the server
    /// reports APPENDUID. Never throws: a failure is logged and the send still succeeds.
    ///
    /// The literal is written from `bytes` in 64 KiB slices (``LiteralBytes``): a 10 MB attachment is about
    /// 14 MB built, and no second copy of it is made, neither for the command nor by TLS.
    func appendSentCopy(_ bytes: [UInt8]) async -> String? {
        let message = LiteralBytes(bytes)
        do {
            return try await withConnection(idempotent: false) { connection in
                let directory = try await folders.directory(using: connection)
                guard let sent = directory.mailbox(for: .sent) else {
                    logger.notice("no Sent folder found; the sent message was not copied")
                    return nil
                }
                let result = try await connection.execute(
                    .append(mailbox: sent.name, flags: [.seen], date: nil, message: message))
                guard result.tagged.status == .ok else { throw IMAPError.rejected("APPEND", result.tagged) }
                guard case .appendUID(let validity, let uids)? = result.tagged.text.code,
                      let uid = uids.ranges.last?.upperBound else { return nil }
                return MessageLocator(mailbox: sent.name, uidValidity: validity, uid: uid).id
            }
        } catch {
            logger.warning("appending the sent message to Sent failed; the message was sent",
                           metadata: ["error": "\(error)"])
            return nil
        }
    }
}
