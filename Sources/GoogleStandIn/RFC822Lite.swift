import MailCore
import Foundation

/// Just enough RFC 5322 / RFC 2045–2047 reading for the stand-in to render Gmail's `payload` tree,
/// snippets and search matches. Deliberately independent of our `MIME` target so the two cannot
/// share a bug; it only needs to be right for well-formed test messages.
struct LitePart: Sendable {
    var headers: [(name: String, value: String)]
    var mimeType: String
    var parameters: [String: String]
    var filename: String
    var body: ArraySlice<UInt8>
    var parts: [LitePart]

    /// Parses an entity (a whole message or a body part).
    init(_ bytes: ArraySlice<UInt8>, depth: Int = 0) {
        let (headerBytes, body) = Self.splitHeader(bytes)
        headers = Self.parseHeaders(headerBytes)
        let contentType = Self.firstValue("Content-Type", in: headers) ?? "text/plain; charset=us-ascii"
        let (type, parameters) = Self.parseParameterized(contentType)
        mimeType = type.isEmpty ? "text/plain" : type
        self.parameters = parameters
        let disposition = Self.firstValue("Content-Disposition", in: headers).map(Self.parseParameterized)
        filename = disposition?.1["filename"] ?? parameters["name"] ?? ""
        self.body = body
        parts = []
        if mimeType.hasPrefix("multipart/"), let boundary = parameters["boundary"], depth < 16 {
            parts = Self.splitMultipart(body, boundary: boundary).map { LitePart($0, depth: depth + 1) }
        }
    }

    /// Header value (RFC 2047 decoded) of the first field named `name`.
    func header(_ name: String) -> String? { Self.firstValue(name, in: headers) }

    /// The body with its Content-Transfer-Encoding removed.
    var decodedBody: [UInt8] {
        switch (header("Content-Transfer-Encoding") ?? "7bit").lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64": return MIMEBase64.decode(body)
        case "quoted-printable": return Self.decodeQuotedPrintable(body)
        default: return Array(body)
        }
    }

    /// Decoded text of a text part in its declared charset (UTF-8 and Latin-1 family only).
    var text: String {
        let bytes = decodedBody
        switch (parameters["charset"] ?? "us-ascii").lowercased() {
        case "iso-8859-1", "latin1", "windows-1252":
            return String(bytes: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Every leaf part in depth-first order.
    var leaves: [LitePart] { parts.isEmpty ? [self] : parts.flatMap(\.leaves) }

    static func splitHeader(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 10 {
                let next = bytes.index(after: index)
                if next < bytes.endIndex, bytes[next] == 10 { return (bytes[..<index], bytes[(next + 1)...]) }
                if next + 1 < bytes.endIndex, bytes[next] == 13, bytes[next + 1] == 10 {
                    return (bytes[..<index], bytes[(next + 2)...])
                }
            }
            index += 1
        }
        return (bytes, [])
    }

    static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for rawLine in lines(bytes) {
            let line = String(decoding: rawLine.last == 13 ? rawLine.dropLast() : rawLine, as: UTF8.self)
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return fields.map { ($0.name, EncodedWordsLite.decode($0.value)) }
    }

    /// Lines split at LF, each keeping a trailing CR (Swift's `Character` treats CRLF as one, so
    /// splitting a `String` at "\n" would not split CRLF lines).
    static func lines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 10, omittingEmptySubsequences: false)
    }

    static func firstValue(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `type/subtype; a=b; c="d e"` → (`type/subtype` lower-cased, parameters with lower-cased names).
    static func parseParameterized(_ value: String) -> (String, [String: String]) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for ch in value {
            if ch == "\"" { quoted.toggle(); continue }
            if ch == ";" && !quoted { pieces.append(current); current = ""; continue }
            current.append(ch)
        }
        pieces.append(current)
        let head = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if name.hasSuffix("*") {
                name.removeLast()
                if let quote = value.range(of: "''") { value = String(value[quote.upperBound...]) }
                value = value.removingPercentEncoding ?? value
            }
            parameters[name] = value
        }
        return (head, parameters)
    }

    /// Body parts between `--boundary` delimiter lines (RFC 2046 §5.1.1). Delimiters are found with
    /// `Data.range(of:)` so multi-megabyte uploads stay fast in debug builds.
    static func splitMultipart(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let data = Data(body)
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var searchFrom = data.startIndex
        while let found = data.range(of: delimiter, in: searchFrom..<data.endIndex) {
            searchFrom = found.upperBound
            let atLineStart = found.lowerBound == data.startIndex || data[found.lowerBound - 1] == 10
            guard atLineStart else { continue }
            if let start = partStart {
                var end = found.lowerBound
                if end > start, data[end - 1] == 10 { end -= 1 }
                if end > start, data[end - 1] == 13 { end -= 1 }
                parts.append(body[(body.startIndex + start)..<(body.startIndex + max(start, end))])
            }
            if found.upperBound + 1 < data.endIndex, data[found.upperBound] == 45, data[found.upperBound + 1] == 45 {
                return parts
            }
            guard let lineEnd = data[found.upperBound...].firstIndex(of: 10) else { return parts }
            partStart = lineEnd + 1
        }
        return parts
    }

    static func decodeQuotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), index + 1 < bytes.endIndex {
                if bytes[index + 1] == 10 { index += 2; continue }
                if bytes[index + 1] == 13, index + 2 < bytes.endIndex, bytes[index + 2] == 10 { index += 3; continue }
                if index + 2 < bytes.endIndex,
                   let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    out.append(value)
                    index += 3
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}

/// RFC 2047 encoded-word decoding (B and Q, UTF-8 and Latin-1), as Gmail shows header values decoded.
enum EncodedWordsLite {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var output = ""
        var rest = Substring(value)
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = parseWord(rest[start.lowerBound...]) else {
                output += before + "=?"
                rest = rest[start.upperBound...]
                lastWasWord = false
                continue
            }
            if !(lastWasWord && before.allSatisfy(\.isWhitespace)) { output += before }
            output += word.text
            rest = word.rest
            lastWasWord = true
        }
        return output + rest
    }

    private static func parseWord(_ text: Substring) -> (text: String, rest: Substring)? {
        let fields = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[3].hasPrefix("=") else { return nil }
        let charset = fields[0].lowercased()
        let payload = fields[2]
        var bytes: [UInt8]
        switch fields[1].lowercased() {
        case "b": bytes = Base64URL.decode(payload) ?? []
        case "q": bytes = LitePart.decodeQuotedPrintable(ArraySlice(Array(payload.replacingOccurrences(of: "_", with: " ").utf8)))
        default: return nil
        }
        let decoded = charset.hasPrefix("iso-8859-1") || charset == "windows-1252"
            ? String(bytes: bytes, encoding: .isoLatin1) ?? "" : String(decoding: bytes, as: UTF8.self)
        bytes = []
        return (decoded, fields[3].dropFirst())
    }
}

/// Addr-specs in an address-list header value (`"A" <a@x>, b@y` → `[a@x, b@y]`), lower-cased.
enum AddressesLite {
    static func parse(_ value: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        for ch in value {
            if ch == "\"" { quoted.toggle() }
            if ch == "," && !quoted { items.append(current); current = ""; continue }
            current.append(ch)
        }
        items.append(current)
        return items.compactMap { item in
            if let open = item.lastIndex(of: "<"), let close = item.lastIndex(of: ">"), open < close {
                return String(item[item.index(after: open)..<close]).lowercased()
            }
            let bare = item.trimmingCharacters(in: .whitespaces)
            return bare.contains("@") ? bare.lowercased() : nil
        }
    }
}
