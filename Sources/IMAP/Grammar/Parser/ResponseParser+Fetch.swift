import NIOCore

extension ResponseParser {
    // msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"
    static func parseMsgAtt(_ cursor: inout ParseCursor, sequenceNumber: UInt32) throws -> FetchResponse {
        var response = FetchResponse(sequenceNumber: sequenceNumber)
        try cursor.enterList()
        while !cursor.atListEnd() {
            try parseMsgAttItem(&cursor, into: &response)
            cursor.skipSpaces()
        }
        try cursor.exitList()
        return response
    }

    // msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")" / "MODSEQ" SP "(" mod-sequence-value ")"
    // msg-att-static  = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time / "RFC822.SIZE" SP number64 /
    //                   "BODY" ["STRUCTURE"] SP body / "BODY" section ["<" number ">"] SP nstring /
    //                   "BINARY" section-binary SP (nstring / literal8) / "BINARY.SIZE" section-binary SP number /
    //                   "UID" SP uniqueid / "RFC822" [".HEADER" / ".TEXT"] SP nstring
    static func parseMsgAttItem(_ cursor: inout ParseCursor, into response: inout FetchResponse) throws {
        let name = try parseMsgAttName(&cursor)
        switch name {
        case "BODY" where cursor.peek() == UInt8(ascii: "["):
            response.sections.append(try parseBodySectionData(&cursor, isBinary: false))
            return
        case "BINARY" where cursor.peek() == UInt8(ascii: "["):
            response.sections.append(try parseBodySectionData(&cursor, isBinary: true))
            return
        case "BINARY.SIZE":
            let part = try parseSectionBinary(&cursor)
            try cursor.expectSpace()
            response.binarySizes[part] = try cursor.parseNumber()
            return
        default:
            break
        }
        try cursor.expectSpace()
        try parseSimpleMsgAtt(name, &cursor, into: &response)
    }

    /// The items of the form `NAME SP value`.
    private static func parseSimpleMsgAtt(_ name: String, _ cursor: inout ParseCursor, into response: inout FetchResponse) throws {
        switch name {
        case "UID": response.uid = UID(try cursor.parseNumber32())
        case "FLAGS": response.flags = try parseFlagList(&cursor)
        case "INTERNALDATE": response.internalDate = try parseDateTime(&cursor)
        case "RFC822.SIZE": response.rfc822Size = try cursor.parseNumber()
        case "ENVELOPE": response.envelope = try parseEnvelope(&cursor)
        case "BODYSTRUCTURE", "BODY": response.bodyStructure = try parseBody(&cursor)
        case "RFC822": response.sections.append(FetchedSection(section: .complete, data: try cursor.parseNString()))
        case "RFC822.HEADER": response.sections.append(FetchedSection(section: .header, data: try cursor.parseNString()))
        case "RFC822.TEXT": response.sections.append(FetchedSection(section: .text, data: try cursor.parseNString()))
        case "MODSEQ":
            try cursor.enterList()
            response.modSeq = try cursor.parseNumber()
            try cursor.exitList()
        case "X-GM-MSGID": response.gmailMessageID = try cursor.parseNumber()
        case "X-GM-THRID": response.gmailThreadID = try cursor.parseNumber()
        case "X-GM-LABELS": response.gmailLabels = try cursor.parseList { try parseGmailLabel(&$0) }
        default: try skipGenericValue(&cursor)
        }
    }

    /// A fetch item name such as `RFC822.SIZE` or `X-GM-LABELS` (letters, digits, `.`, `-`), upper-cased.
    static func parseMsgAttName(_ cursor: inout ParseCursor) throws -> String {
        let name = cursor.readWhile(isMsgAttNameChar)
        guard !name.isEmpty else { throw cursor.failure("expected a FETCH item name") }
        return asciiUppercased(name)
    }

    private static func isMsgAttNameChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    // "BODY" section ["<" number ">"] SP nstring / "BINARY" section-binary ["<" number ">"] SP (nstring / literal8)
    static func parseBodySectionData(_ cursor: inout ParseCursor, isBinary: Bool) throws -> FetchedSection {
        let section: SectionSpecifier
        if isBinary {
            section = SectionSpecifier(part: try parseSectionBinary(&cursor))
        } else {
            section = try parseSection(&cursor)
        }
        var origin: UInt32?
        if cursor.consume(UInt8(ascii: "<")) {
            origin = try cursor.parseNumber32()
            try cursor.expect(UInt8(ascii: ">"), "expected '>' after the origin")
        }
        try cursor.expectSpace()
        return FetchedSection(section: section, origin: origin, isBinary: isBinary, data: try cursor.parseNString())
    }

    /// A Gmail label: an astring, or a system-style `\Important`.
    static func parseGmailLabel(_ cursor: inout ParseCursor) throws -> String {
        if cursor.consume(UInt8(ascii: "\\")) {
            return "\\" + (try cursor.parseAtom(allowBracket: true))
        }
        return try cursor.parseAStringText()
    }

    // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    static func parseDateTime(_ cursor: inout ParseCursor) throws -> InternalDate {
        let text = ParseCursor.text(try cursor.parseString())
        guard let date = parseDateTimeText(text) else { throw cursor.failure("malformed date-time") }
        return date
    }

    /// `17-Jul-1996 02:44:25 -0700`, leniently: optional leading space, 1- or 2-digit day.
    static func parseDateTimeText(_ text: String) -> InternalDate? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 3 else { return nil }
        let dateParts = fields[0].split(separator: "-")
        let timeParts = fields[1].split(separator: ":")
        let zone = Array(fields[2].utf8)
        guard dateParts.count == 3, timeParts.count == 3, zone.count == 5,
              zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
              let day = Int(dateParts[0]), let year = Int(dateParts[2]),
              let month = InternalDate.monthNames.firstIndex(where: { asciiLowercased($0) == asciiLowercased(String(dateParts[1])) }),
              let hour = Int(timeParts[0]), let minute = Int(timeParts[1]), let second = Int(timeParts[2]),
              let zoneValue = Int(String(decoding: zone[1...], as: UTF8.self))
        else { return nil }
        let zoneMinutes = (zoneValue / 100 * 60 + zoneValue % 100) * (zone[0] == UInt8(ascii: "-") ? -1 : 1)
        return InternalDate(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second,
                            zoneMinutes: zoneMinutes)
    }
}
