import Foundation
import MailCore

extension OutlookProvider {
    /// Reads one message, in two to four requests:
    ///
    /// 1. `GET /me/messages/{id}` with `Prefer: outlook.body-content-type="text"`: headers, recipients and the
    ///    text body (Exchange converts HTML bodies to text itself).
    /// 2. Only with `include_html`: `GET /me/messages/{id}?$select=body` without `Prefer`, which returns the
    ///    body in its stored format; an HTML body is sanitized, a text body means "no HTML part" (`nil`), as
    ///    on the other backends. This is cheaper than `/$value`: MIME would carry every attachment too.
    /// 3. `GET /me/messages/{id}/attachments`: metadata via `$select` (no `contentBytes`); with
    ///    `include_attachments`, the full entities so file attachments arrive with their bytes in one call.
    ///    Item attachments are `message/rfc822` and reference attachments `text/uri-list`, both without data.
    /// 4. Only with `mark_as_read` and an unread message: `PATCH {"isRead": true}`. Plain reads change nothing.
    public func read(messageID: String, options: ReadOptions) async throws -> Message {
        let path = "/me/messages/\(GraphQuery.segment(messageID))"
        var query = GraphQuery()
        query.add("$select", GraphFields.full.joined(separator: ","))
        query.add("$expand", GraphFields.sizeExpansion)
        let graph = try await transport.json(GraphMessage.self, .GET, path, query: query,
                                             headers: [("Prefer", "outlook.body-content-type=\"text\"")])
        var html: String?
        if options.includeHTML {
            var bodyQuery = GraphQuery()
            bodyQuery.add("$select", "body")
            let native = try await transport.json(GraphMessage.self, .GET, path, query: bodyQuery)
            if native.body?.contentType?.lowercased() == "html", let content = native.body?.content {
                html = sanitizeHTML(content)
            }
        }
        let attachments = try await attachments(of: path, withData: options.includeAttachments)
        var message = try await message(from: graph, html: html, attachments: attachments)
        if options.markAsRead && message.summary.unread {
            _ = try await transport.call(.PATCH, path, body: Array(#"{"isRead":true}"#.utf8))
            message.summary.unread = false
        }
        return message
    }

    private func message(from graph: GraphMessage, html: String?, attachments: [Attachment]) async throws(MailError) -> Message {
        let folder = try await folders.displayName(ofID: graph.parentFolderId)
        let headers = graph.internetMessageHeaders ?? []
        let references = GraphConversions.messageIDs(GraphConversions.header("references", in: headers))
        return Message(
            summary: GraphConversions.summary(graph, folder: folder),
            replyTo: GraphConversions.addresses(graph.replyTo), bcc: GraphConversions.addresses(graph.bccRecipients),
            internetMessageID: graph.internetMessageId,
            inReplyTo: GraphConversions.messageIDs(GraphConversions.header("in-reply-to", in: headers)),
            references: references, textBody: graph.body?.content ?? "", htmlBody: html, attachments: attachments,
            headers: headers.filter { GraphConversions.shownHeaders.contains($0.name.lowercased()) }
                .map { Message.Header(name: $0.name, value: $0.value) }
        )
    }

    private func attachments(of path: String, withData: Bool) async throws(MailError) -> [Attachment] {
        var query = GraphQuery()
        if !withData { query.add("$select", GraphFields.attachmentMetadata.joined(separator: ",")) }
        let list = try await transport.json(GraphCollection<GraphAttachment>.self, .GET, "\(path)/attachments", query: query)
        return list.value.map { item in
            let type = (item.odataType ?? "").lowercased()
            var attachment = Attachment(
                attachmentID: item.id, filename: item.name ?? "", mimeType: item.contentType ?? "application/octet-stream",
                size: item.size ?? 0, contentID: item.contentId.map { $0.trimmingCharacters(in: ["<", ">"]) },
                inline: item.isInline ?? false
            )
            if type.hasSuffix("itemattachment") {
                attachment.mimeType = "message/rfc822"
            } else if type.hasSuffix("referenceattachment") {
                attachment.mimeType = "text/uri-list"
            } else if withData, let base64 = item.contentBytes, let data = Data(base64Encoded: base64) {
                attachment.data = Array(data)
                attachment.size = data.count
            }
            return attachment
        }
    }
}
