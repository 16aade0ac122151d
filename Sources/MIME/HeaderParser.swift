/// Framing of an entity's header section (RFC 5322 §2.1–2.2): where it ends, and its fields.
///
/// Tolerant of bare LF, a leading mbox `From ` line, garbage lines (skipped), `Name :` with space
/// before the colon, and 8-bit octets. Bounded by `MIMELimits.maximumHeaderCount` / `maximumHeaderBytes`.
enum HeaderParser {
    /// Splits an entity into its header section and its body at the first empty line.
    ///
    /// An entity whose first line is not a header field has no header section (its content starts at
    /// once). A later line that is neither a field nor a continuation is skipped when a field follows
    /// within a few lines, and otherwise taken as the first body line (a sender forgot the empty line).
    static func split(_ entity: ArraySlice<UInt8>) -> (header: ArraySlice<UInt8>, body: ArraySlice<UInt8>) {
        var lineStart = entity.startIndex
        var first = true
        while lineStart < entity.endIndex {
            let (line, next) = self.line(entity, at: lineStart)
            if line.isEmpty {
                return (entity[entity.startIndex..<lineStart], entity[next...])
            }
            let isField = fieldNameEnd(line) != nil
            let isContinuation = !first && (line.first == 32 || line.first == 9)
            if first && !isField && !line.starts(with: "From ".utf8) {
                return (entity[entity.startIndex..<entity.startIndex], entity)
            }
            if !first && !isField && !isContinuation && !fieldFollows(entity, from: next) {
                return (entity[entity.startIndex..<lineStart], entity[lineStart...])
            }
            first = false
            lineStart = next
        }
        return (entity, entity[entity.endIndex...])
    }

    /// Whether a header field comes within the next few lines, before an empty line.
    private static func fieldFollows(_ bytes: ArraySlice<UInt8>, from start: Int) -> Bool {
        var position = start
        for _ in 0..<8 where position < bytes.endIndex {
            let (line, next) = self.line(bytes, at: position)
            if line.isEmpty { return false }
            if fieldNameEnd(line) != nil { return true }
            position = next
        }
        return false
    }

    /// The line at `start` without its line ending, and where the next line starts.
    private static func line(_ bytes: ArraySlice<UInt8>, at start: Int) -> (line: ArraySlice<UInt8>, next: Int) {
        let lineEnd = bytes[start...].firstIndex(of: 10) ?? bytes.endIndex
        var contentEnd = lineEnd
        if contentEnd > start, bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
        return (bytes[start..<contentEnd], lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd)
    }

    /// The index of the colon ending a valid field name in `line`, allowing whitespace before the colon.
    static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
        var nameEnd = colon
        while nameEnd > line.startIndex, line[nameEnd - 1] == 32 || line[nameEnd - 1] == 9 { nameEnd -= 1 }
        guard nameEnd > line.startIndex else { return nil }
        for byte in line[line.startIndex..<nameEnd] where byte < 33 || byte > 126 { return nil }
        return colon
    }

    /// A field as octets, before charset decoding.
    struct RawField {
        var name: String
        var value: [UInt8]
    }

    /// The fields of a header section, unfolded (RFC 5322 §2.2.3).
    static func rawFields(_ header: ArraySlice<UInt8>, limits: MIMELimits) -> [RawField] {
        var fields: [RawField] = []
        let end = header.startIndex + min(header.count, limits.maximumHeaderBytes)
        var lineStart = header.startIndex
        while lineStart < end {
            let lineEnd = header[lineStart..<end].firstIndex(of: 10) ?? end
            var contentEnd = lineEnd
            if contentEnd > lineStart, header[contentEnd - 1] == 13 { contentEnd -= 1 }
            let line = header[lineStart..<contentEnd]
            lineStart = lineEnd + 1
            guard let first = line.first else { continue }
            if first == 32 || first == 9 {
                if !fields.isEmpty { fields[fields.count - 1].value += line }
                continue
            }
            guard let colon = fieldNameEnd(line) else { continue }
            guard fields.count < limits.maximumHeaderCount else { break }
            var nameEnd = colon
            while line[nameEnd - 1] == 32 || line[nameEnd - 1] == 9 { nameEnd -= 1 }
            let name = String(decoding: line[line.startIndex..<nameEnd], as: UTF8.self)
            fields.append(RawField(name: name, value: Array(line[(colon + 1)...])))
        }
        return fields
    }

    /// Parses a header section, reading 8-bit values as UTF-8, else as `charsetHint`, else windows-1252.
    static func parse(_ header: ArraySlice<UInt8>, limits: MIMELimits) -> MessageHeaders {
        let raw = rawFields(header, limits: limits)
        var hint: String?
        if raw.contains(where: { $0.value.contains { $0 >= 0x80 || $0 == 0x1B } }),
           let type = raw.first(where: { $0.name.lowercased() == "content-type" }) {
            hint = ContentType(headerValue: String(decoding: type.value, as: UTF8.self)).charset
        }
        return MessageHeaders(raw.map { HeaderField(name: $0.name, rawValue: decodeValue($0.value, hint: hint)) })
    }

    static func decodeValue(_ bytes: [UInt8], hint: String?) -> String {
        let text: String
        if bytes.contains(0x1B), let hint, CharsetAliases.canonicalName(hint)?.hasPrefix("ISO-2022") == true {
            // Raw ISO-2022-JP headers are 7-bit with escape sequences.
            text = Charsets.decode(bytes, charset: hint)
        } else if !bytes.contains(where: { $0 >= 0x80 }) || UTF8Scan.scan(bytes).invalid == 0 {
            text = String(decoding: bytes, as: UTF8.self)
        } else if let hint, let name = CharsetAliases.canonicalName(hint), name != "UTF-8", name != "ASCII" {
            text = Charsets.decode(bytes, charset: hint)
        } else {
            text = Charsets.decode(bytes, charset: nil)
        }
        return text.trimmingASCIIWhitespace()
    }
}
