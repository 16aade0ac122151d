import Foundation
import MailCore

extension OutlookProvider {
    /// Sends `message` and saves it to Sent Items.
    ///
    /// - A new message whose JSON fits Graph's 4 MB request limit: one `POST /me/sendMail`.
    /// - A reply (any size): `POST /me/messages/{original}/createReply`, which files the draft in the
    ///   original's conversation with In-Reply-To and References set by Exchange; `PATCH` it with our
    ///   recipients, subject and body; add attachments; `POST …/send`.
    /// - A larger new message: `POST /me/messages` (draft), attachments, `POST …/send`.
    ///
    /// Attachments on drafts under 3 MB are posted whole; larger ones go through `createUploadSession` and
    /// chunked `PUT`s (`GraphFields.uploadChunkSize`). Only a lost answer to the final submission is
    /// `.deliveryUnknown`; a failure before it deletes the draft (best effort).
    public func send(_ message: OutgoingMessage) async throws -> SendReceipt {
        try Self.rejectHeaderBreaks(message)
        if message.replyToMessageID == nil, let body = try Self.sendMailBody(message) {
            _ = try await transport.call(.POST, "/me/sendMail", body: body, delivery: .submitsMessage)
            return SendReceipt(threadID: message.threadID, internetMessageID: message.messageID)
        }
        let draft = try await createDraft(for: message)
        let draftPath = "/me/messages/\(GraphQuery.segment(draft.id))"
        do {
            for attachment in message.attachments {
                try await attach(attachment, to: draftPath)
            }
        } catch {
            _ = try? await transport.call(.DELETE, draftPath)
            throw error
        }
        _ = try await transport.call(.POST, "\(draftPath)/send", delivery: .submitsMessage)
        return SendReceipt(threadID: draft.conversationId ?? message.threadID, internetMessageID: draft.internetMessageId)
    }

    /// The sendMail JSON when it fits the request limit, else `nil`.
    private static func sendMailBody(_ message: OutgoingMessage) throws(MailError) -> [UInt8]? {
        let raw = message.attachments.reduce(0) { $0 + $1.data.count }
        let estimate = (raw + 2) / 3 * 4 + message.textBody.utf8.count + (message.htmlBody?.utf8.count ?? 0)
        guard estimate < GraphFields.maxRequestBytes else { return nil }
        var graph = GraphOutgoingMessage(message, includeMessageID: true)
        if !message.attachments.isEmpty { graph.attachments = message.attachments.map(GraphOutgoingFileAttachment.init) }
        let body = try GraphJSON.encode(GraphSendMailRequest(message: graph))
        return body.count <= GraphFields.maxRequestBytes ? body : nil
    }

    private func createDraft(for message: OutgoingMessage) async throws(MailError) -> GraphMessage {
        guard let original = message.replyToMessageID else {
            let body = try GraphJSON.encode(GraphOutgoingMessage(message, includeMessageID: true))
            return try await transport.json(GraphMessage.self, .POST, "/me/messages", body: body)
        }
        let draft = try await transport.json(GraphMessage.self, .POST, "/me/messages/\(GraphQuery.segment(original))/createReply")
        let patch = try GraphJSON.encode(GraphOutgoingMessage(message, includeMessageID: false))
        do throws(MailError) {
            _ = try await transport.call(.PATCH, "/me/messages/\(GraphQuery.segment(draft.id))", body: patch)
        } catch {
            _ = try? await transport.call(.DELETE, "/me/messages/\(GraphQuery.segment(draft.id))")
            throw error
        }
        return draft
    }

    private func attach(_ attachment: OutgoingAttachment, to draftPath: String) async throws(MailError) {
        guard attachment.data.count >= GraphFields.uploadSessionThreshold else {
            let body = try GraphJSON.encode(GraphOutgoingFileAttachment(attachment))
            _ = try await transport.call(.POST, "\(draftPath)/attachments", body: body)
            return
        }
        let request = GraphUploadSessionRequest(attachmentItem: .init(
            name: attachment.filename, size: attachment.data.count, contentType: attachment.mimeType))
        let session = try await transport.json(GraphUploadSession.self, .POST, "\(draftPath)/attachments/createUploadSession",
                                               body: try GraphJSON.encode(request))
        try await AttachmentUploader(transport: transport).upload(attachment.data, to: session.uploadUrl)
    }

    /// Addresses and display names must not carry CR or LF (header injection), whatever the caller checked.
    static func rejectHeaderBreaks(_ message: OutgoingMessage) throws(MailError) {
        let people = message.to + message.cc + message.bcc + (message.replyTo.map { [$0] } ?? [])
        for person in people {
            let text = person.address + (person.name ?? "")
            if text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
                throw MailError(.invalidRecipient, detail: "an address or display name contains CR or LF")
            }
        }
        guard !(message.to + message.cc + message.bcc).isEmpty else {
            throw MailError(.invalidRecipient, detail: "no recipients")
        }
    }
}
