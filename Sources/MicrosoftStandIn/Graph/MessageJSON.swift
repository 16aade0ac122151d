import Foundation

/// Renders stored messages, attachments and folders as Graph v1.0 JSON, honouring `$select` and the
/// `Prefer: outlook.body-content-type` header.
enum MessageJSON {
    /// Properties returned when a request has no `$select` (internetMessageHeaders only on request).
    static let defaultProperties: [String] = [
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime", "sentDateTime",
        "hasAttachments", "internetMessageId", "subject", "bodyPreview", "importance", "parentFolderId", "conversationId",
        "conversationIndex", "isDeliveryReceiptRequested", "isReadReceiptRequested", "isRead", "isDraft", "webLink",
        "inferenceClassification", "body", "sender", "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "flag",
    ]

    /// The message as JSON. `bodyType` is `"text"`, `"html"` or `nil` (native format).
    static func message(_ m: StandInMessage, select: [String]?, bodyType: String?, expandSize: Bool) -> [String: Any] {
        var json: [String: Any] = ["@odata.etag": "W/\"CQAAABYAAAD\(abs(m.id.hashValue) % 100000)\""]
        for name in Set((select ?? defaultProperties) + ["id"]) {
            json[name] = property(name, of: m, bodyType: bodyType)
        }
        if expandSize {
            json["singleValueExtendedProperties"] = [["id": "Integer 0xe08", "value": String(m.size)]]
        }
        return json
    }

    private static func property(_ name: String, of m: StandInMessage, bodyType: String?) -> Any {
        switch name {
        case "id": return m.id
        case "createdDateTime", "lastModifiedDateTime", "receivedDateTime": return GraphDate.string(m.received)
        case "sentDateTime": return GraphDate.string(m.sent)
        case "changeKey": return "CQAAABYAAAD"
        case "categories": return [String]()
        case "hasAttachments": return m.hasAttachments
        case "internetMessageId": return m.internetMessageID
        case "internetMessageHeaders": return m.headers.map { ["name": $0.name, "value": $0.value] }
        case "subject": return m.subject
        case "body", "uniqueBody": return body(of: m, as: bodyType)
        case "bodyPreview": return String(BodyText.text(of: m).split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(255))
        case "importance": return "normal"
        case "parentFolderId": return m.folderID
        case "sender", "from": return m.from.map { $0.json } ?? NSNull()
        case "toRecipients": return m.to.map(\.json)
        case "ccRecipients": return m.cc.map(\.json)
        case "bccRecipients": return m.bcc.map(\.json)
        case "replyTo": return m.replyTo.map(\.json)
        case "conversationId": return m.conversationID
        case "conversationIndex": return "AQHZ"
        case "isDeliveryReceiptRequested", "isReadReceiptRequested": return false
        case "isRead": return m.isRead
        case "isDraft": return m.isDraft
        case "webLink": return "https://outlook.office365.com/owa/?ItemID=\(m.id)&exvsurl=1&viewmodel=ReadMessageItem"
        case "inferenceClassification": return "focused"
        case "flag": return ["flagStatus": "notFlagged"]
        default: return NSNull()
        }
    }

    private static func body(of m: StandInMessage, as requested: String?) -> [String: Any] {
        switch (requested, m.bodyType) {
        case ("text", "html"): return ["contentType": "text", "content": BodyText.text(of: m)]
        case ("html", "text"): return ["contentType": "html", "content": BodyText.html(fromText: m.body)]
        default: return ["contentType": m.bodyType, "content": m.body]
        }
    }

    /// An attachment; `contentBytes` only for file attachments and only when `select` allows it.
    static func attachment(_ a: StandInAttachment, select: [String]?) -> [String: Any] {
        var json: [String: Any] = ["@odata.type": a.kind.odataType, "id": a.id]
        var full: [String: Any] = [
            "name": a.name, "contentType": a.contentType, "size": a.size, "isInline": a.isInline,
            "lastModifiedDateTime": GraphDate.string(a.lastModified),
        ]
        if a.kind == .file {
            full["contentId"] = a.contentID ?? NSNull()
            full["contentLocation"] = NSNull()
            full["contentBytes"] = Data(a.bytes).base64EncodedString()
        }
        for (key, value) in full where select == nil || select?.contains(key) == true {
            json[key] = value
        }
        if a.kind == .file, select == nil { json["@odata.mediaContentType"] = a.contentType }
        return json
    }

    /// A mail folder with its counts.
    static func folder(_ f: StandInFolder, in store: [StandInFolder], messages: [StandInMessage], select: [String]?) -> [String: Any] {
        let inFolder = messages.filter { $0.folderID == f.id }
        let full: [String: Any] = [
            "id": f.id, "displayName": f.displayName, "parentFolderId": f.parentID ?? "AAMkRoot=",
            "childFolderCount": store.filter { $0.parentID == f.id }.count,
            "unreadItemCount": inFolder.filter { !$0.isRead }.count, "totalItemCount": inFolder.count, "isHidden": false,
        ]
        return full.filter { key, _ in key == "id" || select == nil || select?.contains(key) == true }
    }
}

/// Plain-text and HTML renderings of bodies, as Exchange converts between them.
enum BodyText {
    static func text(of m: StandInMessage) -> String {
        m.bodyType == "html" ? text(fromHTML: m.body) : m.body
    }

    /// Drops tags, turns block ends into line breaks and decodes the common entities.
    static func text(fromHTML html: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        for ch in html {
            if inTag {
                if ch == ">" {
                    inTag = false
                    let name = tag.lowercased()
                    if name.hasPrefix("br") || name.hasPrefix("/p") || name.hasPrefix("/div") { out.append("\r\n") }
                } else { tag.append(ch) }
            } else if ch == "<" { inTag = true; tag = "" } else { out.append(ch) }
        }
        let entities = ["&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&amp;": "&"]
        for (entity, value) in entities { out = out.replacingOccurrences(of: entity, with: value) }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Wraps text as Exchange does when HTML is asked of a text body.
    static func html(fromText text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "<br>\r\n")
        return "<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n</head>\r\n<body>\r\n<div>\(escaped)</div>\r\n</body>\r\n</html>\r\n"
    }
}
