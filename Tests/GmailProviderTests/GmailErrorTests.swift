import AsyncHTTPClient
import Foundation
import GmailProvider
import GoogleStandIn
import MailCore
import NIOCore
import NIOHTTP1
import Testing

@Suite("Gmail error mapping")
struct GmailErrorTests {
    @Test("403 insufficient scopes is authFailed, without a refresh")
    func insufficientScope() async throws {
        try await Harness.with(scopes: ["https://www.googleapis.com/auth/gmail.send"]) { h in
            await expectMailError(.authFailed) { _ = try await h.provider.list(ListRequest()) }
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenRefresh) == 0)
        }
    }

    @Test("429 with Retry-After is throttled with that retryAfter")
    func tooManyRequests() async throws {
        try await Harness.with { h in
            h.standIn.injectFaults([.tooManyRequests(retryAfter: 7)], endpoint: GoogleEndpoint.messagesList)
            let error = await expectMailError(.providerThrottled) { _ = try await h.provider.list(ListRequest()) }
            #expect(error?.retryAfter == 7)
        }
    }

    @Test("403 rate-limit reasons are throttled, with Retry-After or the default", arguments: ["rateLimitExceeded", "userRateLimitExceeded"])
    func rateLimit403(reason: String) async throws {
        try await Harness.with { h in
            h.standIn.injectFaults([.rateLimit403(reason: reason, retryAfter: 12)], endpoint: GoogleEndpoint.messagesList)
            let first = await expectMailError(.providerThrottled) { _ = try await h.provider.list(ListRequest()) }
            #expect(first?.retryAfter == 12)
            h.standIn.injectFaults([.rateLimit403(reason: reason, retryAfter: nil)], endpoint: GoogleEndpoint.messagesList)
            let second = await expectMailError(.providerThrottled) { _ = try await h.provider.list(ListRequest()) }
            #expect(second?.retryAfter == GmailLimits().defaultRetryAfterSeconds)
        }
    }

    @Test("5xx is provider_error", arguments: [500, 503])
    func serverErrors(status: Int) async throws {
        try await Harness.with { h in
            let id = h.deliver(TestMail())
            h.standIn.injectFaults([.status(status)], endpoint: GoogleEndpoint.messagesGet)
            await expectMailError(.providerError) { _ = try await h.provider.read(messageID: id, options: ReadOptions()) }
            // The fault is consumed; the next read works.
            _ = try await h.provider.read(messageID: id, options: ReadOptions())
        }
    }

    @Test("a connection lost after the send was written is deliveryUnknown, never retried")
    func droppedSend() async throws {
        try await Harness.with { h in
            h.standIn.injectFaults([.dropConnectionAfterProcessing], endpoint: GoogleEndpoint.messagesSend)
            let message = GmailSendTests.outgoing(h, to: ["lost@gmail.test"])
            await expectMailError(.deliveryUnknown) { _ = try await h.provider.send(message) }
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesSend) == 1)
            #expect(h.standIn.messages(of: h.user).count == 1)
            #expect(h.standIn.messages(of: "lost@gmail.test").count == 1)
        }
    }

    @Test("a send whose answer times out is deliveryUnknown and stored once")
    func sendTimeout() async throws {
        // Generous margins: on a loaded CI machine the request itself may take a second to arrive.
        try await Harness.with(limits: GmailLimits(sendTimeout: .seconds(4))) { h in
            h.standIn.injectFaults([.delayAnswerAfterProcessing(milliseconds: 10_000)], endpoint: GoogleEndpoint.messagesSend)
            await expectMailError(.deliveryUnknown) { _ = try await h.provider.send(GmailSendTests.outgoing(h, to: ["slow@gmail.test"])) }
            #expect(h.standIn.messages(of: "slow@gmail.test").count == 1)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesSend) == 1)
        }
    }

    @Test("a read that times out is provider_error")
    func readTimeout() async throws {
        try await Harness.with(limits: GmailLimits(requestTimeout: .milliseconds(300))) { h in
            let id = h.deliver(TestMail())
            h.standIn.injectFaults([.delayAnswerAfterProcessing(milliseconds: 1500)], endpoint: GoogleEndpoint.messagesGet)
            await expectMailError(.providerError) { _ = try await h.provider.read(messageID: id, options: ReadOptions()) }
        }
    }

    @Test("a 401 on send refreshes and retries once (the message was refused, not sent)")
    func sendAfter401() async throws {
        try await Harness.with { h in
            h.standIn.expireAccessTokens()
            _ = try await h.provider.send(GmailSendTests.outgoing(h, to: ["once@gmail.test"]))
            #expect(h.standIn.messages(of: "once@gmail.test").count == 1)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesSend) == 2)
        }
    }
}

