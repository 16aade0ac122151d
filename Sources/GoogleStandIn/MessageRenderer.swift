import MailCore
import Foundation

/// Renders a stored message as Gmail's `Message` resource in each `format` (minimal, metadata,
/// full, raw), following the discovery schemas `Message`, `MessagePart` and `MessagePartBody`.
enum MessageRenderer {
    static func render(_ m: StoredMessage, format: String, metadataHeaders: [String]) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(m.id), "threadId": .string(m.threadId), "labelIds": .array(m.labelIds.map { .string($0) }),
            "snippet": .string(snippet(m)), "sizeEstimate": .int(Int64(m.raw.count)),
            "historyId": .string(String(m.historyId)), "internalDate": .string(String(m.internalDate)),
        ]
        switch format.lowercased() {
        case "minimal":
            break
        case "raw":
            object["raw"] = .string(Base64URL.encode(m.raw))
        case "metadata":
            let wanted = Set(metadataHeaders.map { $0.lowercased() })
            let headers = m.parsed.headers.filter { wanted.isEmpty || wanted.contains($0.name.lowercased()) }
            object["payload"] = [
                "partId": "", "mimeType": .string(m.parsed.mimeType), "filename": .string(m.parsed.filename),
                "headers": headerArray(headers), "body": ["size": 0],
            ]
        default:
            object["payload"] = payload(m.parsed, partId: "", messageID: m.id)
        }
        return .object(object)
    }

    /// Minimal rendering used by `modify` and `send` answers.
    static func reference(_ m: StoredMessage) -> JSONValue {
        ["id": .string(m.id), "threadId": .string(m.threadId), "labelIds": .array(m.labelIds.map { .string($0) })]
    }

    static func payload(_ part: LitePart, partId: String, messageID: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "partId": .string(partId), "mimeType": .string(part.mimeType), "filename": .string(part.filename),
            "headers": headerArray(part.headers),
        ]
        if !part.parts.isEmpty {
            object["body"] = ["size": 0]
            object["parts"] = .array(part.parts.enumerated().map { index, child in
                payload(child, partId: partId.isEmpty ? "\(index)" : "\(partId).\(index)", messageID: messageID)
            })
        } else {
            let data = part.decodedBody
            if part.filename.isEmpty {
                object["body"] = ["size": .int(Int64(data.count)), "data": .string(Base64URL.encode(data))]
            } else {
                object["body"] = [
                    "size": .int(Int64(data.count)),
                    "attachmentId": .string(attachmentID(messageID: messageID, partId: partId)),
                ]
            }
        }
        return .object(object)
    }

    /// Opaque attachment id (Gmail's are long opaque strings, not part numbers).
    static func attachmentID(messageID: String, partId: String) -> String {
        "ANGjdJ" + Base64URL.encode(Array("\(messageID)/\(partId)/attachment".utf8))
    }

    /// The part an attachment id names, if it belongs to `m`.
    static func part(forAttachmentID id: String, in m: StoredMessage) -> LitePart? {
        guard id.hasPrefix("ANGjdJ"), let decoded = Base64URL.decode(id.dropFirst(6)) else { return nil }
        let fields = String(decoding: decoded, as: UTF8.self).split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == m.id else { return nil }
        var part = m.parsed
        for index in fields[1].split(separator: ".") {
            guard let i = Int(index), part.parts.indices.contains(i) else { return nil }
            part = part.parts[i]
        }
        return part.filename.isEmpty ? nil : part
    }

    /// Gmail-style snippet: the start of the text, whitespace collapsed, HTML-escaped.
    static func snippet(_ m: StoredMessage) -> String {
        let collapsed = m.bodyText.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return HTMLLite.escape(String(collapsed.prefix(200)))
    }

    private static func headerArray(_ headers: [(name: String, value: String)]) -> JSONValue {
        .array(headers.map { ["name": .string($0.name), "value": .string($0.value)] })
    }
}

/// Google's partial-response `fields` parameter: `id,payload(headers,parts(filename))`, `a/b`.
struct FieldMask: Sendable {
    /// Selected names; a `nil` child selects the whole member.
    var children: [String: FieldMask?]

    /// Parses a selector; `nil` when it is malformed.
    init?(_ text: String) {
        var index = text.startIndex
        guard let parsed = Self.parseList(text, &index), index == text.endIndex else { return nil }
        children = parsed
    }

    private init(children: [String: FieldMask?]) { self.children = children }

    private static func parseList(_ text: String, _ index: inout String.Index) -> [String: FieldMask?]? {
        var result: [String: FieldMask?] = [:]
        while index < text.endIndex {
            var name = ""
            while index < text.endIndex, !",()".contains(text[index]) { name.append(text[index]); index = text.index(after: index) }
            name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            var sub: FieldMask?
            if index < text.endIndex, text[index] == "(" {
                index = text.index(after: index)
                guard let inner = parseList(text, &index), index < text.endIndex, text[index] == ")" else { return nil }
                index = text.index(after: index)
                sub = FieldMask(children: inner)
            }
            let path = name.split(separator: "/").map(String.init)
            guard let first = path.first else { return nil }
            var node = sub
            for element in path.dropFirst().reversed() { node = FieldMask(children: [element: node]) }
            result[first] = merge(result[first] ?? nil, node, existed: result[first] != nil)
            if index < text.endIndex, text[index] == "," { index = text.index(after: index); continue }
            if index < text.endIndex, text[index] == ")" { return result }
        }
        return result
    }

    private static func merge(_ a: FieldMask?, _ b: FieldMask?, existed: Bool) -> FieldMask? {
        guard existed else { return b }
        guard let a, let b else { return nil }
        return FieldMask(children: a.children.merging(b.children) { x, y in merge(x, y, existed: true) })
    }

    func apply(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (name, sub) in children {
                guard let member = members[name] else { continue }
                kept[name] = sub.map { $0.apply(member) } ?? member
            }
            return .object(kept)
        case .array(let elements):
            return .array(elements.map(apply))
        default:
            return value
        }
    }
}
