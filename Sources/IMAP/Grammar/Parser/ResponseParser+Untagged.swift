import NIOCore

extension ResponseParser {
    // response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data / message-data /
    //                 capability-data / enable-data / id-response) CRLF
    static func parseResponseData(_ cursor: inout ParseCursor) throws -> UntaggedResponse {
        if let byte = cursor.peek(), byte >= 0x30 && byte <= 0x39 {
            return try parseNumberedData(&cursor)
        }
        let keyword = asciiUppercased(try cursor.parseAtom())
        if let status = UntaggedStatus(rawValue: keyword) {
            cursor.skipSpaces()
            return .condition(status, try parseRespText(&cursor))
        }
        switch keyword {
        case "CAPABILITY": return .capability(try parseCapabilityList(&cursor))
        case "ENABLED": return .enabled(try parseCapabilityList(&cursor))
        case "FLAGS":
            try cursor.expectSpace()
            return .flags(try parseFlagList(&cursor))
        case "LIST": return .list(try parseMailboxList(&cursor))
        case "LSUB": return .lsub(try parseMailboxList(&cursor))
        case "STATUS": return try parseStatusResponse(&cursor)
        case "SEARCH": return try parseSearchResponse(&cursor)
        case "ESEARCH": return .esearch(try parseESearchResponse(&cursor))
        case "ID": return .id(try parseIDResponse(&cursor))
        default:
            cursor.skipSpaces()
            return .other(keyword: keyword, rest: try parseOpaqueRest(&cursor))
        }
    }

    // message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
    // mailbox-data =/ number SP "EXISTS" / number SP "RECENT"
    static func parseNumberedData(_ cursor: inout ParseCursor) throws -> UntaggedResponse {
        let number = try cursor.parseNumber32()
        try cursor.expectSpace()
        let keyword = asciiUppercased(try cursor.parseAtom())
        switch keyword {
        case "EXISTS": return .exists(number)
        case "RECENT": return .recent(number)
        case "EXPUNGE": return .expunge(number)
        case "FETCH":
            try cursor.expectSpace()
            return .fetch(try parseMsgAtt(&cursor, sequenceNumber: number))
        default:
            cursor.skipSpaces()
            return .other(keyword: keyword, rest: try parseOpaqueRest(&cursor))
        }
    }

    // capability-data = "CAPABILITY" *(SP capability) ; enable-data = "ENABLED" *(SP capability)
    // capability = ("AUTH=" auth-type) / atom
    static func parseCapabilityList(_ cursor: inout ParseCursor) throws -> [Capability] {
        var capabilities: [Capability] = []
        while true {
            cursor.skipSpaces()
            guard let byte = cursor.peek(), ParseCursor.isAtomChar(byte, allowBracket: false) else { break }
            capabilities.append(Capability(try cursor.parseAtom()))
        }
        return capabilities
    }

    // flag-list = "(" [flag *(SP flag)] ")"
    static func parseFlagList(_ cursor: inout ParseCursor) throws -> [Flag] {
        try cursor.parseList { try parseFlag(&$0) }
    }

    // flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
    // flag-perm = flag / "\*" ; flag-extension = "\" atom ; flag-keyword = atom
    static func parseFlag(_ cursor: inout ParseCursor) throws -> Flag {
        if cursor.consume(UInt8(ascii: "\\")) {
            if cursor.consume(UInt8(ascii: "*")) { return .mayCreate }
            return Flag("\\" + (try cursor.parseAtom(allowBracket: true)))
        }
        return Flag(try cursor.parseAtom(allowBracket: true))
    }

    // id-response = "ID" SP id-params-list ; id-params-list = "(" *(string SP nstring) ")" / nil
    static func parseIDResponse(_ cursor: inout ParseCursor) throws -> [IDField]? {
        try cursor.expectSpace()
        if cursor.parseNil() { return nil }
        try cursor.enterList()
        var fields: [IDField] = []
        while !cursor.atListEnd() {
            let name = ParseCursor.text(try cursor.parseString())
            try cursor.expectSpace()
            let value = try cursor.parseNString().map(ParseCursor.text)
            fields.append(IDField(name: name, value: value))
            cursor.skipSpaces()
        }
        try cursor.exitList()
        return fields
    }

    /// The rest of an unmodelled response, literals included, so the stream stays in sync.
    static func parseOpaqueRest(_ cursor: inout ParseCursor) throws -> ByteBuffer {
        let start = cursor.mark
        while !cursor.atLineEnd {
            try skipGenericValue(&cursor)
            cursor.skipSpaces()
        }
        return cursor.bytes(since: start)
    }

    /// Skips one value of any shape: list, string, literal, or atom-like token (including `[…]`).
    static func skipGenericValue(_ cursor: inout ParseCursor) throws {
        switch cursor.peek() {
        case UInt8(ascii: "("):
            try cursor.enterList()
            while !cursor.atListEnd() {
                try skipGenericValue(&cursor)
                cursor.skipSpaces()
            }
            try cursor.exitList()
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "~"):
            _ = try cursor.parseString()
        case nil:
            throw cursor.failure("unexpected end of response")
        default:
            let start = cursor.mark
            while let byte = cursor.peek(), byte > 0x20, byte != 0x7F,
                  byte != UInt8(ascii: "("), byte != UInt8(ascii: ")"), byte != UInt8(ascii: "\"") {
                cursor.advance()
            }
            guard cursor.mark > start else { throw cursor.failure("unexpected character") }
        }
    }
}
