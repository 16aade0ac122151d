import Foundation
import IMAP
import NIOCore
import Testing

/// parse(encode(x)) == x for grammar values: strings through the command encoder, and envelopes
/// and body structures through a reference serializer written from RFC 3501 §7.4.2.
@Suite("Round trips")
struct RoundTripTests {
    @Test("mailbox names and strings: encoder output parses back", arguments: [
        "INBOX", "Sent Items", "quote\"d", "back\\slash", "Entwürfe", "日本語/メール", "", "[Gmail]/All Mail", "{5}", "50% off*",
    ])
    func strings(_ display: String) throws {
        for utf8 in [false, true] {
            let name = MailboxName(display, utf8Accept: utf8)
            for encoder in [CommandEncoder(), CommandEncoder(options: .init(literalPlus: true))] {
                let wire = try encoder.encode(.select(name), tag: "A1").chunks.map(\.text).joined()
                let argument = String(decoding: Array(wire.utf8).dropFirst("A1 SELECT ".utf8.count).dropLast(2), as: UTF8.self)
                let response = ParseFixture.single("* LIST () \"/\" \(argument)\r\n")
                guard case .untagged(.list(let info)) = response else { Issue.record("not LIST for \(display)"); return }
                #expect(info.name == name)
                #expect(info.name.displayName == display || name.isInbox)
            }
        }
    }

    @Test("UID sets")
    func uidSets() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var set = UIDSet()
            for _ in 0..<(1 + generator.next() % 8) { set.insert(UID(UInt32(1 + generator.next() % 60))) }
            guard case .untagged(.esearch(let result)) = ParseFixture.single("* ESEARCH UID ALL \(set)\r\n") else {
                Issue.record("not ESEARCH"); return
            }
            #expect(result.all == set)
        }
    }

    @Test("internal dates")
    func dates() throws {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let seconds = Int64(generator.next() % 4_000_000_000)
            let utc = try #require(InternalDate(secondsSince1970: seconds))
            #expect(utc.secondsSince1970 == seconds)
            var zoned = utc
            zoned.zoneMinutes = Int(generator.next() % 1400) - 700
            let fetch = ParseFixture.fetch("* 1 FETCH (INTERNALDATE \"\(zoned)\")\r\n")
            #expect(fetch?.internalDate == zoned)
        }
    }

    @Test("envelopes")
    func envelopes() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<150 {
            let envelope = RandomGrammar.envelope(&generator)
            let wire = "* 1 FETCH (ENVELOPE \(WireSerializer.envelope(envelope)))\r\n"
            let outcome = ParseFixture.run(chunks: [Array(wire.utf8)])
            guard case .untagged(.fetch(let fetch))? = outcome.responses.first else {
                Issue.record("no fetch: \(String(describing: outcome.error))"); return
            }
            #expect(fetch.envelope == envelope)
        }
    }

    @Test("body structures, byte by byte too")
    func bodyStructures() {
        var generator = SplitMix64(seed: 5)
        for round in 0..<120 {
            let body = RandomGrammar.body(&generator, depth: 0)
            let wire = "* 1 FETCH (BODYSTRUCTURE \(WireSerializer.body(body)))\r\n"
            let chunks = round % 10 == 0 ? Array(wire.utf8).map { [$0] } : [Array(wire.utf8)]
            let outcome = ParseFixture.run(chunks: chunks)
            guard case .untagged(.fetch(let fetch))? = outcome.responses.first else {
                Issue.record("no fetch: \(String(describing: outcome.error)) for \(wire)"); return
            }
            #expect(fetch.bodyStructure == body)
        }
    }
}

/// Random grammar values in the normalized form the parser produces.
enum RandomGrammar {
    static let words = ["alpha", "Grüße", "quote\"d", "back\\slash", "日本", "", "a b", "=?utf-8?q?x?=", "NIL", "(paren)"]

    static func string(_ g: inout SplitMix64) -> String { words[Int(g.next() % UInt64(words.count))] }
    static func optional(_ g: inout SplitMix64) -> String? { g.next() % 4 == 0 ? nil : string(&g) }

    static func address(_ g: inout SplitMix64) -> EnvelopeAddress {
        EnvelopeAddress(name: optional(&g), adl: nil, mailbox: "user\(g.next() % 100)", host: "example.org")
    }

    static func addressList(_ g: inout SplitMix64) -> [AddressListItem] {
        (0..<(g.next() % 4)).map { _ in
            if g.next() % 4 == 0 {
                return .group(name: "group\(g.next() % 9)", members: (0..<(g.next() % 3)).map { _ in address(&g) })
            }
            return .mailbox(address(&g))
        }
    }

