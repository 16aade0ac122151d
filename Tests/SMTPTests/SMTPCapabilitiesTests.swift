import Testing

@testable import SMTP

@Suite("EHLO keywords (RFC 5321 §4.1.1.1)")
struct SMTPCapabilitiesTests {
    @Test("Postfix submission after STARTTLS")
    func postfix() {
        let reply = SMTPReply(code: 250, lines: [
            "mail.mcpemails.test", "PIPELINING", "SIZE 40000000", "VRFY", "ETRN", "AUTH PLAIN LOGIN",
            "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING",
        ])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.serverName == "mail.mcpemails.test")
        #expect(capabilities.maximumMessageSize == 40_000_000)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(capabilities.supportsPipelining && capabilities.supportsEightBitMIME && capabilities.supportsSMTPUTF8)
        #expect(capabilities.supportsChunking && capabilities.supportsDSN && capabilities.supportsEnhancedStatusCodes)
        #expect(!capabilities.supportsStartTLS)
    }

    @Test("Gmail-like greeting with STARTTLS and XOAUTH2, lower-case keywords, old AUTH= syntax")
    func variants() {
        let reply = SMTPReply(code: 250, lines: [
            "smtp.example.com at your service, [192.0.2.1]", "size 35882577", "starttls",
            "AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH", "AUTH=login",
        ])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.serverName == "smtp.example.com")
        #expect(capabilities.supportsStartTLS)
        #expect(capabilities.maximumMessageSize == 35_882_577)
        #expect(capabilities.authMechanisms.isSuperset(of: ["LOGIN", "PLAIN", "XOAUTH2", "OAUTHBEARER"]))
        #expect(!capabilities.supportsEightBitMIME)
    }

    @Test("SIZE without a number or SIZE 0 means no announced limit", arguments: [["SIZE"], ["SIZE 0"], ["SIZE x"], []])
    func sizeUnknown(lines: [String]) {
        let capabilities = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["host"] + lines))
        #expect(capabilities.maximumMessageSize == nil)
    }

    @Test("a single-line EHLO reply offers nothing")
    func singleLine() {
        let capabilities = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["host greets you"]))
        #expect(capabilities.serverName == "host")
        #expect(capabilities.keywords.isEmpty)
        #expect(SMTPCapabilities.none.authMechanisms.isEmpty)
    }
}
