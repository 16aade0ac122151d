import Foundation
import MailCore
import MicrosoftStandIn
import OutlookProvider
import Testing

@Suite("Outlook error mapping")
struct ErrorMappingTests {
    @Test func expiredTokenIsRefreshedOnceAndRetried() async throws {
        try await OutlookFixture.with { f in
            await f.seedInbox(1)
            _ = try await f.provider.list(ListRequest())
            #expect(await f.store.count(.token) == 0)
            await f.store.expireAccessTokens()
            let page = try await f.provider.list(ListRequest())
            #expect(page.messages.count == 1)
            #expect(await f.store.count(.token) == 1)
            #expect(await f.store.count(.listMessages) == 3)
        }
    }

    @Test func secondUnauthorizedIsAuthFailed() async throws {
        try await OutlookFixture.with { f in
            _ = try await f.provider.list(ListRequest())
            await f.store.failNext(2, status: 401, endpoint: .listMessages)
            let error = await mailError { _ = try await f.provider.list(ListRequest()) }
            #expect(error?.code == .authFailed)
            #expect(await f.store.count(.token) == 1)
            #expect(await f.store.count(.listMessages) == 3)
        }
    }

    @Test func revokedRefreshTokenIsAuthFailed() async throws {
        try await OutlookFixture.with { f in
            await f.store.revokeRefreshTokens()
            await f.store.expireAccessTokens()
            let error = await mailError { _ = try await f.provider.list(ListRequest()) }
            #expect(error?.code == .authFailed)
            #expect(await f.store.count(.listMessages) == 1)
            #expect(await f.store.count(.token) == 1)
        }
    }

    @Test func forbiddenIsAuthFailed() async throws {
        try await OutlookFixture.with { f in
            await f.store.failNext(1, status: 403, endpoint: .listMessages)
            let error = await mailError { _ = try await f.provider.list(ListRequest()) }
            #expect(error?.code == .authFailed)
            #expect(error?.detail == "Graph HTTP 403 ErrorAccessDenied")
        }
    }

    @Test(arguments: [(429, 7), (503, 3)])
    func throttlingCarriesRetryAfter(status: Int, seconds: Int) async throws {
        try await OutlookFixture.with { f in
            await f.store.failNext(1, status: status, retryAfter: seconds, endpoint: .listMessages)
            let error = await mailError { _ = try await f.provider.list(ListRequest()) }
            #expect(error?.code == .providerThrottled)
            #expect(error?.retryAfter == seconds)
            #expect(await f.store.count(.listMessages) == 1)
        }
    }

    @Test(arguments: [500, 502, 504])
    func serverErrorsAreProviderErrors(status: Int) async throws {
        try await OutlookFixture.with { f in
            await f.store.failNext(1, status: status, endpoint: .getMessage)
            let error = await mailError { _ = try await f.provider.read(messageID: "AAMkAGI2x=", options: ReadOptions()) }
            #expect(error?.code == .providerError)
            #expect(error?.detail == "Graph HTTP \(status) UnknownError")
        }
    }

    @Test func recipientGraphRefusesIsInvalidRecipient() async throws {
        try await OutlookFixture.with { f in
            let message = OutgoingMessage(from: f.address, to: [EmailAddress(address: "not an address")], subject: "x", textBody: "y")
            let error = await mailError { _ = try await f.provider.send(message) }
            #expect(error?.code == .invalidRecipient)
            #expect(error?.detail == "Graph HTTP 400 ErrorInvalidRecipients")
        }
    }

    @Test func badRequestOnSearchIsInvalidQuery() async throws {
        try await OutlookFixture.with { f in
            await f.store.failNext(1, status: 400, endpoint: .listMessages)
            let error = await mailError { _ = try await f.provider.search(SearchRequest(query: "x")) }
            #expect(error?.code == .invalidQuery)
        }
    }

    @Test func postsCarryContentLength() async throws {
        try await OutlookFixture.with { f in
            let original = await f.store.seed(StandInMessage(subject: "Q", body: "?", from: StandInRecipient(address: "bob@example.test")))
            let message = OutgoingMessage(from: f.address, to: [EmailAddress(address: "bob@example.test")], subject: "Re: Q",
                                          textBody: "!", replyToMessageID: original.id)
            _ = try await f.provider.send(message)
            let posts = await f.store.requests().filter { $0.method == "POST" }
            #expect(posts.count == 2)
            #expect(posts.allSatisfy { $0.headers["content-length"] != nil })
        }
    }

