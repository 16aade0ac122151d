import Foundation
import IMAP
@testable import IMAPProvider
import MailCore
import Testing

@Suite("IMAP provider values: settings, credentials, ids, folders, structure")
struct UnitTests {
    static let settings = IMAPAccountSettings(
        email: "agent@example.com", username: "agent", imapHost: "imap.example.com", imapPort: 993, imapSecurity: .tls,
        smtpHost: "smtp.example.com", smtpPort: 587, smtpSecurity: .starttls,
        trustedCAPEM: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", saveSentCopy: false,
        maxConnections: 3, idleTimeoutSeconds: 120, commandTimeoutSeconds: 20)

    @Test("settings round-trip through the inbox dictionary and JSON")
    func settingsRoundTrip() throws {
        let dictionary = Self.settings.asDictionary()
        #expect(dictionary["imap.host"] == "imap.example.com")
        #expect(dictionary["imap.security"] == "tls")
        #expect(dictionary["smtp.security"] == "starttls")
        #expect(dictionary["sent.save_copy"] == "false")
        #expect(try IMAPAccountSettings(dictionary: dictionary) == Self.settings)
        var auto = Self.settings
        auto.saveSentCopy = nil
        auto.trustedCAPEM = nil
        #expect(try IMAPAccountSettings(dictionary: auto.asDictionary()) == auto)
        let json = try JSONEncoder().encode(Self.settings)
        #expect(try JSONDecoder().decode(IMAPAccountSettings.self, from: json) == Self.settings)
        var missing = dictionary
        missing["smtp.port"] = nil
        #expect(throws: IMAPAccountError.self) { try IMAPAccountSettings(dictionary: missing) }
        missing = dictionary
        missing["imap.security"] = "ssl"
        #expect(throws: IMAPAccountError.self) { try IMAPAccountSettings(dictionary: missing) }
    }

    @Test("validation names the bad field")
    func validation() {
        var bad = Self.settings
        bad.imapPort = 0
        #expect(throws: IMAPAccountError.self) { try bad.validate() }
        bad = Self.settings
        bad.smtpHost = "smtp example.com"
        #expect(throws: IMAPAccountError.self) { try bad.validate() }
        bad = Self.settings
        bad.email = "not-an-address"
        #expect(throws: IMAPAccountError.self) { try bad.validate() }
        bad = Self.settings
        bad.trustedCAPEM = "/etc/ssl/ca.pem"
        #expect(throws: IMAPAccountError.self) { try bad.validate() }
        bad = Self.settings
        bad.maxConnections = 100
        #expect(throws: IMAPAccountError.self) { try bad.validate() }
    }

    @Test("saveSentCopy auto: off for providers that file sent mail themselves")
    func sentCopyAuto() {
        var settings = Self.settings
        settings.saveSentCopy = nil
        #expect(settings.savesSentCopy)
        for host in ["smtp.gmail.com", "smtp.office365.com", "smtp-mail.outlook.com", "SMTP.GMAIL.COM."] {
            settings.smtpHost = host
            #expect(!settings.savesSentCopy, "\(host)")
        }
        settings.smtpHost = "notgmail.com.example.org"
        #expect(settings.savesSentCopy)
        settings.smtpHost = "smtp.gmail.com"
        settings.saveSentCopy = true
        #expect(settings.savesSentCopy)
    }

    @Test("credentials encode to JSON and never print their secret")
    func credentials() throws {
        let credentials = IMAPCredentials.password("hunter2-secret")
        #expect(try IMAPCredentials(bytes: credentials.encoded()) == credentials)
        #expect(try IMAPCredentials(bytes: IMAPCredentials.xoauth2(accessToken: "tok").encoded()).method == .xoauth2)
        #expect(!"\(credentials)".contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(throws: IMAPAccountError.self) { try IMAPCredentials(bytes: Array("garbage".utf8)) }
        #expect(throws: IMAPAccountError.self) { try IMAPCredentials(bytes: Array(#"{"method":"password","secret":""}"#.utf8)) }
    }