    static func envelope(_ g: inout SplitMix64) -> Envelope {
        Envelope(date: optional(&g), subject: optional(&g), from: addressList(&g), sender: addressList(&g),
                 replyTo: addressList(&g), to: addressList(&g), cc: addressList(&g), bcc: addressList(&g),
                 inReplyTo: optional(&g), messageID: optional(&g))
    }

    static func parameters(_ g: inout SplitMix64) -> [BodyStructure.Parameter] {
        (0..<(g.next() % 3)).map { i in BodyStructure.Parameter(name: "p\(i)", value: string(&g)) }
    }

    static func ext(_ g: inout SplitMix64) -> BodyStructure.Extension {
        let disposition = g.next() % 2 == 0 ? nil : BodyStructure.Disposition(kind: "attachment", parameters: parameters(&g))
        let language = Array(["en", "de", "fr"].prefix(Int(g.next() % 4)))
        return BodyStructure.Extension(disposition: disposition, language: language, location: g.next() % 3 == 0 ? "loc" : nil)
    }

    static func body(_ g: inout SplitMix64, depth: Int) -> BodyStructure {
        if depth < 3, g.next() % 3 == 0 {
            let parts = (0..<(1 + g.next() % 3)).map { _ in body(&g, depth: depth + 1) }
            return .multipart(.init(parts: parts, subtype: "mixed", parameters: parameters(&g), extension: ext(&g)))
        }
        let fields = BodyStructure.Fields(parameters: parameters(&g), id: optional(&g), contentDescription: optional(&g),
                                          encoding: ["7BIT", "BASE64", "QUOTED-PRINTABLE"][Int(g.next() % 3)], octets: g.next() % 100_000)
        switch g.next() % 3 {
        case 0:
            return .singlePart(.init(type: "text", subtype: "plain", fields: fields, kind: .text(lines: g.next() % 500),
                                     md5: optional(&g), extension: ext(&g)))
        case 1 where depth < 3:
            return .singlePart(.init(type: "message", subtype: "rfc822", fields: fields,
                                     kind: .message(envelope: envelope(&g), body: body(&g, depth: depth + 1), lines: g.next() % 50),
                                     md5: nil, extension: ext(&g)))
        default:
            return .singlePart(.init(type: "application", subtype: "pdf", fields: fields, md5: optional(&g), extension: ext(&g)))
        }
    }
}

/// A reference serializer for server-side grammar (RFC 3501 §7.4.2), used only by tests.
enum WireSerializer {
    static func string(_ value: String?) -> String {
        guard let value else { return "NIL" }
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{\(value.utf8.count)}\r\n\(value)"
    }

    static func address(_ a: EnvelopeAddress) -> String {
        "(\(string(a.name)) \(string(a.adl)) \(string(a.mailbox)) \(string(a.host)))"
    }

    static func addressList(_ items: [AddressListItem]) -> String {
        guard !items.isEmpty else { return "NIL" }
        return "(" + items.map { item -> String in
            switch item {
            case .mailbox(let a): return address(a)
            case .group(let name, let members):
                return "(NIL NIL \(string(name)) NIL)" + members.map(address).joined() + "(NIL NIL NIL NIL)"
            }
        }.joined() + ")"
    }

    static func envelope(_ e: Envelope) -> String {
        "(" + [string(e.date), string(e.subject), addressList(e.from), addressList(e.sender), addressList(e.replyTo),
               addressList(e.to), addressList(e.cc), addressList(e.bcc), string(e.inReplyTo), string(e.messageID)]
            .joined(separator: " ") + ")"
    }

    static func parameters(_ p: [BodyStructure.Parameter]) -> String {
        p.isEmpty ? "NIL" : "(" + p.map { "\(string($0.name)) \(string($0.value))" }.joined(separator: " ") + ")"
    }

    static func ext(_ e: BodyStructure.Extension) -> String {
        let disposition = e.disposition.map { "(\(string($0.kind)) \(parameters($0.parameters)))" } ?? "NIL"
        let language = e.language.isEmpty ? "NIL" : "(" + e.language.map { string($0) }.joined(separator: " ") + ")"
        return "\(disposition) \(language) \(string(e.location))"
    }

    static func body(_ b: BodyStructure) -> String {
        switch b {
        case .multipart(let m):
            return "(" + m.parts.map(body).joined() + " \(string(m.subtype)) \(parameters(m.parameters)) \(ext(m.extension)))"
        case .singlePart(let p):
            let f = p.fields
            var out = "(\(string(p.type)) \(string(p.subtype)) \(parameters(f.parameters)) \(string(f.id)) "
                + "\(string(f.contentDescription)) \(string(f.encoding)) \(f.octets)"
            switch p.kind {
            case .basic: break
            case .text(let lines): out += " \(lines)"
            case .message(let e, let inner, let lines): out += " \(envelope(e)) \(body(inner)) \(lines)"
            }
            return out + " \(string(p.md5)) \(ext(p.extension)))"
        }
    }
}
