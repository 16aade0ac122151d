/// Framing of an entity's header section (RFC 5322 §2.1–2.2): where it ends, and its fields.
///
/// Tolerant of bare LF, a leading mbox `From ` line, garbage lines (skipped), `Name :` with space
/// before the colon, and 8-bit octets. Bounded by `MIMELimits.maximumHeaderCount` / `maximumHeaderBytes`.
enum HeaderParser {
    /// Splits an entity into its header section and its body at the first empty line. An entity whose
    /// first line is not a header field has no header section at all (its content starts at once).
    static func split(_ entity: ArraySlice<UInt8>) -> (header: ArraySlice<UInt8>, body: ArraySlice<UInt8>) {
        var lineStart = entity.startIndex
        var first = true
        while lineStart < entity.endIndex {
            let lineEnd = entity[lineStart...].firstIndex(of: 10) ?? entity.endIndex
            var contentEnd = lineEnd
            if contentEnd > lineStart, entity[contentEnd - 1] == 13 { contentEnd -= 1 }
            if contentEnd == lineStart {
                let bodyStart = lineEnd < entity.endIndex ? lineEnd + 1 : lineEnd
                return (entity[entity.startIndex..<lineStart], entity[bodyStart...])
            }
            if first {
                first = false
                let line = entity[lineStart..<contentEnd]
                if !line.starts(with: "From ".utf8) && fieldNameEnd(line) == nil {
                    return (entity[entity.startIndex..<entity.startIndex], entity)
                }
            }
            lineStart = lineEnd < entity.endIndex ? lineEnd + 1 : entity.endIndex
        }
        return (entity, entity[entity.endIndex...])
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