    @Test func oversizedRequestIsMessageTooLarge() async throws {
        var configuration = StandInConfiguration()
        configuration.maxRequestBytes = 2_000
        try await OutlookFixture.with(configuration) { f in
            let message = OutgoingMessage(from: f.address, to: [EmailAddress(address: "bob@example.test")], subject: "Big",
                                          textBody: String(repeating: "x", count: 5_000))
            let error = await mailError { _ = try await f.provider.send(message) }
            #expect(error?.code == .messageTooLarge)
        }
    }

    @Test func lostAnswerToSendIsDeliveryUnknownAndNotRepeated() async throws {
        try await OutlookFixture.with { f in
            await f.store.dropResponses(of: .sendMail)
            let message = OutgoingMessage(from: f.address, to: [EmailAddress(address: "bob@example.test")], subject: "Hi", textBody: "hello")
            let error = await mailError { _ = try await f.provider.send(message) }
            #expect(error?.code == .deliveryUnknown)
            #expect(await f.store.count(.sendMail) == 1)
            #expect(await f.store.messages(in: "sentitems").count == 1)
        }
    }

    @Test func timeoutAfterSendMailWasWrittenIsDeliveryUnknown() async throws {
        try await OutlookFixture.with { f in
            // Generous margins: on a loaded CI machine the request itself may take a second to arrive.
            await f.store.stallResponses(of: .sendMail, for: .seconds(10))
            let provider = OutlookProvider(address: f.address, tokens: f.tokens, httpClient: .shared,
                                           graphBaseURL: f.standIn.graphURL, requestTimeout: .seconds(4))
            let message = OutgoingMessage(from: f.address, to: [EmailAddress(address: "bob@example.test")], subject: "Hi", textBody: "hello")
            let error = await mailError { _ = try await provider.send(message) }
            #expect(error?.code == .deliveryUnknown)
            #expect(await f.store.count(.sendMail) == 1)
            #expect(await f.store.messages(in: "sentitems").count == 1)
        }
    }

    @Test func lostAnswerToDraftSendIsDeliveryUnknown() async throws {
        try await OutlookFixture.with { f in
            let original = await f.store.seed(StandInMessage(subject: "Q", body: "?", from: StandInRecipient(address: "bob@example.test")))
            await f.store.dropResponses(of: .sendDraft)
            let message = OutgoingMessage(from: f.address, to: [EmailAddress(address: "bob@example.test")], subject: "Re: Q",
                                          textBody: "!", replyToMessageID: original.id)
            let error = await mailError { _ = try await f.provider.send(message) }
            #expect(error?.code == .deliveryUnknown)
            #expect(await f.store.count(.sendDraft) == 1)
        }
    }

    @Test func unreachableGraphIsProviderErrorEvenForSends() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let graphURL = standIn.graphURL
        await standIn.shutdown()
        let provider = OutlookProvider(address: EmailAddress(address: "adele@contoso.test"), tokens: FixedTokens(),
                                       httpClient: .shared, graphBaseURL: graphURL, requestTimeout: .seconds(1))
        let message = OutgoingMessage(from: EmailAddress(address: "adele@contoso.test"), to: [EmailAddress(address: "bob@example.test")],
                                      subject: "Hi", textBody: "hello")
        let error = await mailError { _ = try await provider.send(message) }
        #expect(error?.code == .providerError)
    }

    @Test func lostAnswerToReadIsProviderError() async throws {
        try await OutlookFixture.with { f in
            let stored = await f.store.seed(StandInMessage(subject: "Q", body: "?", from: StandInRecipient(address: "bob@example.test")))
            await f.store.dropResponses(of: .getMessage)
            let error = await mailError { _ = try await f.provider.read(messageID: stored.id, options: ReadOptions()) }
            #expect(error?.code == .providerError)
        }
    }

    @Test func replyToMissingMessageIsMessageNotFound() async throws {
        try await OutlookFixture.with { f in
            let message = OutgoingMessage(from: f.address, to: [EmailAddress(address: "bob@example.test")], subject: "Re: gone",
                                          textBody: "!", replyToMessageID: "AAMkAGI2gone=")
            let error = await mailError { _ = try await f.provider.send(message) }
            #expect(error?.code == .messageNotFound)
        }
    }
}

/// A token source that always hands out the same token.
struct FixedTokens: AccessTokenSource {
    func accessToken() async throws -> String { "token" }
    func invalidate(_ token: String) async {}
}
