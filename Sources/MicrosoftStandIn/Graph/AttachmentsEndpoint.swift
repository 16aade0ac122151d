import Foundation

/// `/me/messages/{id}/attachments`: list, get, raw content (`/$value`), add a file attachment (under 3 MB),
/// and `createUploadSession` for 3–150 MB files, whose `uploadUrl` accepts the chunks (see `uploadChunk`).
extension MicrosoftStore {
    static let minimumUploadSize = 3 * 1024 * 1024
    static let maximumUploadSize = 150 * 1024 * 1024
    /// Upload chunks other than the last must be multiples of 320 KiB.
    static let chunkGranularity = 320 * 1024

    func listAttachments(_ request: StandInHTTPRequest, messageID: String) -> StandInHTTPResponse {
        let query: ODataQuery
        do throws(ODataQuery.Invalid) {
            query = try ODataQuery(request.query, allowed: ["$select", "$top"], properties: ODataQuery.attachmentProperties)
        } catch { return .graphError(400, error.code, error.message) }
        guard let message = messages[messageID] else { return itemNotFound() }
        return .json(200, [
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/messages('\(messageID)')/attachments",
            "value": message.attachments.map { MessageJSON.attachment($0, select: query.select) },
        ])
    }

    func getAttachment(_ request: StandInHTTPRequest, messageID: String, attachmentID: String) -> StandInHTTPResponse {
        let query: ODataQuery
        do throws(ODataQuery.Invalid) {
            query = try ODataQuery(request.query, allowed: ["$select"], properties: ODataQuery.attachmentProperties.union(["contentBytes", "contentId"]))
        } catch { return .graphError(400, error.code, error.message) }
        guard let attachment = messages[messageID]?.attachments.first(where: { $0.id == attachmentID }) else { return itemNotFound() }
        return .json(200, MessageJSON.attachment(attachment, select: query.select))
    }

    /// Raw bytes of a file attachment, or the MIME of an item attachment.
    func attachmentValue(messageID: String, attachmentID: String) -> StandInHTTPResponse {
        guard let attachment = messages[messageID]?.attachments.first(where: { $0.id == attachmentID }) else { return itemNotFound() }
        guard attachment.kind != .reference else {
            return .graphError(400, "ErrorInvalidRequest", "The raw content of a reference attachment cannot be retrieved.")
        }
        let type = attachment.kind == .item ? "message/rfc822" : attachment.contentType
        return StandInHTTPResponse(status: 200, headers: [("Content-Type", type)], body: attachment.bytes)
    }

    func addAttachment(_ request: StandInHTTPRequest, messageID: String) -> StandInHTTPResponse {
        guard messages[messageID] != nil else { return itemNotFound() }
        guard let json = request.jsonObject, let attachment = Self.fileAttachment(json) else {
            return .graphError(400, "ErrorInvalidAttachment", "The attachment is not valid: a fileAttachment needs name and contentBytes.")
        }
        messages[messageID]?.attachments.append(attachment)
        return .json(201, MessageJSON.attachment(attachment, select: ["name", "contentType", "size", "isInline"]))
    }

    func createUploadSession(_ request: StandInHTTPRequest, messageID: String) -> StandInHTTPResponse {
        guard messages[messageID] != nil else { return itemNotFound() }
        guard let item = request.jsonObject?["AttachmentItem"] as? [String: Any], item["attachmentType"] as? String == "file",
              let name = item["name"] as? String, let size = item["size"] as? Int else {
            return .graphError(400, "ErrorInvalidParameter", "AttachmentItem needs attachmentType 'file', name and size.")
        }
        guard size >= Self.minimumUploadSize else {
            return .graphError(400, "ErrorAttachmentSizeShouldNotBeLessThanMinimumSize", "Attachment size must be at least 3 MB for an upload session.")
        }
        guard size <= Self.maximumUploadSize else {
            return .graphError(400, "ErrorAttachmentSizeLimitExceeded", "The attachment exceeds the maximum size of 150 MB.")
        }
        let sessionID = StandInID.make(prefix: "AAMkSess")
        let expires = Date().addingTimeInterval(3600)
        uploads[sessionID] = UploadState(
            messageID: messageID, name: name, contentType: item["contentType"] as? String ?? "application/octet-stream",
            isInline: item["isInline"] as? Bool ?? false, contentID: item["contentId"] as? String, total: size,
            received: [], expires: expires, authToken: StandInID.make(prefix: "eyJ0eXAi")
        )
        let token = uploads[sessionID]?.authToken ?? ""
        return .json(201, [
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.uploadSession",
            "uploadUrl": "http://\(request.headers["host"] ?? "127.0.0.1")/api/upload/\(sessionID)?authtoken=\(token)",
            "expirationDateTime": GraphDate.string(expires), "nextExpectedRanges": ["0-"],
        ])
    }
}
