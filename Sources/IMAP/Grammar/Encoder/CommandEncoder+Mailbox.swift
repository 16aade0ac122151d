import NIOCore

extension CommandEncoder {
    /// Commands that name a mailbox or a message set.
    func encodeMailboxCommand(_ command: Command, into writer: inout CommandWriter) throws {
        switch command {
        case .list(let reference, let pattern, let returnSpecialUse):
            // list = "LIST" SP mailbox SP list-mailbox [SP list-return-opts]
            writer.raw("LIST ")
            try mailbox(reference, into: &writer)
            writer.space()
            try writer.string(pattern)
            if returnSpecialUse { writer.raw(" RETURN (SPECIAL-USE)") }
        case .select(let name), .examine(let name), .create(let name):
            writer.raw(command.name + " ")
            try mailbox(name, into: &writer)
        case .status(let name, let attributes):
            // status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
            writer.raw("STATUS ")
            try mailbox(name, into: &writer)
            writer.raw(" (" + attributes.map(\.rawValue).joined(separator: " ") + ")")
        case .uidSearch(let key, let returnOptions):
            try encodeUIDSearch(key, returnOptions: returnOptions, into: &writer)
        case .uidFetch(let set, let attributes):
            writer.raw("UID FETCH ")
            try uidSet(set, into: &writer)
            writer.space()
            try encodeFetchAttributes(attributes, into: &writer)
        case .fetch(let set, let attributes):
            guard !set.isEmpty else { throw IMAPError(.invalidArgument, hint: "empty sequence set") }
            writer.raw("FETCH \(set) ")
            try encodeFetchAttributes(attributes, into: &writer)
        case .uidStore(let set, let operation, let silent, let flags):
            // store = "STORE" SP sequence-set SP store-att-flags ; store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
            writer.raw("UID STORE ")
            try uidSet(set, into: &writer)
            writer.raw(" \(operation.rawValue)FLAGS\(silent ? ".SILENT" : "") ")
            try flagList(flags, into: &writer)
        case .uidCopy(let set, let destination), .uidMove(let set, let destination):
            writer.raw(command.name + " ")
            try uidSet(set, into: &writer)
            writer.space()
            try mailbox(destination, into: &writer)
        case .uidExpunge(let set):
            writer.raw("UID EXPUNGE ")
            try uidSet(set, into: &writer)
        case .append(let name, let flags, let date, let message):
            try encodeAppend(name, flags: flags, date: date, message: message, into: &writer)
        default:
            throw IMAPError(.invalidArgument, hint: "command cannot be encoded here")
        }
    }

    // append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal
    private func encodeAppend(_ name: MailboxName, flags: [Flag], date: InternalDate?, message: LiteralBytes,
                              into writer: inout CommandWriter) throws {
        writer.raw("APPEND ")
        try mailbox(name, into: &writer)
        if !flags.isEmpty {
            writer.space()
            try flagList(flags, into: &writer)
        }
        if let date { writer.raw(" \"\(date)\"") }
        writer.space()
        writer.literal(message, traceText: "<\(message.count) bytes>")
    }

    /// `mailbox = "INBOX" / astring`, sent as a quoted string or literal.
    func mailbox(_ name: MailboxName, into writer: inout CommandWriter) throws {
        if name.isInbox { return writer.raw("INBOX") }
        try writer.string(name.wireName)
    }

    /// A non-empty `sequence-set` of UIDs.
    func uidSet(_ set: UIDSet, into writer: inout CommandWriter) throws {
        guard !set.isEmpty else { throw IMAPError(.invalidArgument, hint: "empty UID set") }
        writer.raw(set.description)
    }

    // flag-list = "(" [flag *(SP flag)] ")"
    func flagList(_ flags: [Flag], into writer: inout CommandWriter) throws {
        writer.raw("(")
        for (index, flag) in flags.enumerated() {
            if index > 0 { writer.space() }
            try writer.atom(flag.rawValue, what: "flag", allowLeadingBackslash: true)
        }
        writer.raw(")")
    }
}