    @Test("message ids round-trip and reject anything malformed")
    func messageIDs() throws {
        let locator = MessageLocator(mailbox: MailboxName("Entwürfe/Ünter"), uidValidity: UIDValidity(4_000_000_000), uid: UID(42))
        let id = locator.id
        #expect(id.hasPrefix("i1."))
        #expect(!id.contains("=") && !id.contains("/") && !id.contains("+"))
        #expect(MessageLocator(id: id) == locator)
        let raw = { (text: String) in "i1." + Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") }
        for bad in ["", "i1.", "i2.SU5CT1gAMQA0Mg", raw("INBOX\u{0}1"), raw("INBOX\u{0}1\u{0}0"), raw("INBOX\u{0}x\u{0}1"),
                    raw("\u{0}1\u{0}1"), raw("INBOX\u{0}1\u{0}01"), raw("INBOX\u{0}1\u{0}4294967296"), raw("IN\r\nBOX\u{0}1\u{0}1"),
                    raw("INBOX\u{0}1\u{0}1\u{0}1"), "i1.@@@"] {
            #expect(MessageLocator(id: bad) == nil, "\(bad)")
        }
        #expect(MessageLocator(id: raw("INBOX\u{0}1\u{0}7"))?.uid == UID(7))
    }

    @Test("thread ids come from the References root, else In-Reply-To, else Message-ID")
    func threadIDs() {
        let root = ThreadIdentifier.make(references: [], inReplyTo: [], messageID: "<Root@Example.org>")
        #expect(root == ThreadIdentifier.make(references: ["<root@example.org>", "<b@x>"], inReplyTo: ["<b@x>"], messageID: "<c@x>"))
        #expect(root == ThreadIdentifier.make(references: [], inReplyTo: ["<root@example.org>"], messageID: "<c@x>"))
        #expect(root?.count == 17)
        #expect(ThreadIdentifier.make(references: [], inReplyTo: [], messageID: nil) == nil)
        #expect(root != ThreadIdentifier.make(references: [], inReplyTo: [], messageID: "<other@example.org>"))
    }

    static func box(_ name: String, _ attributes: [MailboxAttribute] = []) -> MailboxInfo {
        MailboxInfo(attributes: attributes, delimiter: "/", name: MailboxName(name))
    }

    @Test("folders: SPECIAL-USE first, then common names; named folders exact or uniquely case-insensitive")
    func folderDirectory() {
        let gmail = FolderDirectory(mailboxes: [
            Self.box("INBOX"), Self.box("[Gmail]", [.noSelect]), Self.box("[Gmail]/All Mail", [.all]),
            Self.box("[Gmail]/Sent Mail", [.sent]), Self.box("[Gmail]/Bin", [.trash]), Self.box("[Gmail]/Drafts", [.drafts]),
            Self.box("[Gmail]/Spam", [.junk]), Self.box("Work"), Self.box("work stuff"),
        ])
        #expect(gmail.mailbox(for: .sent)?.name.displayName == "[Gmail]/Sent Mail")
        #expect(gmail.mailbox(for: .trash)?.name.displayName == "[Gmail]/Bin")
        #expect(gmail.mailbox(for: .named("work"))?.name.displayName == "Work")
        #expect(gmail.mailbox(for: .named("[Gmail]")) == nil)
        #expect(gmail.mailbox(for: .named("inbox"))?.name == .inbox)
        #expect(gmail.searchableMailboxes.map(\.name.displayName) == ["INBOX", "[Gmail]/Sent Mail", "[Gmail]/Bin", "[Gmail]/Drafts", "Work", "work stuff"])
        #expect(gmail.displayName(of: MailboxName("[Gmail]/Sent Mail")) == "SENT")

        let legacy = FolderDirectory(mailboxes: [Self.box("INBOX"), Self.box("INBOX.Sent Items"), Self.box("Deleted Messages"),
                                                 Self.box("INBOX.Drafts")])
        #expect(legacy.mailbox(for: .sent)?.name.displayName == "INBOX.Sent Items")
        #expect(legacy.mailbox(for: .trash)?.name.displayName == "Deleted Messages")
        #expect(legacy.mailbox(for: .drafts)?.name.displayName == "INBOX.Drafts")
        let none = FolderDirectory(mailboxes: [Self.box("INBOX")])
        #expect(none.mailbox(for: .sent) == nil)
        #expect(none.mailbox(for: .inbox) != nil)
        let ambiguous = FolderDirectory(mailboxes: [Self.box("Reports"), Self.box("REPORTS")])
        #expect(ambiguous.mailbox(for: .named("reports")) == nil)
        #expect(ambiguous.mailbox(for: .named("REPORTS"))?.name.displayName == "REPORTS")
    }

    static func leaf(_ type: String, _ subtype: String, parameters: [BodyStructure.Parameter] = [], id: String? = nil,
                     disposition: String? = nil) -> BodyStructure {
        let ext = BodyStructure.Extension(disposition: disposition.map { BodyStructure.Disposition(kind: $0, parameters: []) })
        return .singlePart(.init(type: type, subtype: subtype, fields: .init(parameters: parameters, id: id),
                                 kind: type == "text" ? .text(lines: 1) : .basic, extension: ext))
    }

    @Test("BODYSTRUCTURE outline: snippet part and attachments as the MIME engine decides")
    func outline() {
        let alternative = BodyStructure.multipart(.init(parts: [Self.leaf("text", "plain"), Self.leaf("text", "html")], subtype: "alternative"))
        let mixed = BodyStructure.multipart(.init(parts: [alternative, Self.leaf("application", "pdf", disposition: "attachment")], subtype: "mixed"))
        let mixedOutline = BodyStructureOutline(mixed)
        #expect(mixedOutline.snippetPart?.section == [1, 1])
        #expect(mixedOutline.hasAttachments)
        let related = BodyStructure.multipart(.init(parts: [Self.leaf("text", "html"), Self.leaf("image", "png", id: "<a@b>")], subtype: "related"))
        let relatedOutline = BodyStructureOutline(related)
        #expect(relatedOutline.snippetPart?.section == [1])
        #expect(relatedOutline.snippetPart?.isHTML == true)
        #expect(!relatedOutline.hasAttachments)
        #expect(BodyStructureOutline(Self.leaf("text", "plain")).snippetPart?.section == [1])
        #expect(!BodyStructureOutline(Self.leaf("text", "plain")).hasAttachments)
        let enriched = BodyStructure.multipart(.init(parts: [Self.leaf("text", "enriched"), Self.leaf("text", "plain")], subtype: "alternative"))
        #expect(!BodyStructureOutline(enriched).hasAttachments)
        let namedText = Self.leaf("text", "plain", parameters: [.init(name: "name", value: "notes.txt")], disposition: "attachment")
        let withText = BodyStructure.multipart(.init(parts: [Self.leaf("text", "plain"), namedText], subtype: "mixed"))
        #expect(BodyStructureOutline(withText).hasAttachments)
        #expect(BodyStructureOutline(withText).textParts.count == 1)
    }

    @Test("snippets decode transfer encoding and charset, drop HTML, and survive a cut")
    func snippets() {
        let part = { (subtype: String, encoding: String, charset: String) in
            BodyStructureOutline.TextPart(section: [1], part: .init(
                type: "text", subtype: subtype,
                fields: .init(parameters: [.init(name: "charset", value: charset)], encoding: encoding), kind: .text(lines: 1)))
        }
        let qp = Array("Caf=E9 cr=E8me =\r\nbr=FBl=E9e\r\n".utf8)
        #expect(SummaryBuilder.snippet(from: qp, part: part("plain", "quoted-printable", "iso-8859-1")) == "Café crème brûlée")
        let html = Array(Data("<p>Hello <b>world</b></p><script>x</script>".utf8).base64EncodedString().utf8)
        #expect(SummaryBuilder.snippet(from: html, part: part("html", "base64", "utf-8")) == "Hello world")
        let long = Array(String(repeating: "é", count: 1500).utf8).prefix(2048)
        let cut = SummaryBuilder.snippet(from: Array(long) + [0xC3], part: part("plain", "8bit", "utf-8"))
        #expect(!cut.contains("\u{FFFD}"))
        #expect(cut.count <= MessageSummary.snippetLimit)
    }
}
