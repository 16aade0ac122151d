import Foundation
import MailCore
import Testing

@Suite("ReplyComposer")
struct ReplyComposerTests {
    static let me = EmailAddress(name: "Me", address: "me@example.com")

    static func original(from: String = "alice@example.com", replyTo: [String] = [], to: [String] = ["me@example.com"],
                         cc: [String] = [], subject: String = "Plans", id: String? = "<o@example.com>",
                         references: [String] = [], inReplyTo: [String] = []) -> Message {
        Message(summary: MessageSummary(messageID: "m", threadID: "t", from: EmailAddress(address: from),
                                        to: to.map { EmailAddress(address: $0) }, cc: cc.map { EmailAddress(address: $0) },
                                        subject: subject),
                replyTo: replyTo.map { EmailAddress(address: $0) }, internetMessageID: id,
                inReplyTo: inReplyTo, references: references)
    }

    @Test("Re: is added once and never stacked", arguments: [
        ("Plans", "Re: Plans"), ("Re: Plans", "Re: Plans"), ("RE: Plans", "RE: Plans"), ("AW: Pläne", "AW: Pläne"),
        ("", "Re:"), ("  Padded ", "Re: Padded"), ("Fwd: x", "Re: Fwd: x"),
    ])
    func subject(_ input: String, _ expected: String) {
        #expect(ReplyComposer.replySubject(input) == expected)
    }

    @Test("the reply goes to Reply-To when present, else From")
    func primaryRecipient() {
        #expect(ReplyComposer.recipients(of: Self.original(), replyAll: false, ownAddresses: [Self.me]).to.map(\.address) == ["alice@example.com"])
        let withReplyTo = Self.original(replyTo: ["list@example.com"])
        #expect(ReplyComposer.recipients(of: withReplyTo, replyAll: false, ownAddresses: [Self.me]).to.map(\.address) == ["list@example.com"])
    }

    @Test("reply-all adds To and Cc minus our own addresses, without duplicates, case-insensitively")
    func replyAll() {
        let message = Self.original(to: ["ME@example.com", "bob@example.com", "Alice@example.com"], cc: ["carol@example.com", "bob@example.com"])
        let (to, cc) = ReplyComposer.recipients(of: message, replyAll: true, ownAddresses: [Self.me])
        #expect(to.map(\.address) == ["alice@example.com", "bob@example.com"])
        #expect(cc.map(\.address) == ["carol@example.com"])
    }

    @Test("replying to our own sent message goes to its recipients")
    func ownMessage() {
        let sent = Self.original(from: "me@example.com", to: ["dan@example.com"])
        #expect(ReplyComposer.recipients(of: sent, replyAll: false, ownAddresses: [Self.me]).to.map(\.address) == ["dan@example.com"])
    }

    @Test("threading: In-Reply-To is the original id, References extend its chain")
    func threading() {
        let first = ReplyComposer.threading(of: Self.original())
        #expect(first.inReplyTo == "<o@example.com>")
        #expect(first.references == ["<o@example.com>"])
        let chained = ReplyComposer.threading(of: Self.original(references: ["<a@x>", "<b@x>"]))
        #expect(chained.references == ["<a@x>", "<b@x>", "<o@example.com>"])
        let onlyInReplyTo = ReplyComposer.threading(of: Self.original(inReplyTo: ["<p@x>"]))
        #expect(onlyInReplyTo.references == ["<p@x>", "<o@example.com>"])
        #expect(ReplyComposer.threading(of: Self.original(id: nil)).inReplyTo == nil)
    }
}

@Suite("AddressValidator")
struct AddressValidatorTests {
    @Test("accepted addr-specs", arguments: [
        "a@example.com", "first.last+tag@sub.example.co.uk", "\"quoted name\"@example.com", "user@[192.168.0.1]",
        "jörg@bücher.example", "x@xn--bcher-kva.example", "o'brien@example.ie",
    ])
    func valid(_ address: String) { #expect(AddressValidator.isValid(address)) }

    @Test("refused addresses", arguments: [
        "", "plain", "a@", "@b.com", "a@b", "a..b@c.com", ".a@c.com", "a.@c.com", "a b@c.com", "a@-c.com", "a@c-.com",
        "a@b.com\r\nBcc: x@y.com", "a@b.com\n", "a\0@b.com", String(repeating: "a", count: 65) + "@b.com",
        "a@" + String(repeating: "b", count: 250) + ".com", "\"unterminated@b.com",
    ])
    func invalid(_ address: String) { #expect(!AddressValidator.isValid(address)) }
}
