import Foundation
import GmailProvider
import GoogleStandIn
import MailCore
import OAuth
import Synchronization
import Testing

@Suite("Access token refresh")
struct TokenRefreshTests {
    /// A token source over `tokens` with the harness's token client.
    static func source(_ h: Harness, _ tokens: TokenSet, persisted: Recorded<TokenSet>? = nil) -> RefreshingTokenSource {
        RefreshingTokenSource(
            tokens: tokens, tokenClient: h.tokenClient,
            persist: { new in persisted?.append(new) },
            onRevoked: { h.revoked.increment() }, logger: Harness.logger
        )
    }

    @Test("a token inside the 60 s skew is refreshed before use, persisted, and the refresh token kept")
    func refreshOnExpiry() async throws {
        try await Harness.with { h in
            let persisted = Recorded<TokenSet>()
            let nearlyExpired = TokenSet(
                accessToken: h.tokens.accessToken, refreshToken: h.tokens.refreshToken,
                expiresAt: Date().addingTimeInterval(30), scope: nil
            )
            let source = Self.source(h, nearlyExpired, persisted: persisted)
            let token = try await source.accessToken()
            #expect(token != h.tokens.accessToken)
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenRefresh) == 1)
            let stored = try #require(persisted.all.first)
            #expect(stored.accessToken == token)
            #expect(stored.refreshToken == h.tokens.refreshToken)
            // Still valid: no second refresh.
            let again = try await source.accessToken()
            #expect(again == token)
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenRefresh) == 1)
        }
    }

    @Test("a 401 invalidates the token, refreshes once and retries once")
    func refreshOn401() async throws {
        try await Harness.with { h in
            h.deliver(TestMail(subject: "after refresh"))
            h.standIn.expireAccessTokens()
            let page = try await h.provider.list(ListRequest())
            #expect(page.messages.map(\.subject) == ["after refresh"])
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenRefresh) == 1)
            #expect(h.persisted.count == 1)
        }
    }

    @Test("a second 401 after the refresh is authFailed, with no further refresh")
    func unauthorizedTwice() async throws {
        try await Harness.with { h in
            h.standIn.injectFaults([.unauthorized, .unauthorized], endpoint: GoogleEndpoint.labelsList)
            await expectMailError(.authFailed) { _ = try await h.provider.list(ListRequest(folder: .named("Projects"))) }
            #expect(h.standIn.requestCount(GoogleEndpoint.labelsList) == 2)
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenRefresh) == 1)
            #expect(h.revoked.count == 0)
        }
    }

    @Test("20 concurrent callers share exactly one refresh")
    func concurrentCallersShareOneRefresh() async throws {
        try await Harness.with { h in
            let expired = TokenSet(
                accessToken: h.tokens.accessToken, refreshToken: h.tokens.refreshToken, expiresAt: .distantPast, scope: nil
            )
            let source = Self.source(h, expired)
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 { group.addTask { try await source.accessToken() } }
                var all: [String] = []
                for try await token in group { all.append(token) }
                return all
            }
            #expect(tokens.count == 20)
            #expect(Set(tokens).count == 1)
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenRefresh) == 1)
        }
    }

    @Test("invalid_grant: authFailed telling to reconnect, onRevoked called once, no more token requests")
    func invalidGrant() async throws {
        try await Harness.with { h in
            h.standIn.revokeRefreshToken(h.tokens.refreshToken)
            h.standIn.expireAccessTokens()
            let error = await expectMailError(.authFailed) { _ = try await h.provider.list(ListRequest()) }
            #expect(error?.detail == RefreshingTokenSource.reconnectDetail)
            await expectMailError(.authFailed) { _ = try await h.provider.list(ListRequest()) }
            #expect(h.revoked.count == 1)
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenRefresh) == 1)
        }
    }

    @Test("a failing token endpoint is a provider error, not a revocation")
    func tokenEndpointDown() async throws {
        try await Harness.with { h in
            h.standIn.injectFaults([.status(503)], endpoint: GoogleEndpoint.tokenRefresh)
            let source = Self.source(h, TokenSet(
                accessToken: "x", refreshToken: h.tokens.refreshToken, expiresAt: .distantPast, scope: nil
            ))
            await expectMailError(.providerError) { _ = try await source.accessToken() }
            #expect(h.revoked.count == 0)
            let recovered = try await source.accessToken()
            #expect(recovered != "x")
        }
    }
}
