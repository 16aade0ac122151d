/// Walks an entity tree and decides which parts are the message's text and HTML bodies and which are
/// attachments (RFC 2046 §5.1.3 mixed, §5.1.4 alternative, RFC 2387 related, RFC 2183 disposition).
///
/// - `multipart/alternative`: the last plain and the last HTML alternative win; other `text/*`
///   alternatives (`text/enriched`, `text/watch-html`) are ignored, non-text ones (`text/calendar`
///   included) become attachments.
/// - `multipart/related`: the root part (the `start` parameter, else the first) is body; the others
///   are inline resources.
/// - any other multipart: body texts in order are concatenated (Apple Mail splits text around images).
/// - `message/rfc822` parts are attachments; their text is used only if the message has no other body.
struct BodyCollector {
    var textParts: [String] = []
    var htmlParts: [String] = []
    var attachments: [ParsedAttachment] = []
    var embeddedMessages: [MIMEEntity] = []

    mutating func visit(_ entity: MIMEEntity) {
        let type = entity.contentType
        if type.isMultipart && !entity.children.isEmpty {
            switch type.subtype {
            case "alternative": visitAlternative(entity)
            case "related": visitRelated(entity)
            default: entity.children.forEach { visit($0) }
            }
        } else if type.isEmbeddedMessage {
            attachments.append(Self.attachment(entity))
            if let inner = entity.children.first { embeddedMessages.append(inner) }
        } else if Self.isBodyText(entity) {
            if type.subtype == "html" { htmlParts.append(Self.text(of: entity)) } else { textParts.append(Self.text(of: entity)) }
        } else {
            attachments.append(Self.attachment(entity))
        }
    }

    private mutating func visitAlternative(_ entity: MIMEEntity) {
        var plain: String?
        var html: String?
        for child in entity.children {
            if child.contentType.isMultipart {
                var nested = BodyCollector()
                nested.visit(child)
                if !nested.htmlParts.isEmpty { html = nested.htmlParts.joined(separator: "\n") }
                if !nested.textParts.isEmpty { plain = nested.textParts.joined(separator: "\n") }
                attachments += nested.attachments
                embeddedMessages += nested.embeddedMessages
            } else if Self.isBodyText(child) {
                if child.contentType.subtype == "html" { html = Self.text(of: child) } else { plain = Self.text(of: child) }
            } else if child.contentType.type == "text" && child.contentType.subtype != "calendar" && child.filename == nil {
                continue
            } else {
                visit(child)
            }
        }
        if let plain { textParts.append(plain) }
        if let html { htmlParts.append(html) }
    }

    private mutating func visitRelated(_ entity: MIMEEntity) {
        var rootIndex = 0
        if let start = entity.contentType.parameters["start"] {
            let id = start.trimming(charactersIn: "<> ")
            rootIndex = entity.children.firstIndex { $0.contentID == id } ?? 0
        }
        for (index, child) in entity.children.enumerated() {
            if index == rootIndex {
                visit(child)
            } else if child.contentType.isMultipart {
                visit(child)
            } else {
                var resource = Self.attachment(child)
                if child.disposition == nil { resource.inline = true }
                attachments.append(resource)
            }
        }
    }

    /// A `text/plain` or `text/html` leaf that is not marked as an attachment and has no filename.
    static func isBodyText(_ entity: MIMEEntity) -> Bool {
        let type = entity.contentType
        guard type.type == "text", type.subtype == "plain" || type.subtype == "html" else { return false }
        if entity.disposition?.isAttachment == true { return false }
        return entity.filename == nil
    }

    static func text(of entity: MIMEEntity) -> String {
        guard entity.contentType.subtype == "html", entity.contentType.charset == nil else { return entity.decodedText }
        // HTML without a declared charset: honour <meta charset> (HTML §4.2.5 prescan, simplified).
        let bytes = entity.decodedBody
        let charset = HTMLCharsetSniffer.sniff(bytes)
        return LineEndings.normalizeToLF(Charsets.decode(bytes, charset: charset))
    }

    static func attachment(_ entity: MIMEEntity) -> ParsedAttachment {
        let data = entity.decodedBody
        var type = entity.contentType
        if entity.headers["Content-Type"] == nil, let name = entity.filename {
            // No declared type: guess from the filename rather than report text/plain.
            let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
            let guessed = extensions.first { $0.value == ext }?.key ?? "application/octet-stream"
            let pieces = guessed.split(separator: "/")
            type = ContentType(type: String(pieces[0]), subtype: String(pieces[1]))
        }
        let filename = entity.filename ?? defaultFilename(type, path: entity.partPath)
        let inline = entity.disposition.map { $0.isInline } ?? (entity.contentID != nil)
        return ParsedAttachment(
            filename: filename, mimeType: type.mimeType, size: data.count, contentID: entity.contentID,
            inline: inline, data: data, partPath: entity.partPath)
    }

    private static let extensions: [String: String] = [
        "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg",
        "application/pdf": "pdf", "text/plain": "txt", "text/html": "html", "text/calendar": "ics",
        "message/rfc822": "eml", "message/global": "eml", "application/zip": "zip", "text/csv": "csv",
        "application/pgp-signature": "asc", "application/pkcs7-signature": "p7s", "text/rfc822-headers": "txt",
        "message/delivery-status": "txt",
    ]

    /// `part-1.2.png`: a stable name for a part that declares none.
    static func defaultFilename(_ type: ContentType, path: String) -> String {
        let ext = extensions[type.mimeType] ?? "bin"
        return "part-\(path.isEmpty ? "1" : path).\(ext)"
    }
}
