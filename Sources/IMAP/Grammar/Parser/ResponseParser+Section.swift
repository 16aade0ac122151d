import NIOCore

extension ResponseParser {
    // section = "[" [section-spec] "]"
    // section-spec = section-msgtext / (section-part ["." section-text])
    // section-part = nz-number *("." nz-number)
    // section-text = section-msgtext / "MIME"
    static func parseSection(_ cursor: inout ParseCursor) throws -> SectionSpecifier {
        try cursor.expect(UInt8(ascii: "["), "expected '['")
        var part: [Int] = []
        var kind = SectionSpecifier.Kind.complete
        while let byte = cursor.peek(), byte >= 0x30 && byte <= 0x39 {
            part.append(Int(try cursor.parseNumber32()))
            guard cursor.consume(UInt8(ascii: ".")) else { break }
        }
        if cursor.peek() != UInt8(ascii: "]") {
            kind = try parseSectionText(&cursor, afterPart: !part.isEmpty)
        }
        try cursor.expect(UInt8(ascii: "]"), "expected ']' after the section")
        return SectionSpecifier(part: part, kind: kind)
    }

    // section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
    static func parseSectionText(_ cursor: inout ParseCursor, afterPart: Bool) throws -> SectionSpecifier.Kind {
        if cursor.consumePrefix("HEADER.FIELDS.NOT") {
            try cursor.expectSpace()
            return .headerFieldsNot(try parseHeaderList(&cursor))
        }
        if cursor.consumePrefix("HEADER.FIELDS") {
            try cursor.expectSpace()
            return .headerFields(try parseHeaderList(&cursor))
        }
        if cursor.consumePrefix("HEADER") { return .header }
        if cursor.consumePrefix("TEXT") { return .text }
        if afterPart, cursor.consumePrefix("MIME") { return .mime }
        throw cursor.failure("unknown section text")
    }

    // header-list = "(" header-fld-name *(SP header-fld-name) ")" ; header-fld-name = astring
    static func parseHeaderList(_ cursor: inout ParseCursor) throws -> [String] {
        try cursor.parseList { asciiUppercased(try $0.parseAStringText()) }
    }

    // section-binary = "[" [section-part] "]"
    static func parseSectionBinary(_ cursor: inout ParseCursor) throws -> [Int] {
        try cursor.expect(UInt8(ascii: "["), "expected '['")
        var part: [Int] = []
        while let byte = cursor.peek(), byte >= 0x30 && byte <= 0x39 {
            part.append(Int(try cursor.parseNumber32()))
            guard cursor.consume(UInt8(ascii: ".")) else { break }
        }
        try cursor.expect(UInt8(ascii: "]"), "expected ']' after the binary section")
        return part
    }
}
