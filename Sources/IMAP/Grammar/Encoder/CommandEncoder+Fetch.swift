extension CommandEncoder {
    // fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")
    func encodeFetchAttributes(_ attributes: [FetchAttribute], into writer: inout CommandWriter) throws {
        guard !attributes.isEmpty else { throw IMAPError(.invalidArgument, hint: "no FETCH attributes") }
        writer.raw("(")
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { writer.space() }
            try fetchAttribute(attribute, into: &writer)
        }
        writer.raw(")")
    }

    // fetch-att = "ENVELOPE" / "FLAGS" / "INTERNALDATE" / "RFC822.SIZE" / "BODYSTRUCTURE" / "UID" /
    //             "BODY" [".PEEK"] section [partial] / "BINARY" [".PEEK"] section-binary [partial] /
    //             "BINARY.SIZE" section-binary ; partial = "<" number "." nz-number ">"
    func fetchAttribute(_ attribute: FetchAttribute, into writer: inout CommandWriter) throws {
        switch attribute {
        case .uid: writer.raw("UID")
        case .flags: writer.raw("FLAGS")
        case .internalDate: writer.raw("INTERNALDATE")
        case .rfc822Size: writer.raw("RFC822.SIZE")
        case .envelope: writer.raw("ENVELOPE")
        case .bodyStructure: writer.raw("BODYSTRUCTURE")
        case .modSeq: writer.raw("MODSEQ")
        case .gmailMessageID: writer.raw("X-GM-MSGID")
        case .gmailThreadID: writer.raw("X-GM-THRID")
        case .gmailLabels: writer.raw("X-GM-LABELS")
        case .body(let section, let peek, let partial):
            writer.raw(peek ? "BODY.PEEK[" : "BODY[")
            try sectionSpec(section, into: &writer)
            writer.raw("]")
            try self.partial(partial, into: &writer)
        case .binary(let part, let peek, let partial):
            writer.raw((peek ? "BINARY.PEEK[" : "BINARY[") + part.map(String.init).joined(separator: ".") + "]")
            try self.partial(partial, into: &writer)
        case .binarySize(let part):
            writer.raw("BINARY.SIZE[" + part.map(String.init).joined(separator: ".") + "]")
        }
    }

    private func sectionSpec(_ section: SectionSpecifier, into writer: inout CommandWriter) throws {
        guard section.part.allSatisfy({ $0 > 0 }) else { throw IMAPError(.invalidArgument, hint: "part numbers start at 1") }
        if case .mime = section.kind, section.part.isEmpty {
            throw IMAPError(.invalidArgument, hint: "MIME needs a part number")
        }
        for case .headerFields(let names) in [section.kind] { try validateHeaderNames(names) }
        for case .headerFieldsNot(let names) in [section.kind] { try validateHeaderNames(names) }
        writer.raw(section.description)
    }

    private func validateHeaderNames(_ names: [String]) throws {
        guard !names.isEmpty else { throw IMAPError(.invalidArgument, hint: "empty header field list") }
        for name in names {
            guard !name.isEmpty, !name.contains(":"), name.utf8.allSatisfy(CommandWriter.isStrictAtomChar) else {
                throw IMAPError(.invalidArgument, hint: "header field name is not a valid atom")
            }
        }
    }

    private func partial(_ range: ClosedRange<UInt32>?, into writer: inout CommandWriter) throws {
        guard let range else { return }
        let length = UInt64(range.upperBound) - UInt64(range.lowerBound) + 1
        writer.raw("<\(range.lowerBound).\(length)>")
    }
}
