import NIOCore

extension ResponseParser {
    // envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to SP
    //            env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"
    static func parseEnvelope(_ cursor: inout ParseCursor) throws -> Envelope {
        try cursor.enterList()
        var envelope = Envelope()
        envelope.date = try cursor.parseNStringText()
        try cursor.expectSpace()
        envelope.subject = try cursor.parseNStringText()
        try cursor.expectSpace()
        envelope.from = try parseAddressList(&cursor)
        try cursor.expectSpace()
        envelope.sender = try parseAddressList(&cursor)
        try cursor.expectSpace()
        envelope.replyTo = try parseAddressList(&cursor)
        try cursor.expectSpace()
        envelope.to = try parseAddressList(&cursor)
        try cursor.expectSpace()
        envelope.cc = try parseAddressList(&cursor)
        try cursor.expectSpace()
        envelope.bcc = try parseAddressList(&cursor)
        try cursor.expectSpace()
        envelope.inReplyTo = try cursor.parseNStringText()
        try cursor.expectSpace()
        envelope.messageID = try cursor.parseNStringText()
        try cursor.exitList()
        return envelope
    }

    // env-from = "(" 1*address ")" / nil   (likewise sender, reply-to, to, cc, bcc)
    // Lenient: "()" (Exchange) is an empty list, and spaces between addresses are allowed.
    static func parseAddressList(_ cursor: inout ParseCursor) throws -> [AddressListItem] {
        if cursor.parseNil() { return [] }
        let addresses = try cursor.parseList { try parseAddress(&$0) }
        return groupAddresses(addresses)
    }

    // address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
    static func parseAddress(_ cursor: inout ParseCursor) throws -> EnvelopeAddress {
        try cursor.enterList()
        let name = try cursor.parseNStringText()
        try cursor.expectSpace()
        let adl = try cursor.parseNStringText()
        try cursor.expectSpace()
        let mailbox = try cursor.parseNStringText()
        try cursor.expectSpace()
        let host = try cursor.parseNStringText()
        try cursor.exitList()
        return EnvelopeAddress(name: name, adl: adl, mailbox: mailbox, host: host)
    }

    /// Folds RFC 3501 group markers into groups: host NIL + mailbox starts a group (the mailbox is
    /// its name); host NIL + mailbox NIL ends it. An unterminated group runs to the end of the list.
    static func groupAddresses(_ addresses: [EnvelopeAddress]) -> [AddressListItem] {
        var items: [AddressListItem] = []
        var openGroup: (name: String, members: [EnvelopeAddress])?
        for address in addresses {
            if address.host == nil, let groupName = address.mailbox {
                if let group = openGroup { items.append(.group(name: group.name, members: group.members)) }
                openGroup = (groupName, [])
            } else if address.host == nil, address.mailbox == nil {
                if let group = openGroup { items.append(.group(name: group.name, members: group.members)) }
                openGroup = nil
            } else if openGroup != nil {
                openGroup?.members.append(address)
            } else {
                items.append(.mailbox(address))
            }
        }
        if let group = openGroup { items.append(.group(name: group.name, members: group.members)) }
        return items
    }
}
