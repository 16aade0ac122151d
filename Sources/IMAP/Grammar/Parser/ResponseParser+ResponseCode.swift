import NIOCore

extension ResponseParser {
    // resp-text-code = "ALERT" / "BADCHARSET" [SP "(" charset *(SP charset) ")" ] / capability-data /
    //                  "PARSE" / "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
    //                  "READ-ONLY" / "READ-WRITE" / "TRYCREATE" / "UIDNEXT" SP nz-number /
    //                  "UIDVALIDITY" SP nz-number / "UNSEEN" SP nz-number / resp-code-apnd /
    //                  resp-code-copy / "UIDNOTSTICKY" / "HIGHESTMODSEQ" SP mod-sequence-value /
    //                  atom [SP 1*<any TEXT-CHAR except "]">]
    static func parseRespTextCode(_ cursor: inout ParseCursor) throws -> ResponseCode {
        let name = asciiUppercased(try cursor.parseAtom())
        if let simple = ResponseCode.simpleNames[name] {
            skipCodeArguments(&cursor)
            return simple
        }
        let saved = cursor.mark
        if let typed = try? parseTypedCode(name, &cursor), cursor.peek() == UInt8(ascii: "]") {
            return typed
        }
        // A known code with arguments we could not read: keep it rather than fail the response.
        cursor.restore(saved)
        return .other(name: name, text: parseCodeText(&cursor))
    }

    /// The codes with typed arguments; throws when the arguments do not match.
    private static func parseTypedCode(_ name: String, _ cursor: inout ParseCursor) throws -> ResponseCode {
        switch name {
        case "CAPABILITY":
            return .capability(try parseCapabilityList(&cursor))
        case "PERMANENTFLAGS":
            try cursor.expectSpace()
            return .permanentFlags(try parseFlagList(&cursor))
        case "BADCHARSET":
            cursor.skipSpaces()
            guard cursor.peek() == UInt8(ascii: "(") else { return .badCharset([]) }
            return .badCharset(try cursor.parseList { try $0.parseAStringText() })
        case "UIDNEXT":
            try cursor.expectSpace()
            return .uidNext(UID(try cursor.parseNumber32()))
        case "UIDVALIDITY":
            try cursor.expectSpace()
            return .uidValidity(UIDValidity(try cursor.parseNumber32()))
        case "UNSEEN":
            try cursor.expectSpace()
            return .unseen(try cursor.parseNumber32())
        case "HIGHESTMODSEQ":
            try cursor.expectSpace()
            return .highestModSeq(try cursor.parseNumber())
        case "APPENDUID":
            return try parseRespCodeAppend(&cursor)
        case "COPYUID":
            return try parseRespCodeCopy(&cursor)
        default:
            return .other(name: name, text: parseCodeText(&cursor))
        }
    }

    // resp-code-apnd = "APPENDUID" SP nz-number SP append-uid ; append-uid = uniqueid / uid-set (MULTIAPPEND)
    static func parseRespCodeAppend(_ cursor: inout ParseCursor) throws -> ResponseCode {
        try cursor.expectSpace()
        let validity = UIDValidity(try cursor.parseNumber32())
        try cursor.expectSpace()
        return .appendUID(validity, try parseUIDSet(&cursor))
    }

    // resp-code-copy = "COPYUID" SP nz-number SP uid-set SP uid-set
    static func parseRespCodeCopy(_ cursor: inout ParseCursor) throws -> ResponseCode {
        try cursor.expectSpace()
        let validity = UIDValidity(try cursor.parseNumber32())
        try cursor.expectSpace()
        let source = try parseUIDSet(&cursor)
        try cursor.expectSpace()
        return .copyUID(validity, source, try parseUIDSet(&cursor))
    }

    // sequence-set = (seq-number / seq-range) ["," sequence-set] ; seq-range = seq-number ":" seq-number
    // seq-number = nz-number / "*"
    static func parseUIDSet(_ cursor: inout ParseCursor) throws -> UIDSet {
        var ranges = NumberRanges()
        repeat {
            let first = try parseSeqNumber(&cursor)
            var last = first
            if cursor.consume(UInt8(ascii: ":")) { last = try parseSeqNumber(&cursor) }
            ranges.insert(min(first, last)...max(first, last))
        } while cursor.consume(UInt8(ascii: ","))
        return UIDSet(storage: ranges)
    }

    private static func parseSeqNumber(_ cursor: inout ParseCursor) throws -> UInt32 {
        if cursor.consume(UInt8(ascii: "*")) { return UInt32.max }
        return try cursor.parseNumber32()
    }

    /// The free text after an unknown code's name, up to (not including) `]`.
    private static func parseCodeText(_ cursor: inout ParseCursor) -> String? {
        cursor.skipSpaces()
        let text = cursor.readWhile { $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        return text.isEmpty ? nil : text
    }

    /// Skips arguments a code should not have (tolerating servers that add some).
    private static func skipCodeArguments(_ cursor: inout ParseCursor) {
        _ = parseCodeText(&cursor)
    }
}
