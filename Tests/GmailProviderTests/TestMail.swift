import Foundation

/// Hand-written RFC 5322 test messages (CRLF), independent of our MIME builder.
struct TestMail {
    var from = "Alice Example <alice@example.com>"
    var to = "user@gmail.test"
    var cc: String?
    var subject = "Hello"
    var text: String? = "Hello there"
    var html: String?
    var attachments: [(name: String, type: String, data: [UInt8])] = []
    var messageID = "<\(UUID().uuidString.lowercased())@example.com>"
    var inReplyTo: String?
    var date = "Mon, 02 Mar 2026 10:00:00 +0000"

    var bytes: [UInt8] { Array(rendered.utf8) }

    var rendered: String {
        var head = "From: \(from)\r\nTo: \(to)\r\n"
        if let cc { head += "Cc: \(cc)\r\n" }
        head += "Subject: \(subject)\r\nDate: \(date)\r\nMessage-ID: \(messageID)\r\n"
        if let inReplyTo { head += "In-Reply-To: \(inReplyTo)\r\nReferences: \(inReplyTo)\r\n" }
        head += "MIME-Version: 1.0\r\n"
        let body = bodyEntity
        guard !attachments.isEmpty else { return head + body }
        var out = head + "Content-Type: multipart/mixed; boundary=\"mixed-b\"\r\n\r\n--mixed-b\r\n" + body + "\r\n"
        for attachment in attachments {
            let encoded = Data(attachment.data).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            out += "--mixed-b\r\nContent-Type: \(attachment.type); name=\"\(attachment.name)\"\r\n"
            out += "Content-Disposition: attachment; filename=\"\(attachment.name)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            out += encoded + "\r\n"
        }
        return out + "--mixed-b--\r\n"
    }

    private var bodyEntity: String {
        switch (text, html) {
        case (let text?, let html?):
            return "Content-Type: multipart/alternative; boundary=\"alt-b\"\r\n\r\n--alt-b\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(text)\r\n"
                + "--alt-b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(html)\r\n--alt-b--\r\n"
        case (nil, let html?):
            return "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(html)\r\n"
        default:
            return "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(text ?? "")\r\n"
        }
    }
}
