import NIOCore

extension ResponseParser {
    // mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
    //                [SP mbox-list-extended]
    static func parseMailboxList(_ cursor: inout ParseCursor) throws -> MailboxInfo {
        try cursor.expectSpace()
        let attributes = try cursor.parseList { try parseMailboxAttribute(&$0) }
        try cursor.expectSpace()
        let delimiter = try parseDelimiter(&cursor)
        try cursor.expectSpace()
        let name = try parseMailbox(&cursor)
        // mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"
        cursor.skipSpaces()
        if cursor.peek() == UInt8(ascii: "(") { try skipGenericValue(&cursor) }
        return MailboxInfo(attributes: attributes, delimiter: delimiter, name: name)
    }

    // mbx-list-flags = *(mbx-list-oflag SP) mbx-list-sflag *(SP mbx-list-oflag) / …
    // mbx-list-oflag = "\Noinferiors" / child-mbox-flag / "\Subscribed" / "\Remote" / flag-extension
    static func parseMailboxAttribute(_ cursor: inout ParseCursor) throws -> MailboxAttribute {
        let hasBackslash = cursor.consume(UInt8(ascii: "\\"))
        let atom = try cursor.parseAtom(allowBracket: true)
        return MailboxAttribute(hasBackslash ? "\\" + atom : atom)
    }

    /// The hierarchy delimiter: a one-character quoted string or NIL.
    static func parseDelimiter(_ cursor: inout ParseCursor) throws -> Character? {
        if cursor.parseNil() { return nil }
        let text = ParseCursor.text(try cursor.parseString())
        guard text.count <= 1 else { throw cursor.failure("hierarchy delimiter longer than one character") }
        return text.first
    }

    // mailbox = "INBOX" / astring
    static func parseMailbox(_ cursor: inout ParseCursor) throws -> MailboxName {
        MailboxName(wireName: try cursor.parseAStringText())
    }

    // mailbox-data =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
    // status-att-list = status-att-val *(SP status-att-val)
    static func parseStatusResponse(_ cursor: inout ParseCursor) throws -> UntaggedResponse {
        try cursor.expectSpace()
        let name = try parseMailbox(&cursor)
        cursor.skipSpaces()
        var status = MailboxStatus()
        try cursor.enterList()
        while !cursor.atListEnd() {
            let item = asciiUppercased(try cursor.parseAtom())
            try cursor.expectSpace()
            try parseStatusAttVal(item, &cursor, into: &status)
            cursor.skipSpaces()
        }
        try cursor.exitList()
        return .status(name, status)
    }

    // status-att-val = ("MESSAGES" SP number) / ("UIDNEXT" SP nz-number) / ("UIDVALIDITY" SP nz-number) /
    //                  ("UNSEEN" SP number) / ("DELETED" SP number) / ("SIZE" SP number64) /
    //                  ("RECENT" SP number) / ("HIGHESTMODSEQ" SP mod-sequence-valzer)
    static func parseStatusAttVal(_ item: String, _ cursor: inout ParseCursor, into status: inout MailboxStatus) throws {
        switch item {
        case "MESSAGES": status.messages = try cursor.parseNumber32()
        case "RECENT": status.recent = try cursor.parseNumber32()
        case "UIDNEXT": status.uidNext = UID(try cursor.parseNumber32())
        case "UIDVALIDITY": status.uidValidity = UIDValidity(try cursor.parseNumber32())
        case "UNSEEN": status.unseen = try cursor.parseNumber32()
        case "DELETED": status.deleted = try cursor.parseNumber32()
        case "SIZE": status.size = try cursor.parseNumber()
        case "HIGHESTMODSEQ": status.highestModSeq = try cursor.parseNumber()
        default: try skipGenericValue(&cursor)
        }
    }
}
