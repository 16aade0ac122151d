import NIOCore

extension ResponseParser {
    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]
    // search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"   (RFC 7162)
    static func parseSearchResponse(_ cursor: inout ParseCursor) throws -> UntaggedResponse {
        var numbers: [UInt32] = []
        var modSeq: UInt64?
        while true {
            cursor.skipSpaces()
            guard let byte = cursor.peek() else { break }
            if byte >= 0x30 && byte <= 0x39 {
                numbers.append(try cursor.parseNumber32())
                if numbers.count > cursor.limits.maxExpandedSetSize {
                    throw IMAPError.limitExceeded("maxExpandedSetSize", hint: "too many search results")
                }
            } else if byte == UInt8(ascii: "(") {
                try cursor.enterList()
                guard cursor.consumeKeyword("MODSEQ") else { throw cursor.failure("expected MODSEQ") }
                try cursor.expectSpace()
                modSeq = try cursor.parseNumber()
                try cursor.exitList()
            } else {
                break
            }
        }
        return .search(numbers, modSeq: modSeq)
    }

    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    // search-correlator = SP "(" "TAG" SP tag-string ")"
    static func parseESearchResponse(_ cursor: inout ParseCursor) throws -> ESearchResponse {
        var result = ESearchResponse()
        cursor.skipSpaces()
        if cursor.peek() == UInt8(ascii: "(") {
            try cursor.enterList()
            guard cursor.consumeKeyword("TAG") else { throw cursor.failure("expected TAG in search correlator") }
            try cursor.expectSpace()
            result.tag = try cursor.parseAStringText()
            try cursor.exitList()
        }
        cursor.skipSpaces()
        if cursor.consumeKeyword("UID") { result.isUID = true }
        while true {
            cursor.skipSpaces()
            guard !cursor.atLineEnd else { break }
            let name = asciiUppercased(try cursor.parseAtom())
            try cursor.expectSpace()
            try parseSearchReturnData(name, &cursor, into: &result)
        }
        return result
    }

    // search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set /
    //                      "COUNT" SP number / "MODSEQ" SP mod-sequence-value /
    //                      search-modifier-name SP search-return-value
    static func parseSearchReturnData(_ name: String, _ cursor: inout ParseCursor, into result: inout ESearchResponse) throws {
        switch name {
        case "MIN": result.min = try cursor.parseNumber32()
        case "MAX": result.max = try cursor.parseNumber32()
        case "ALL": result.all = try parseUIDSet(&cursor)
        case "COUNT": result.count = try cursor.parseNumber32()
        case "MODSEQ": result.modSeq = try cursor.parseNumber()
        default: try skipGenericValue(&cursor)
        }
    }
}
