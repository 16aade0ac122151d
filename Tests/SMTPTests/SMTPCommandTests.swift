import Foundation
import NIOCore
import Testing

@testable import SMTP

@Suite("SMTP command encoder")
struct SMTPCommandTests {
    private func wire(_ command: SMTPCommand) -> String {
        var buffer = ByteBuffer()
        command.encode(into: &buffer)
        return String(buffer: buffer)
    }

    @Test("commands on the wire")
    func encoding() throws {
        let alice = try SMTPPath("alice@example.org")
        #expect(wire(.ehlo(try SMTPClientName("[127.0.0.1]"))) == "EHLO [127.0.0.1]\r\n")
        #expect(wire(.helo(try SMTPClientName("client.example.org"))) == "HELO client.example.org\r\n")
        #expect(wire(.startTLS) == "STARTTLS\r\n")
        #expect(wire(.mailFrom(alice, MailParameters())) == "MAIL FROM:<alice@example.org>\r\n")
        #expect(wire(.mailFrom(nil, MailParameters())) == "MAIL FROM:<>\r\n")
        #expect(wire(.mailFrom(alice, MailParameters(size: 1024, body: .eightBitMIME, smtpUTF8: true)))
            == "MAIL FROM:<alice@example.org> SIZE=1024 BODY=8BITMIME SMTPUTF8\r\n")
        #expect(wire(.rcptTo(try SMTPPath("bob@example.org"))) == "RCPT TO:<bob@example.org>\r\n")
        #expect(wire(.data) == "DATA\r\n")
        #expect(wire(.reset) == "RSET\r\n")
        #expect(wire(.noop) == "NOOP\r\n")
        #expect(wire(.quit) == "QUIT\r\n")
    }

    @Test("AUTH PLAIN, LOGIN and XOAUTH2 responses (RFC 4616, RFC 4954)")
    func sasl() throws {
        let plain = try SASLResponse.plain(username: "alice", password: "secret")
        #expect(wire(.auth(mechanism: .plain, initialResponse: plain)) == "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n")
        #expect(wire(.auth(mechanism: .login, initialResponse: nil)) == "AUTH LOGIN\r\n")
        #expect(wire(.authResponse(try .login("alice"))) == "YWxpY2U=\r\n")
        let token = try SASLResponse.xoauth2(user: "a@example.org", accessToken: "ya29.token")
        let expected = Data("user=a@example.org\u{1}auth=Bearer ya29.token\u{1}\u{1}".utf8)
        #expect(Data(base64Encoded: token.base64) == expected)
        #expect(wire(.authResponse(.empty)) == "\r\n")
        #expect(wire(.authResponse(.cancel)) == "*\r\n")
    }

    @Test("traces redact AUTH secrets")
    func redaction() throws {
        let plain = try SASLResponse.plain(username: "alice", password: "secret")
        #expect(SMTPCommand.auth(mechanism: .plain, initialResponse: plain).redactedLine == "AUTH PLAIN <redacted>")
        #expect(SMTPCommand.authResponse(try .login("secret")).redactedLine == "<redacted>")
        #expect(SMTPCommand.auth(mechanism: .login, initialResponse: nil).redactedLine == "AUTH LOGIN")
    }

    @Test("addresses that could inject commands are refused", arguments: [
        "bob@example.org>\r\nRCPT TO:<eve@evil.example", "bob@example.org\r\nDATA", "bob@example.org\n",
        "bob@exa\rmple.org", "bob@example.org> SIZE=1", "<bob@example.org", "bob @example.org", "bob\0@example.org",
        "bob\u{7f}@example.org", "", "no-at-sign", "@example.org", "bob@", "\u{1b}[31m@example.org",
        String(repeating: "a", count: 250) + "@example.org",
    ])
    func injection(address: String) {
        let error = #expect(throws: SMTPError.self) { try SMTPPath(address) }
        #expect(error?.code == .invalidArgument)
        #expect(error.map { !$0.description.contains(address) || address.isEmpty } ?? false)
    }

    @Test("ordinary and internationalized addresses are accepted", arguments: [
        ("alice@example.org", false), ("a.b+tag@sub.example.org", false), ("\"quoted\"@example.org", false),
        ("user@[192.0.2.1]", false), ("j\u{f6}rg@b\u{fc}cher.example", true), ("\u{7528}\u{6237}@example.cn", true),
    ])
    func accepted(address: String, needsUTF8: Bool) throws {
        let path = try SMTPPath(address)
        #expect(path.mailbox == address)
        #expect(path.needsSMTPUTF8 == needsUTF8)
    }

    @Test("EHLO names are domains or address literals", arguments: [
        "example.org\r\nMAIL FROM:<x@y>", "exa mple.org", "", "host\0", "h\u{e9}te.example",
    ])
    func badClientName(name: String) {
        #expect(throws: SMTPError.self) { try SMTPClientName(name) }
    }

    @Test("address literals")
    func addressLiterals() {
        #expect(SMTPClientName.addressLiteral("192.0.2.1")?.value == "[192.0.2.1]")
        #expect(SMTPClientName.addressLiteral("2001:db8::1")?.value == "[IPv6:2001:db8::1]")
    }

    @Test("credentials with NUL or XOAUTH2 separators are refused")
    func badCredentials() {
        #expect(throws: SMTPError.self) { try SASLResponse.plain(username: "a\0b", password: "x") }
        #expect(throws: SMTPError.self) { try SASLResponse.plain(username: "a", password: "x\0y") }
        #expect(throws: SMTPError.self) { try SASLResponse.xoauth2(user: "a", accessToken: "t\u{1}auth=x") }
        #expect(throws: SMTPError.self) { try SASLResponse.xoauth2(user: "a\r\nQUIT", accessToken: "t") }
    }
}
