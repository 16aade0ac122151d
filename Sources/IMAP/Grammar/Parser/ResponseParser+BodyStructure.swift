import NIOCore

extension ResponseParser {
    // body = "(" (body-type-1part / body-type-mpart) ")"
    static func parseBody(_ cursor: inout ParseCursor) throws -> BodyStructure {
        try cursor.enterList()
        let body: BodyStructure
        if cursor.peek() == UInt8(ascii: "(") {
            body = .multipart(try parseBodyTypeMpart(&cursor))
        } else {
            body = .singlePart(try parseBodyType1part(&cursor))
        }
        try cursor.exitList()
        return body
    }

    // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
    // body-ext-mpart  = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
    static func parseBodyTypeMpart(_ cursor: inout ParseCursor) throws -> BodyStructure.Multipart {
        var parts: [BodyStructure] = []
        while cursor.peek() == UInt8(ascii: "(") {
            parts.append(try parseBody(&cursor))
            cursor.skipSpaces()
        }
        let subtype = try parseLenientString(&cursor) ?? "mixed"
        var multipart = BodyStructure.Multipart(parts: parts, subtype: subtype)
        guard try nextExtensionField(&cursor) else { return multipart }
        multipart.parameters = try parseBodyFldParam(&cursor)
        multipart.extension = try parseBodyExtensionTail(&cursor)
        return multipart
    }

    // body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]
    // body-type-basic = media-basic SP body-fields
    // body-type-msg   = media-message SP body-fields SP envelope SP body SP body-fld-lines
    // body-type-text  = media-text SP body-fields SP body-fld-lines
    static func parseBodyType1part(_ cursor: inout ParseCursor) throws -> BodyStructure.SinglePart {
        let type = try parseLenientString(&cursor) ?? "application"
        try cursor.expectSpace()
        let subtype = try parseLenientString(&cursor) ?? "octet-stream"
        try cursor.expectSpace()
        let fields = try parseBodyFields(&cursor)
        var part = BodyStructure.SinglePart(type: type, subtype: subtype, fields: fields)
        if part.type == "message", part.subtype == "rfc822" || part.subtype == "global" {
            part.kind = try parseBodyTypeMsgTail(&cursor)
        } else if part.type == "text" {
            part.kind = .text(lines: try parseOptionalLines(&cursor) ?? 0)
        }
        guard try nextExtensionField(&cursor) else { return part }
        // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
        part.md5 = try cursor.parseNStringText()
        part.extension = try parseBodyExtensionTail(&cursor)
        return part
    }

    /// `SP envelope SP body SP body-fld-lines` of a message/rfc822 part. Lenient: servers that send a
    /// message part without the embedded structure (seen with iCloud) get a basic part.
    private static func parseBodyTypeMsgTail(_ cursor: inout ParseCursor) throws -> BodyStructure.Kind {
        let saved = cursor.mark
        cursor.skipSpaces()
        guard cursor.peek() == UInt8(ascii: "(") else {
            cursor.restore(saved)
            return .basic
        }
        let envelope = try parseEnvelope(&cursor)
        try cursor.expectSpace()
        let body = try parseBody(&cursor)
        let lines = try parseOptionalLines(&cursor) ?? 0
        return .message(envelope: envelope, body: body, lines: lines)
    }

    /// `SP body-fld-lines`, or `nil` when the server left it out.
    private static func parseOptionalLines(_ cursor: inout ParseCursor) throws -> UInt64? {
        let saved = cursor.mark
        cursor.skipSpaces()
        if let byte = cursor.peek(), (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "\"") {
            return try parseLenientNumber(&cursor)
        }
        cursor.restore(saved)
        return nil
    }

    // body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
    static func parseBodyFields(_ cursor: inout ParseCursor) throws -> BodyStructure.Fields {
        let parameters = try parseBodyFldParam(&cursor)
        try cursor.expectSpace()
        let id = try cursor.parseNStringText()
        try cursor.expectSpace()
        let description = try cursor.parseNStringText()
        try cursor.expectSpace()
        let encoding = try parseLenientString(&cursor) ?? "7BIT"
        try cursor.expectSpace()
        let octets = try parseLenientNumber(&cursor)
        return BodyStructure.Fields(parameters: parameters, id: id, contentDescription: description,
                                    encoding: encoding, octets: octets)
    }

