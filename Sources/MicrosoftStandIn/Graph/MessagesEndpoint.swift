import Foundation

/// `/me/messages`, `/me/mailFolders/{id}/messages` and `/me/messages/{id}`: list (with `$search`,
/// `$filter`, `$orderby`, paging through `@odata.nextLink`), get, update (PATCH) and delete.
extension MicrosoftStore {
    static let listOptions: Set<String> = ["$select", "$top", "$skip", "$orderby", "$filter", "$count", "$expand", "$search", "$skiptoken"]

    func listMessages(_ request: StandInHTTPRequest, folder: String?) -> StandInHTTPResponse {
        let query: ODataQuery
        do throws(ODataQuery.Invalid) { query = try ODataQuery(request.query, allowed: Self.listOptions, properties: ODataQuery.messageProperties) }
        catch { return .graphError(400, error.code, error.message) }
        var candidates = Array(messages.values)
        if let folder {
            guard let resolved = resolveFolder(folder) else { return folderNotFound() }
            candidates = candidates.filter { $0.folderID == resolved.id }
        }
        if let search = query.search {
            let matcher = SearchMatcher(search)
            candidates = candidates.filter { matcher.matches($0) }.sorted { $0.sent > $1.sent }
        } else {
            candidates = candidates.filter { m in query.filter.allSatisfy { Self.evaluate($0, on: m) } }
            let order = query.orderBy ?? ("receivedDateTime", true)
            candidates.sort { Self.less($0, $1, by: order.property) != order.descending && Self.differ($0, $1, by: order.property) }
        }
        let offset = query.skipToken ?? query.skip ?? 0
        let pageSize = min(query.top ?? 10, configuration.maxPageSize)
        let page = candidates.dropFirst(offset).prefix(pageSize)
        let bodyType = Self.preferredBodyType(request)
        var json: [String: Any] = [
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/messages",
            "value": page.map { MessageJSON.message($0, select: query.select, bodyType: bodyType, expandSize: query.expandMessageSize) },
        ]
        if query.count { json["@odata.count"] = candidates.count }
        if offset + pageSize < candidates.count {
            json["@odata.nextLink"] = nextLink(request, offset: offset + pageSize, useSkipToken: query.search != nil)
        }
        return .json(200, json, headers: preferenceApplied(bodyType))
    }

