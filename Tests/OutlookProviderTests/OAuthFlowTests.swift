import AsyncHTTPClient
import Foundation
import Logging
import MailCore
import MicrosoftStandIn
import OAuth
import OutlookProvider
import Testing

/// The shared `OAuth` target against the Microsoft stand-in: authorization URL, code exchange with PKCE
/// and client secret, refresh with rotation, `invalid_grant` with AADSTS codes, and
/// `RefreshingTokenSource` driving `OutlookProvider` (refresh on 401, one refresh for many callers).
@Suite("OAuth target with the Microsoft identity platform")
struct OAuthFlowTests {
    static let redirect = "http://127.0.0.1/oauth/microsoft/callback"

    static func configuration(_ standIn: MicrosoftStandIn, secret: String? = nil) throws -> OAuthClientConfiguration {
        let config = StandInConfiguration()
        return OAuthClientConfiguration(
            clientID: config.clientID, clientSecret: secret ?? config.clientSecret,
            authorizationURL: try #require(MicrosoftIdentity.authorizationURL(authority: standIn.authorityURL)),
            tokenURL: try #require(MicrosoftIdentity.tokenURL(authority: standIn.authorityURL)),
            redirectURI: redirect, scopes: MicrosoftIdentity.scopes,
            extraAuthorizationParameters: MicrosoftIdentity.extraAuthorizationParameters
        )
    }

    static func client(_ configuration: OAuthClientConfiguration) -> TokenClient {
        TokenClient(configuration: configuration, httpClient: .shared, logger: Logger(label: "test.oauth"))
    }

    /// Runs the browser leg: follows the authorization URL to its 302 and parses the redirect.
    static func consent(_ request: AuthorizationRequest) async throws -> AuthorizationResponse {
        let (status, _, response) = try await RawHTTP.get(request.url.absoluteString)
        #expect(status == 302)
        let location = try #require(response.headers.first(name: "Location"))
        #expect(location.hasPrefix(redirect + "?"))
        return AuthorizationResponse(query: String(location.dropFirst(redirect.count + 1)))
    }

    /// Connects: consent, state check, exchange. Returns the token set.
    static func connect(_ standIn: MicrosoftStandIn) async throws -> TokenSet {
        let configuration = try configuration(standIn)
        let pkce = PKCE()
        let response = try await consent(AuthorizationRequest(configuration: configuration, state: "state-1", pkce: pkce))
        guard case .code(let code, let state) = response else { throw MailError(.authFailed, detail: "no code") }
        #expect(state == "state-1")
        return try await client(configuration).exchange(code: code, codeVerifier: pkce.verifier)
    }

