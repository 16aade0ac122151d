extension CommandEncoder {
    // search = "SEARCH" [search-return-opts] SP search-criteria   (RFC 4731, RFC 9051)
    // search-criteria = [SP "CHARSET" SP charset] 1*(SP search-key)
    func encodeUIDSearch(_ key: SearchKey, returnOptions: [SearchReturnOption], into writer: inout CommandWriter) throws {
        writer.raw("UID SEARCH")
        if !returnOptions.isEmpty {
            writer.raw(" RETURN (" + returnOptions.map(\.rawValue).joined(separator: " ") + ")")
        }
        if key.needsUTF8 && !options.utf8Accept { writer.raw(" CHARSET UTF-8") }
        writer.space()
        try searchKey(key, nested: false, into: &writer)
    }

    /// One `search-key`; a conjunction is bare at the top level and parenthesized when nested.
    func searchKey(_ key: SearchKey, nested: Bool, into writer: inout CommandWriter) throws {
        switch key {
        case .and(let keys):
            try searchConjunction(keys, nested: nested, into: &writer)
        case .not(let inner):
            writer.raw("NOT ")
            try searchKey(inner, nested: true, into: &writer)
        case .or(let left, let right):
            writer.raw("OR ")
            try searchKey(left, nested: true, into: &writer)
            writer.space()
            try searchKey(right, nested: true, into: &writer)
        case .from(let s): try stringKey("FROM", s, into: &writer)
        case .to(let s): try stringKey("TO", s, into: &writer)
        case .cc(let s): try stringKey("CC", s, into: &writer)
        case .bcc(let s): try stringKey("BCC", s, into: &writer)
        case .subject(let s): try stringKey("SUBJECT", s, into: &writer)
        case .body(let s): try stringKey("BODY", s, into: &writer)
        case .text(let s): try stringKey("TEXT", s, into: &writer)
        case .header(let name, let value):
            writer.raw("HEADER ")
            try writer.atom(name, what: "header field name")
            guard !name.contains(":") else { throw IMAPError(.invalidArgument, hint: "header field name contains ':'") }
            writer.space()
            try writer.string(value)
        case .since(let d): writer.raw("SINCE \(d)")
        case .before(let d): writer.raw("BEFORE \(d)")
        case .on(let d): writer.raw("ON \(d)")
        case .sentSince(let d): writer.raw("SENTSINCE \(d)")
        case .sentBefore(let d): writer.raw("SENTBEFORE \(d)")
        case .sentOn(let d): writer.raw("SENTON \(d)")
        case .larger(let n): writer.raw("LARGER \(n)")
        case .smaller(let n): writer.raw("SMALLER \(n)")
        case .uid(let set):
            writer.raw("UID ")
            try uidSet(set, into: &writer)
        case .keyword(let flag), .unkeyword(let flag):
            writer.raw(key == .keyword(flag) ? "KEYWORD " : "UNKEYWORD ")
            try writer.atom(flag.rawValue, what: "keyword")
        default:
            writer.raw(CommandEncoder.flagKeyNames[key] ?? "ALL")
        }
    }

    private func searchConjunction(_ keys: [SearchKey], nested: Bool, into writer: inout CommandWriter) throws {
        if keys.isEmpty { return writer.raw("ALL") }
        if keys.count == 1 { return try searchKey(keys[0], nested: nested, into: &writer) }
        if nested { writer.raw("(") }
        for (index, key) in keys.enumerated() {
            if index > 0 { writer.space() }
            try searchKey(key, nested: true, into: &writer)
        }
        if nested { writer.raw(")") }
    }

    private func stringKey(_ name: String, _ value: String, into writer: inout CommandWriter) throws {
        writer.raw(name + " ")
        try writer.string(value)
    }

    /// Keys without arguments.
    static let flagKeyNames: [SearchKey: String] = [
        .all: "ALL", .answered: "ANSWERED", .unanswered: "UNANSWERED", .deleted: "DELETED",
        .undeleted: "UNDELETED", .draft: "DRAFT", .undraft: "UNDRAFT", .flagged: "FLAGGED",
        .unflagged: "UNFLAGGED", .seen: "SEEN", .unseen: "UNSEEN",
    ]
}