    func getMessage(_ request: StandInHTTPRequest, id: String) -> StandInHTTPResponse {
        let query: ODataQuery
        do throws(ODataQuery.Invalid) { query = try ODataQuery(request.query, allowed: ["$select", "$expand"], properties: ODataQuery.messageProperties) }
        catch { return .graphError(400, error.code, error.message) }
        guard let message = messages[id] else { return itemNotFound() }
        let bodyType = Self.preferredBodyType(request)
        var json = MessageJSON.message(message, select: query.select, bodyType: bodyType, expandSize: query.expandMessageSize)
        json["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('me')/messages/$entity"
        return .json(200, json, headers: preferenceApplied(bodyType))
    }

    /// PATCH: `isRead` on any message; subject, body and recipients only on drafts (as Graph documents).
    func updateMessage(_ request: StandInHTTPRequest, id: String) -> StandInHTTPResponse {
        guard var message = messages[id] else { return itemNotFound() }
        guard let patch = request.jsonObject else { return .graphError(400, "RequestBodyRead", "Invalid JSON body.") }
        let draftOnly: Set<String> = ["subject", "body", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "internetMessageId"]
        for key in patch.keys {
            if key == "isRead" || key == "importance" || key == "categories" { continue }
            guard draftOnly.contains(key) else {
                return .graphError(400, "RequestBodyRead", "The property '\(key)' does not exist on type 'microsoft.graph.message'.")
            }
            guard message.isDraft else {
                return .graphError(400, "ErrorInvalidPropertyUpdateSentMessage", "Update operation is invalid for property of a sent message.")
            }
        }
        if let isRead = patch["isRead"] as? Bool { message.isRead = isRead }
        if message.isDraft {
            guard Self.apply(patch, to: &message) else {
                return .graphError(400, "ErrorInvalidRecipients", "At least one recipient isn't valid.")
            }
        }
        messages[id] = message
        return .json(200, MessageJSON.message(message, select: nil, bodyType: nil, expandSize: false))
    }

    func deleteMessage(id: String) -> StandInHTTPResponse {
        guard messages.removeValue(forKey: id) != nil else { return itemNotFound() }
        return StandInHTTPResponse(status: 204)
    }

    /// Copies writable message properties from Graph JSON; `false` when a recipient is malformed.
    static func apply(_ json: [String: Any], to message: inout StandInMessage) -> Bool {
        if let subject = json["subject"] as? String { message.subject = subject }
        if let body = json["body"] as? [String: Any] {
            message.bodyType = (body["contentType"] as? String)?.lowercased() == "html" ? "html" : "text"
            message.body = body["content"] as? String ?? ""
        }
        if let id = json["internetMessageId"] as? String { message.internetMessageID = id }
        let lists: [(String, WritableKeyPath<StandInMessage, [StandInRecipient]>)] = [
            ("toRecipients", \.to), ("ccRecipients", \.cc), ("bccRecipients", \.bcc), ("replyTo", \.replyTo),
        ]
        for (key, path) in lists {
            guard let raw = json[key] else { continue }
            guard let array = raw as? [Any] else { return false }
            let recipients = array.compactMap { StandInRecipient(json: $0) }
            guard recipients.count == array.count, recipients.allSatisfy({ Self.isPlausibleAddress($0.address) }) else { return false }
            message[keyPath: path] = recipients
        }
        return true
    }

    static func isPlausibleAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@")
        return parts.count == 2 && !address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == " " })
    }

    func itemNotFound() -> StandInHTTPResponse {
        .graphError(404, "ErrorItemNotFound", "The specified object was not found in the store.")
    }

    func folderNotFound() -> StandInHTTPResponse {
        .graphError(404, "ErrorItemNotFound", "The specified folder could not be found in the store.")
    }

    /// `Prefer: outlook.body-content-type="text"` → `"text"` (or `"html"`); `nil` when absent.
    static func preferredBodyType(_ request: StandInHTTPRequest) -> String? {
        guard let prefer = request.headers["prefer"]?.lowercased(), prefer.contains("outlook.body-content-type") else { return nil }
        if prefer.contains("\"text\"") { return "text" }
        if prefer.contains("\"html\"") { return "html" }
        return nil
    }

    func preferenceApplied(_ bodyType: String?) -> [(String, String)] {
        bodyType.map { [("Preference-Applied", "outlook.body-content-type=\"\($0)\"")] } ?? []
    }

    /// The same URL with the paging option moved on (`$skip` for plain lists, `$skiptoken` for `$search`).
    func nextLink(_ request: StandInHTTPRequest, offset: Int, useSkipToken: Bool) -> String {
        var query = request.query.filter { $0.key != "$skip" && $0.key != "$skiptoken" }
        if useSkipToken { query["$skiptoken"] = Data(String(offset).utf8).base64EncodedString() } else { query["$skip"] = String(offset) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~$")
        let encoded = query.sorted { $0.key < $1.key }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
        return "http://\(request.headers["host"] ?? "127.0.0.1")\(request.rawPath)?\(encoded)"
    }

    static func evaluate(_ clause: ODataQuery.FilterClause, on m: StandInMessage) -> Bool {
        switch clause.property {
        case "isRead": return compare(m.isRead ? 1 : 0, clause.op, clause.value == "true" ? 1 : 0)
        case "hasAttachments": return compare(m.hasAttachments ? 1 : 0, clause.op, clause.value == "true" ? 1 : 0)
        case "receivedDateTime", "sentDateTime":
            let formatter = ISO8601DateFormatter()
            guard let date = formatter.date(from: clause.value) else { return false }
            let value = clause.property == "receivedDateTime" ? m.received : m.sent
            return compare(value.timeIntervalSince1970, clause.op, date.timeIntervalSince1970)
        case "conversationId": return compare(m.conversationID == clause.value.trimmingCharacters(in: ["'"]) ? 1 : 0, clause.op, 1)
        default: return false
        }
    }

    private static func compare<T: Comparable>(_ lhs: T, _ op: String, _ rhs: T) -> Bool {
        switch op {
        case "eq": lhs == rhs
        case "ne": lhs != rhs
        case "ge": lhs >= rhs
        case "gt": lhs > rhs
        case "le": lhs <= rhs
        default: lhs < rhs
        }
    }

    private static func less(_ a: StandInMessage, _ b: StandInMessage, by property: String) -> Bool {
        switch property {
        case "sentDateTime": a.sent < b.sent
        case "subject": a.subject < b.subject
        default: a.received < b.received
        }
    }

    private static func differ(_ a: StandInMessage, _ b: StandInMessage, by property: String) -> Bool {
        less(a, b, by: property) || less(b, a, by: property)
    }
}
