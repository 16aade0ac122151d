import Foundation
import MailCore

/// A `microsoft.graph.message` as we write it (sendMail, new drafts, PATCH of reply drafts).
/// Graph sends from the signed-in mailbox, so no `from` is written.
struct GraphOutgoingMessage: Encodable {
    var subject: String?
    var body: GraphItemBody?
    var toRecipients: [GraphRecipient]?
    var ccRecipients: [GraphRecipient]?
    var bccRecipients: [GraphRecipient]?
    var replyTo: [GraphRecipient]?
    var internetMessageId: String?
    var attachments: [GraphOutgoingFileAttachment]?

    /// The headers, recipients and body of `message`; Graph JSON has one body, so HTML wins when given
    /// (Exchange derives the text alternative).
    init(_ message: OutgoingMessage, includeMessageID: Bool) {
        subject = message.subject
        if let html = message.htmlBody {
            body = GraphItemBody(contentType: "html", content: html)
        } else {
            body = GraphItemBody(contentType: "text", content: message.textBody)
        }
        func recipients(_ list: [EmailAddress]) -> [GraphRecipient] {
            list.map { GraphRecipient(emailAddress: GraphEmailAddress(name: $0.name, address: $0.address)) }
        }
        toRecipients = recipients(message.to)
        ccRecipients = recipients(message.cc)
        bccRecipients = recipients(message.bcc)
        replyTo = recipients(message.replyTo.map { [$0] } ?? [])
        internetMessageId = includeMessageID ? message.messageID : nil
    }
}

/// `#microsoft.graph.fileAttachment` with its bytes in base64.
struct GraphOutgoingFileAttachment: Encodable {
    var odataType = "#microsoft.graph.fileAttachment"
    var name: String
    var contentType: String
    var contentBytes: String

    enum CodingKeys: String, CodingKey {
        case odataType = "@odata.type"
        case name, contentType, contentBytes
    }

    init(_ attachment: OutgoingAttachment) {
        name = attachment.filename
        contentType = attachment.mimeType
        contentBytes = Data(attachment.data).base64EncodedString()
    }
}

/// The body of `POST /me/sendMail`.
struct GraphSendMailRequest: Encodable {
    var message: GraphOutgoingMessage
    var saveToSentItems = true
}

/// The body of `POST …/attachments/createUploadSession`.
struct GraphUploadSessionRequest: Encodable {
    struct Item: Encodable {
        var attachmentType = "file"
        var name: String
        var size: Int
        var contentType: String
    }

    var attachmentItem: Item

    enum CodingKeys: String, CodingKey {
        case attachmentItem = "AttachmentItem"
    }
}

enum GraphJSON {
    static func encode<T: Encodable>(_ value: T) throws(MailError) -> [UInt8] {
        do { return Array(try JSONEncoder().encode(value)) } catch {
            throw MailError(.providerError, detail: "could not encode the Graph request")
        }
    }
}
