import AsyncHTTPClient
import Foundation
import GoogleStandIn
import MailCore
import NIOCore
import NIOHTTP1
import Testing

@testable import GmailProvider

@Suite("Gmail summaries and error mapping details")
struct GmailMappingTests {
    static let relatedWithInlineImage = """
        From: a@example.com\r\nTo: user@gmail.test\r\nSubject: inline\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/related; boundary="rel"\r\n\r\n--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
        <p><img src="cid:logo@x"></p>\r\n--rel\r\nContent-Type: image/png; name="logo.png"\r\nContent-ID: <logo@x>\r\n\
        Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--rel--\r\n
        """

    static let singlePartPDF = """
        From: a@example.com\r\nTo: user@gmail.test\r\nSubject: pdf\r\nMIME-Version: 1.0\r\n\
        Content-Type: application/pdf; name="scan.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n
        """

    @Test("list_inbox and read_email agree on has_attachments", arguments: [
        ("inline image in multipart/related", relatedWithInlineImage, false),
        ("single-part application/pdf", singlePartPDF, true),
    ])
    func hasAttachmentsParity(name: String, raw: String, expected: Bool) async throws {
        try await Harness.with { h in
            let id = h.standIn.deliver(Array(raw.utf8), to: h.user).id
            let listed = try #require(try await h.provider.list(ListRequest()).messages.first)
            let read = try await h.provider.read(messageID: id, options: ReadOptions())
            #expect(listed.hasAttachments == expected, "\(name) in list")
            #expect(read.summary.hasAttachments == expected, "\(name) in read")
            #expect(listed.subject == read.summary.subject)
            #expect(listed.date == read.summary.date)
            #expect(listed.snippet == read.summary.snippet)
        }
    }

    @Test("HTML entities in snippets are decoded")
    func entities() {
        #expect(HTMLEntities.decode("It&#39;s &quot;x&quot; &amp; y &lt;3 &#x2014; &bogus; &") == "It's \"x\" & y <3 — &bogus; &")
    }

    @Test("Retry-After as seconds, as HTTP-date, and Gmail's 'Retry after' timestamp")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        var headers = HTTPHeaders([("Retry-After", "42")])
        #expect(GmailErrorMapper.retryAfter(headers: headers, message: "", now: now) == 42)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        headers = HTTPHeaders([("Retry-After", formatter.string(from: now.addingTimeInterval(90)))])
        #expect(GmailErrorMapper.retryAfter(headers: headers, message: "", now: now) == 90)
        let stamp = ISO8601DateFormatter().string(from: now.addingTimeInterval(300))
        let message = "User-rate limit exceeded.  Retry after \(stamp)"
        #expect(GmailErrorMapper.retryAfter(headers: HTTPHeaders(), message: message, now: now) == 300)
        #expect(GmailErrorMapper.retryAfter(headers: HTTPHeaders(), message: "nothing", now: now) == nil)
    }

    @Test("error bodies map by status and reason; details never echo Google's message")
    func statusMapping() {
        func body(_ code: Int, _ reason: String) -> ByteBuffer {
            ByteBuffer(string: #"{"error":{"code":\#(code),"message":"secret alice@example.com","errors":[{"reason":"\#(reason)"}]}}"#)
        }
        let cases: [(Int, String, GmailOperation, MailError.Code)] = [
            (404, "notFound", .readMessage, .messageNotFound),
            (404, "notFound", .labels, .providerError),
            (400, "invalidArgument", .readMessage, .messageNotFound),
            (400, "invalidArgument", .search, .invalidQuery),
            (403, "insufficientPermissions", .list, .authFailed),
            (403, "dailyLimitExceeded", .send, .providerThrottled),
            (413, "uploadTooLarge", .send, .messageTooLarge),
            (502, "backendError", .list, .providerError),
        ]
        for (status, reason, operation, code) in cases {
            let error = GmailErrorMapper.map(
                status: status, headers: HTTPHeaders(), body: body(status, reason), operation: operation, defaultRetryAfter: 30
            )
            #expect(error.code == code, "\(status) \(reason) \(operation)")
            #expect(!error.description.contains("alice"))
        }
    }

    @Test("only failures before the request is written make a send retryable")
    func transportClassification() {
        #expect(GmailErrorMapper.transport(HTTPClientError.connectTimeout, operation: .send).code == .providerError)
        #expect(GmailErrorMapper.transport(HTTPClientError.remoteConnectionClosed, operation: .send).code == .deliveryUnknown)
        #expect(GmailErrorMapper.transport(HTTPClientError.readTimeout, operation: .send).code == .deliveryUnknown)
        #expect(GmailErrorMapper.transport(HTTPClientError.readTimeout, operation: .list).code == .providerError)
        #expect(GmailErrorMapper.transport(IOError(errnoCode: ECONNREFUSED, reason: "connect"), operation: .send).code == .providerError)
    }
}
