import Foundation

/// Sending: `POST /me/sendMail` (JSON), drafts (`POST /me/messages`), `createReply` / `createReplyAll`
/// (draft in the original's conversation with In-Reply-To and References) and `POST /me/messages/{id}/send`.
/// Sent messages are saved to Sent Items with a new id, as Exchange does when it moves the draft.
extension MicrosoftStore {
    func sendMail(_ request: StandInHTTPRequest) -> StandInHTTPResponse {
        guard let body = request.jsonObject, let json = body["message"] as? [String: Any] else {
            return .graphError(400, "ErrorInvalidParameter", "The value of the parameter 'Message' is empty.")
        }
        var message = StandInMessage(subject: "", body: "", from: sender)
        if let failure = fill(&message, from: json) { return failure }
        guard !(message.to + message.cc + message.bcc).isEmpty else {
            return .graphError(400, "ErrorInvalidRecipients", "At least one recipient isn't valid.")
        }
        let save = (body["saveToSentItems"] as? Bool) ?? ((body["saveToSentItems"] as? String).map { $0 != "false" } ?? true)
        if save { file(message, asSentFrom: nil) }
        return StandInHTTPResponse(status: 202)
    }

    func createDraft(_ request: StandInHTTPRequest) -> StandInHTTPResponse {
        guard let json = request.jsonObject else { return .graphError(400, "RequestBodyRead", "Invalid JSON body.") }
        var message = StandInMessage(subject: "", body: "", from: sender, isRead: true, isDraft: true)
        if let failure = fill(&message, from: json) { return failure }
        message.folderID = resolveFolder("drafts")?.id ?? "drafts"
        messages[message.id] = message
        return .json(201, MessageJSON.message(message, select: nil, bodyType: nil, expandSize: false))
    }

    func createReply(_ request: StandInHTTPRequest, id: String, all: Bool) -> StandInHTTPResponse {
        guard let original = messages[id] else { return itemNotFound() }
        let own = configuration.senderAddress.lowercased()
        var to = original.replyTo.isEmpty ? (original.from.map { [$0] } ?? []) : original.replyTo
        var cc: [StandInRecipient] = []
        if all {
            to += original.to.filter { $0.address.lowercased() != own }
            cc = original.cc.filter { $0.address.lowercased() != own }
        }
        var references = original.header("References")?.split(separator: " ").map(String.init)
            ?? original.header("In-Reply-To").map { [$0] } ?? []
        references.append(original.internetMessageID)
        let quoted = "<html><body><div></div><hr><div><b>From:</b> \(original.from?.address ?? "")<br><b>Subject:</b> \(original.subject)</div>\(BodyText.html(fromText: BodyText.text(of: original)))</body></html>"
        var draft = StandInMessage(
            folderID: resolveFolder("drafts")?.id ?? "drafts", conversationID: original.conversationID,
            subject: "RE: " + original.subject, bodyType: "html", body: quoted, from: sender, to: to, cc: cc,
            isRead: true, isDraft: true,
            headers: [StandInHeader(name: "In-Reply-To", value: original.internetMessageID),
                      StandInHeader(name: "References", value: references.joined(separator: " "))]
        )
        if let body = request.jsonObject, let json = body["message"] as? [String: Any] {
            if json["body"] != nil, let comment = body["comment"] as? String, !comment.isEmpty {
                return .graphError(400, "ErrorInvalidArgument", "Specify either a comment or the body of the message, not both.")
            }
            if let failure = fill(&draft, from: json) { return failure }
        }
        messages[draft.id] = draft
        return .json(201, MessageJSON.message(draft, select: nil, bodyType: nil, expandSize: false))
    }

    func sendDraft(id: String) -> StandInHTTPResponse {
        guard let draft = messages[id] else { return itemNotFound() }
        guard draft.isDraft else {
            return .graphError(400, "ErrorInvalidOperation", "Only draft messages can be sent.")
        }
        guard !(draft.to + draft.cc + draft.bcc).isEmpty else {
            return .graphError(400, "ErrorInvalidRecipients", "At least one recipient isn't valid.")
        }
        messages.removeValue(forKey: id)
        file(draft, asSentFrom: id)
        return StandInHTTPResponse(status: 202)
    }

    var sender: StandInRecipient { StandInRecipient(name: configuration.userDisplayName, address: configuration.senderAddress) }

    /// Saves a sent copy in Sent Items with a fresh id.
    private func file(_ message: StandInMessage, asSentFrom draftID: String?) {
        var sent = message
        sent.id = StandInID.make(prefix: "AAMkAGI2")
        sent.folderID = resolveFolder("sentitems")?.id ?? "sentitems"
        sent.isDraft = false
        sent.isRead = true
        sent.sent = Date()
        sent.received = sent.sent
        messages[sent.id] = sent
    }

    /// Copies JSON message properties (recipients, body, headers, attachments); an error response on bad input.
    private func fill(_ message: inout StandInMessage, from json: [String: Any]) -> StandInHTTPResponse? {
        guard Self.apply(json, to: &message) else {
            return .graphError(400, "ErrorInvalidRecipients", "At least one recipient isn't valid.")
        }
        if let headers = json["internetMessageHeaders"] as? [[String: Any]] {
            for header in headers {
                guard let name = header["name"] as? String, let value = header["value"] as? String,
                      name.lowercased().hasPrefix("x-") else {
                    return .graphError(400, "InvalidInternetMessageHeader", "The internet message header name should start with 'x-' or 'X-'.")
                }
                message.headers.append(StandInHeader(name: name, value: value))
            }
        }
        for raw in json["attachments"] as? [[String: Any]] ?? [] {
            guard let attachment = Self.fileAttachment(raw) else {
                return .graphError(400, "ErrorInvalidAttachment", "The attachment is not valid: a fileAttachment needs name and contentBytes.")
            }
            message.attachments.append(attachment)
        }
        return nil
    }

    /// A `#microsoft.graph.fileAttachment` from JSON (`name`, `contentType`, `contentBytes` in base64).
    static func fileAttachment(_ json: [String: Any]) -> StandInAttachment? {
        guard json["@odata.type"] as? String == "#microsoft.graph.fileAttachment", let name = json["name"] as? String,
              let base64 = json["contentBytes"] as? String, let data = Data(base64Encoded: base64) else { return nil }
        return StandInAttachment(
            name: name, contentType: json["contentType"] as? String ?? "application/octet-stream",
            isInline: json["isInline"] as? Bool ?? false, contentID: json["contentId"] as? String, bytes: Array(data)
        )
    }
}