    // body-fld-param = "(" string SP string *(SP string SP string) ")" / nil   (lenient: "()" allowed)
    static func parseBodyFldParam(_ cursor: inout ParseCursor) throws -> [BodyStructure.Parameter] {
        if cursor.parseNil() { return [] }
        try cursor.enterList()
        var parameters: [BodyStructure.Parameter] = []
        while !cursor.atListEnd() {
            let name = try parseLenientString(&cursor) ?? ""
            try cursor.expectSpace()
            let value = try parseLenientString(&cursor) ?? ""
            parameters.append(BodyStructure.Parameter(name: name, value: value))
            cursor.skipSpaces()
        }
        try cursor.exitList()
        return parameters
    }

    /// `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`.
    static func parseBodyExtensionTail(_ cursor: inout ParseCursor) throws -> BodyStructure.Extension {
        var ext = BodyStructure.Extension()
        guard try nextExtensionField(&cursor) else { return ext }
        ext.disposition = try parseBodyFldDsp(&cursor)
        guard try nextExtensionField(&cursor) else { return ext }
        ext.language = try parseBodyFldLang(&cursor)
        guard try nextExtensionField(&cursor) else { return ext }
        ext.location = try cursor.parseNStringText()
        while try nextExtensionField(&cursor) {
            try skipGenericValue(&cursor)   // body-extension: future data we do not interpret
        }
        return ext
    }

    /// Consumes the `SP` before an optional extension field; `false` when the part ends instead.
    private static func nextExtensionField(_ cursor: inout ParseCursor) throws -> Bool {
        if cursor.atListEnd() { return false }
        try cursor.expectSpace()
        return !cursor.atListEnd()
    }

    // body-fld-dsp = "(" string SP body-fld-param ")" / nil   (lenient: a bare string)
    static func parseBodyFldDsp(_ cursor: inout ParseCursor) throws -> BodyStructure.Disposition? {
        if cursor.parseNil() { return nil }
        guard cursor.peek() == UInt8(ascii: "(") else {
            return BodyStructure.Disposition(kind: try parseLenientString(&cursor) ?? "", parameters: [])
        }
        try cursor.enterList()
        let kind = try parseLenientString(&cursor) ?? ""
        var parameters: [BodyStructure.Parameter] = []
        if !cursor.atListEnd() {
            try cursor.expectSpace()
            parameters = try parseBodyFldParam(&cursor)
        }
        try cursor.exitList()
        return BodyStructure.Disposition(kind: kind, parameters: parameters)
    }

    // body-fld-lang = nstring / "(" string *(SP string) ")"
    static func parseBodyFldLang(_ cursor: inout ParseCursor) throws -> [String] {
        if cursor.peek() == UInt8(ascii: "(") {
            return try cursor.parseList { try parseLenientString(&$0) ?? "" }
        }
        return try cursor.parseNStringText().map { [$0] } ?? []
    }

    /// A string where servers sometimes send NIL or a bare atom instead.
    static func parseLenientString(_ cursor: inout ParseCursor) throws -> String? {
        try cursor.parseNStringText()
    }

    /// `number`, leniently: a quoted number (Yahoo), NIL or a negative number (Exchange) read as 0.
    static func parseLenientNumber(_ cursor: inout ParseCursor) throws -> UInt64 {
        if cursor.parseNil() { return 0 }
        if cursor.peek() == UInt8(ascii: "\"") {
            return UInt64(ParseCursor.text(try cursor.parseQuoted()).trimmingSpaces) ?? 0
        }
        if cursor.consume(UInt8(ascii: "-")) {
            _ = try cursor.parseNumber()
            return 0
        }
        return try cursor.parseNumber()
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