@Suite("Google stand-in fidelity")
struct StandInValidatorTests {
    static func raw(_ h: Harness, _ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (UInt, String) {
        var request = HTTPClientRequest(url: h.standIn.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(h.tokens.accessToken)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await h.httpClient.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: bytes))
    }

    @Test("requests outside the discovery document are 400 with Google's error body and recorded", arguments: [
        "/gmail/v1/users/me/messages?maxResult=5",
        "/gmail/v1/users/me/messages?maxResults=ten",
        "/gmail/v1/users/me/messages?includeSpamTrash=yes",
        "/gmail/v1/users/me/messages/18c0000000000001?format=html",
        "/gmail/v1/users/me/messages/18c0000000000001?format=raw&format=full",
    ])
    func rejectsMalformedQueries(path: String) async throws {
        try await Harness.with { h in
            let (status, body) = try await Self.raw(h, .GET, path)
            #expect(status == 400)
            #expect(body.contains("\"status\":\"INVALID_ARGUMENT\""))
            #expect(body.contains("\"errors\""))
            #expect(!h.standIn.violations.isEmpty)
            h.standIn.clearViolations()
        }
    }

    @Test("request bodies are checked against the schema")
    func rejectsMalformedBodies() async throws {
        try await Harness.with { h in
            let id = h.deliver(TestMail())
            let unknownField = try await Self.raw(h, .POST, "/gmail/v1/users/me/messages/\(id)/modify", body: #"{"removeLabels":["UNREAD"]}"#)
            #expect(unknownField.0 == 400)
            let wrongType = try await Self.raw(h, .POST, "/gmail/v1/users/me/messages/\(id)/modify", body: #"{"removeLabelIds":"UNREAD"}"#)
            #expect(wrongType.0 == 400)
            let missingRaw = try await Self.raw(h, .POST, "/gmail/v1/users/me/messages/send", body: #"{"threadId":"x"}"#)
            #expect(missingRaw.0 == 400)
            let unknownPath = try await Self.raw(h, .GET, "/gmail/v1/users/me/mailboxes")
            #expect(unknownPath.0 == 404)
            #expect(h.standIn.violations.count >= 4)
            #expect(h.standIn.message(id, of: h.user)?.labelIds.contains("UNREAD") == true)
            h.standIn.clearViolations()
        }
    }

    @Test("format=metadata returns only the asked headers and no body")
    func metadataFormat() async throws {
        try await Harness.with { h in
            let id = h.deliver(TestMail(subject: "meta"))
            let (status, body) = try await Self.raw(h, .GET, "/gmail/v1/users/me/messages/\(id)?format=metadata&metadataHeaders=Subject&metadataHeaders=From")
            #expect(status == 200)
            #expect(body.contains("\"name\":\"Subject\""))
            #expect(body.contains("\"name\":\"From\""))
            #expect(!body.contains("\"name\":\"To\""))
            #expect(!body.contains("\"data\""))
            #expect(!body.contains("\"raw\""))
        }
    }

    @Test("expired tokens get 401 with WWW-Authenticate")
    func expiredToken() async throws {
        try await Harness.with { h in
            h.standIn.expireAccessTokens()
            var request = HTTPClientRequest(url: h.standIn.baseURL + "/gmail/v1/users/me/profile")
            request.headers.add(name: "Authorization", value: "Bearer \(h.tokens.accessToken)")
            let response = try await h.httpClient.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 16)
            #expect(response.status.code == 401)
            #expect(response.headers.first(name: "WWW-Authenticate")?.contains("invalid_token") == true)
        }
    }
}
