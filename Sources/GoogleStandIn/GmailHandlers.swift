import MailCore
import Foundation

/// The Gmail API methods the stand-in implements, answering with the documented resource shapes.
enum GmailHandlers {
    struct Context {
        var user: String
        var captures: [String: String]
        var request: StandInRequest
        var body: JSONValue?
        var upload: Bool
        var method: DiscoveryDocument.Method
        var validator: DiscoveryValidator
        var jsonLimit: Int
    }

    static func dispatch(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        switch c.method.id {
        case GoogleEndpoint.messagesList: return list(c, &state)
        case GoogleEndpoint.messagesGet: return get(c, &state)
        case GoogleEndpoint.attachmentsGet: return attachment(c, &state)
        case GoogleEndpoint.messagesModify: return modify(c, &state)
        case GoogleEndpoint.messagesSend: return GmailSend.send(c, &state)
        case GoogleEndpoint.labelsList: return labels(c, &state)
        case GoogleEndpoint.labelsGet: return label(c, &state)
        case GoogleEndpoint.getProfile: return profile(c, &state)
        default:
            state.violations.append("\(c.method.id) is valid but not implemented by the stand-in")
            return .google(.notImplemented)
        }
    }

    /// Gmail ids are hexadecimal; anything else is `400 Invalid id value`, a well-formed unknown id 404.
    static func lookup(_ id: String, _ c: Context, _ state: inout StandInState) -> Result<StoredMessage, GoogleErrorBody> {
        guard !id.isEmpty, id.allSatisfy(\.isHexDigit) else { return .failure(.invalidArgument("Invalid id value")) }
        guard let message = state.mailbox(c.user).messages[id] else { return .failure(.notFound) }
        return .success(message)
    }

    static func list(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        let box = state.mailbox(c.user)
        let labelIds = c.request.queryValues("labelIds")
        if let unknown = labelIds.first(where: { !box.labelExists($0) }) {
            return .google(.invalidArgument("Invalid label: \(unknown)"))
        }
        let query = GmailQuery(c.request.queryValue("q") ?? "")
        let includeSpamTrash = c.request.queryValue("includeSpamTrash") == "true" || query.reachesSpamTrash
            || labelIds.contains("TRASH") || labelIds.contains("SPAM")
        let maxResults = Int(c.request.queryValue("maxResults") ?? "") ?? 100
        if maxResults > 500 { state.violations.append("messages.list: maxResults \(maxResults) above the documented 500") }
        var offset = 0
        if let token = c.request.queryValue("pageToken") {
            guard let decoded = Base64URL.decode(token).flatMap({ Int(String(decoding: $0, as: UTF8.self).dropFirst(5)) }),
                  decoded >= 0 else {
                return .google(.invalidArgument("Invalid pageToken", location: "pageToken"))
            }
            offset = decoded
        }
        let matching = box.newestFirst.filter { m in
            if !includeSpamTrash, m.labelIds.contains("TRASH") || m.labelIds.contains("SPAM") { return false }
            return labelIds.allSatisfy(m.labelIds.contains) && query.matches(m, userLabels: box.userLabels)
        }
        let page = matching.dropFirst(offset).prefix(min(max(maxResults, 1), 500))
        var answer: [String: JSONValue] = ["resultSizeEstimate": .int(Int64(matching.count))]
        if !page.isEmpty {
            answer["messages"] = .array(page.map { ["id": .string($0.id), "threadId": .string($0.threadId)] })
        }
        if offset + page.count < matching.count {
            answer["nextPageToken"] = .string(Base64URL.encode(Array("page:\(offset + page.count)".utf8)))
        }
        return .json(.object(answer))
    }

    static func get(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        switch lookup(c.captures["id"] ?? "", c, &state) {
        case .failure(let error):
            return .google(error)
        case .success(let message):
            let format = c.request.queryValue("format") ?? "full"
            return .json(MessageRenderer.render(message, format: format, metadataHeaders: c.request.queryValues("metadataHeaders")))
        }
    }

    static func attachment(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        switch lookup(c.captures["messageId"] ?? "", c, &state) {
        case .failure(let error):
            return .google(error)
        case .success(let message):
            let id = c.captures["id"] ?? ""
            guard let part = MessageRenderer.part(forAttachmentID: id, in: message) else { return .google(.notFound) }
            let data = part.decodedBody
            return .json(["attachmentId": .string(id), "size": .int(Int64(data.count)), "data": .string(Base64URL.encode(data))])
        }
    }

    static func modify(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        let id = c.captures["id"] ?? ""
        if case .failure(let error) = lookup(id, c, &state) { return .google(error) }
        let add = c.body?["addLabelIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let remove = c.body?["removeLabelIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let box = state.mailbox(c.user)
        if let unknown = (add + remove).first(where: { !box.labelExists($0) }) {
            return .google(.invalidArgument("Invalid label: \(unknown)"))
        }
        let updated: StoredMessage? = state.withMailbox(c.user) { box in
            guard var message = box.messages[id] else { return nil }
            message.labelIds.removeAll { remove.contains($0) }
            for label in add where !message.labelIds.contains(label) { message.labelIds.append(label) }
            box.historyId += 1
            message.historyId = box.historyId
            box.messages[id] = message
            return message
        }
        return updated.map { .json(MessageRenderer.reference($0)) } ?? .google(.notFound)
    }

    static func labels(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        let box = state.mailbox(c.user)
        var labels: [JSONValue] = SystemLabels.ids.map { ["id": .string($0), "name": .string($0), "type": "system"] }
        for (id, name) in box.userLabels.sorted(by: { $0.key < $1.key }) {
            labels.append([
                "id": .string(id), "name": .string(name), "type": "user",
                "messageListVisibility": "show", "labelListVisibility": "labelShow",
            ])
        }
        return .json(["labels": .array(labels)])
    }

    /// `users.labels.get`: the label with its counts (`messagesTotal`, `messagesUnread`, `threadsTotal`,
    /// `threadsUnread`), as the Users.labels resource documents them. Unknown ids are 404.
    static func label(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        let box = state.mailbox(c.user)
        let id = c.captures["id"] ?? ""
        guard box.labelExists(id) else { return .google(.notFound) }
        let labelled = box.messages.values.filter { $0.labelIds.contains(id) }
        let unread = labelled.filter { $0.labelIds.contains("UNREAD") }
        var resource: [String: JSONValue] = [
            "id": .string(id), "name": .string(box.userLabels[id] ?? id),
            "type": .string(box.userLabels[id] == nil ? "system" : "user"),
            "messagesTotal": .int(Int64(labelled.count)), "messagesUnread": .int(Int64(unread.count)),
            "threadsTotal": .int(Int64(Set(labelled.map(\.threadId)).count)),
            "threadsUnread": .int(Int64(Set(unread.map(\.threadId)).count)),
        ]
        if box.userLabels[id] != nil {
            resource["messageListVisibility"] = "show"
            resource["labelListVisibility"] = "labelShow"
        }
        return .json(.object(resource))
    }

    static func profile(_ c: Context, _ state: inout StandInState) -> StandInResponse {
        let box = state.mailbox(c.user)
        return .json([
            "emailAddress": .string(box.address), "messagesTotal": .int(Int64(box.messages.count)),
            "threadsTotal": .int(Int64(Set(box.messages.values.map(\.threadId)).count)),
            "historyId": .string(String(box.historyId)),
        ])
    }
}