    @Test func connectExchangesCodeWithPKCEAndNamesTheMailbox() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let tokens = try await Self.connect(standIn)
        #expect(tokens.refreshToken != nil)
        #expect(tokens.expiresAt > Date().addingTimeInterval(3000))
        let address = try await OutlookProvider.fetchProfileAddress(accessToken: tokens.accessToken, httpClient: .shared,
                                                                    graphBaseURL: standIn.graphURL)
        #expect(address == "adele@contoso.test")
        let authorize = try #require(await standIn.store.requests(to: .authorize).first)
        #expect(authorize.query["code_challenge_method"] == "S256")
        #expect(authorize.query["response_mode"] == "query")
        #expect(authorize.query["scope"] == "offline_access Mail.ReadWrite Mail.Send User.Read")
        await standIn.shutdown()
    }

    @Test func refreshRotatesAndRevocationIsInvalidGrant() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let tokens = try await Self.connect(standIn)
        let client = Self.client(try Self.configuration(standIn))
        let refreshed = try await client.refresh(refreshToken: try #require(tokens.refreshToken))
        #expect(refreshed.accessToken != tokens.accessToken)
        #expect(refreshed.refreshToken != nil && refreshed.refreshToken != tokens.refreshToken)
        await standIn.store.revokeRefreshTokens()
        let rotated = try #require(refreshed.refreshToken)
        do {
            _ = try await client.refresh(refreshToken: rotated)
            Issue.record("refresh after revocation succeeded")
        } catch {
            #expect(error.isInvalidGrant)
            #expect(MicrosoftIdentity.aadstsCode(in: error.detail) == 50173)
        }
        await standIn.shutdown()
    }

    @Test func wrongSecretIsInvalidClient() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let configuration = try Self.configuration(standIn, secret: "not-the-secret")
        let pkce = PKCE()
        let response = try await Self.consent(AuthorizationRequest(configuration: configuration, state: "s", pkce: pkce))
        guard case .code(let code, _) = response else { throw MailError(.authFailed, detail: "no code") }
        do {
            _ = try await Self.client(configuration).exchange(code: code, codeVerifier: pkce.verifier)
            Issue.record("exchange with a wrong secret succeeded")
        } catch {
            #expect(error.code == .invalidClient)
        }
        await standIn.shutdown()
    }

    @Test func refreshingTokenSourceRefreshesOnceOn401AndForConcurrentCallers() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let tokens = try await Self.connect(standIn)
        let source = RefreshingTokenSource(
            tokens: tokens, tokenClient: Self.client(try Self.configuration(standIn)),
            persist: { _ in }, onRevoked: {}, logger: Logger(label: "test.tokens"))
        let provider = OutlookProvider(address: EmailAddress(address: "adele@contoso.test"), tokens: source,
                                       httpClient: .shared, graphBaseURL: standIn.graphURL)
        await standIn.store.seed(StandInMessage(subject: "Hi", body: "b", from: StandInRecipient(address: "a@example.test")))
        let tokenRequestsAfterConnect = await standIn.store.count(.token)
        await standIn.store.expireAccessTokens()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try await provider.list(ListRequest()).messages.count } }
            for try await count in group { #expect(count == 1) }
        }
        #expect(await standIn.store.count(.token) == tokenRequestsAfterConnect + 1)
        #expect(await source.currentTokens.refreshToken != tokens.refreshToken)
        await standIn.shutdown()
    }

    @Test func expiredTokensAreRefreshedBeforeTheCall() async throws {
        let standIn = try await MicrosoftStandIn.start()
        var tokens = try await Self.connect(standIn)
        tokens.expiresAt = Date().addingTimeInterval(-5)
        let source = RefreshingTokenSource(
            tokens: tokens, tokenClient: Self.client(try Self.configuration(standIn)),
            persist: { _ in }, onRevoked: {}, logger: Logger(label: "test.tokens"))
        let provider = OutlookProvider(address: EmailAddress(address: "adele@contoso.test"), tokens: source,
                                       httpClient: .shared, graphBaseURL: standIn.graphURL)
        let before = await standIn.store.count(.token)
        _ = try await provider.list(ListRequest())
        #expect(await standIn.store.count(.token) == before + 1)
        #expect(await standIn.store.count(.listMessages) == 1)
        await standIn.shutdown()
    }

    @Test func revokedGrantIsAuthFailedAndReportedOnce() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let tokens = try await Self.connect(standIn)
        let revocations = Counter()
        let source = RefreshingTokenSource(
            tokens: tokens, tokenClient: Self.client(try Self.configuration(standIn)),
            persist: { _ in }, onRevoked: { await revocations.increment() }, logger: Logger(label: "test.tokens"))
        let provider = OutlookProvider(address: EmailAddress(address: "adele@contoso.test"), tokens: source,
                                       httpClient: .shared, graphBaseURL: standIn.graphURL)
        await standIn.store.revokeRefreshTokens()
        await standIn.store.expireAccessTokens()
        for _ in 0..<2 {
            let error = await mailError { _ = try await provider.list(ListRequest()) }
            #expect(error?.code == .authFailed)
        }
        #expect(await revocations.value == 1)
        await standIn.shutdown()
    }
}

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
