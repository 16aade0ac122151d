import Foundation
import MailCore
import MIME
import NIOCore
import OAuth

/// `messages.send` for one built message. Gmail takes the envelope from the To, Cc and Bcc headers
/// and strips Bcc from what recipients receive, so unlike SMTP the Bcc list is written as a header
/// here. Small messages go as JSON `{"raw": base64url, "threadId": …}`; larger ones through
/// `POST /upload/gmail/v1/users/me/messages/send?uploadType=multipart` (`multipart/related`: JSON
/// metadata with the threadId, then the `message/rfc822` bytes). A send is never retried once written.
struct GmailSender: Sendable {
    let api: GmailAPIClient
    let limits: GmailLimits
    let userPath: String

    func send(_ message: OutgoingMessage) async throws -> SendReceipt {
        let built = try Self.build(message)
        let raw = try Self.bccField(for: message) + built.bytes
        guard raw.count <= limits.uploadMaximumBytes else {
            throw MailError(.messageTooLarge, detail: "the message exceeds Gmail's 35 MB upload limit")
        }
        let call = raw.count <= limits.simpleSendMaximumBytes
            ? try jsonCall(raw, threadID: message.threadID)
            : multipartCall(raw, threadID: message.threadID)
        let answer = try await api.json(call, as: GmailWire.Message.self)
        return SendReceipt(providerMessageID: answer.id, threadID: answer.threadId, internetMessageID: built.messageID)
    }

    static func build(_ message: OutgoingMessage) throws -> BuiltMessage {
        do throws(MIMEBuildError) {
            return try MessageBuilder.assemble(message)
        } catch {
            switch error.code {
            case .invalidAddress, .nonASCIIAddress:
                throw MailError(.invalidRecipient, detail: "an address in \(error.field) cannot be written")
            default:
                throw MailError(.providerError, detail: "the message could not be built (\(error))")
            }
        }
    }

    /// The `Bcc:` field Gmail needs to find the blind recipients (it removes the field before
    /// delivery). Written by our builder as the `To` of a header-only message — same address
    /// encoding (IDNA domains, folding) — and renamed; empty without Bcc recipients.
    static func bccField(for message: OutgoingMessage) throws -> [UInt8] {
        guard !message.bcc.isEmpty else { return [] }
        let carrier = OutgoingMessage(from: message.from, to: message.bcc, subject: "", textBody: "")
        let lines = try build(carrier).bytes.split(separator: 10, omittingEmptySubsequences: false)
        var field: [UInt8] = []
        var inTo = false
        for line in lines {
            if line.isEmpty || line == [13] { break }
            if line.first == 32 || line.first == 9 {
                if inTo { field += line + [10] }
                continue
            }
            inTo = line.starts(with: Array("To:".utf8))
            if inTo { field += Array("Bcc:".utf8) + line.dropFirst(3) + [10] }
        }
        return field
    }

    private func jsonCall(_ raw: [UInt8], threadID: String?) throws -> GmailAPIClient.Call {
        struct Body: Encodable { var raw: String; var threadId: String? }
        let body = try JSONEncoder().encode(Body(raw: Base64URL.encode(raw), threadId: threadID))
        return .init(
            method: .POST, path: userPath + "/messages/send", body: ByteBuffer(bytes: body),
            contentType: "application/json; charset=UTF-8", operation: .send
        )
    }

    private func multipartCall(_ raw: [UInt8], threadID: String?) -> GmailAPIClient.Call {
        let boundary = Self.boundary(notIn: raw)
        struct Metadata: Encodable { var threadId: String? }
        let metadata = (try? JSONEncoder().encode(Metadata(threadId: threadID))) ?? Data("{}".utf8)
        var body = ByteBuffer()
        body.reserveCapacity(raw.count + 512)
        body.writeString("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n")
        body.writeBytes(metadata)
        body.writeString("\r\n--\(boundary)\r\nContent-Type: message/rfc822\r\n\r\n")
        body.writeBytes(raw)
        body.writeString("\r\n--\(boundary)--\r\n")
        return .init(
            method: .POST, path: "/upload" + userPath + "/messages/send", query: [("uploadType", "multipart")],
            body: body, contentType: "multipart/related; boundary=\(boundary)", operation: .send
        )
    }

    /// A random multipart boundary that does not occur in `raw`.
    static func boundary(notIn raw: [UInt8]) -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let candidate = "mcpemails_" + (0..<24).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }.joined()
            if !contains(raw, Array(candidate.utf8)) { return candidate }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return false }
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none)
            return data.range(of: Data(needle)) != nil
        }
    }
}
