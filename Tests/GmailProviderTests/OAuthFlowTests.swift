import AsyncHTTPClient
import Foundation
import GmailProvider
import GoogleStandIn
import MailCore
import OAuth
import Testing

@Suite("OAuth authorization code flow against the Google stand-in")
struct OAuthFlowTests {
    /// Follows the authorization URL like a browser and returns the redirect's query.
    static func visit(_ url: URL, _ harness: Harness) async throws -> (status: UInt, location: String?) {
        let response = try await harness.httpClient.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 16)
        return (response.status.code, response.headers.first(name: "Location"))
    }

    static func query(of location: String?) throws -> String {
        let location = try #require(location)
        #expect(location.hasPrefix(Harness.redirectURI + "?"))
        return String(location.split(separator: "?", maxSplits: 1).last ?? "")
    }

    @Test("authorization URL carries PKCE S256, offline access, consent prompt and Gmail scopes")
    func authorizationURL() throws {
        let configuration = OAuthClientConfiguration.google(clientID: "cid", clientSecret: "secret", redirectURI: "https://x.test/cb")
        let pkce = PKCE()
        let url = AuthorizationRequest(configuration: configuration, state: "st-1", pkce: pkce).url
        let items = Dictionary(FormURLEncoding.decode(url.query ?? ""), uniquingKeysWith: { a, _ in a })
        #expect(url.absoluteString.hasPrefix("https://accounts.google.com/o/oauth2/v2/auth?"))
        #expect(items["response_type"] == "code")
        #expect(items["client_id"] == "cid")
        #expect(items["redirect_uri"] == "https://x.test/cb")
        #expect(items["state"] == "st-1")
        #expect(items["code_challenge"] == pkce.challenge)
        #expect(items["code_challenge_method"] == "S256")
        #expect(items["access_type"] == "offline")
        #expect(items["prompt"] == "consent")
        #expect(items["scope"] == OAuthClientConfiguration.gmailScopes.joined(separator: " "))
        #expect(items["client_secret"] == nil)
        #expect(!url.absoluteString.contains(pkce.verifier))
    }

    @Test("connect: redirect with code and state, code exchange with verifier, profile address")
    func fullFlow() async throws {
        try await Harness.with { h in
            h.standIn.setConsent(.approve(user: "new.user@gmail.test"))
            let pkce = PKCE()
            let url = AuthorizationRequest(configuration: h.oauthConfiguration, state: "state-42", pkce: pkce).url
            let (status, location) = try await Self.visit(url, h)
            #expect(status == 302)
            guard case .code(let code, let state) = AuthorizationResponse(query: try Self.query(of: location)) else {
                Issue.record("no code in \(location ?? "-")")
                return
            }
            #expect(state == "state-42")
            let tokens = try await h.tokenClient.exchange(code: code, codeVerifier: pkce.verifier)
            #expect(tokens.refreshToken != nil)
            #expect(tokens.expiresAt > Date().addingTimeInterval(3000))
            #expect(tokens.grantedScopes == Set(OAuthClientConfiguration.gmailScopes))
            let address = try await GmailProvider.fetchProfileAddress(
                accessToken: tokens.accessToken, httpClient: h.httpClient, apiBaseURL: h.standIn.baseURL, logger: Harness.logger
            )
            #expect(address == "new.user@gmail.test")
            // Codes are single use.
            await #expect(throws: OAuthError.self) { _ = try await h.tokenClient.exchange(code: code, codeVerifier: pkce.verifier) }
            #expect(h.standIn.requestCount(GoogleEndpoint.tokenAuthorizationCode) == 2)
        }
    }

    @Test("granular consent: a grant without gmail.send is reported as missing a scope")
    func partialConsent() async throws {
        try await Harness.with { h in
            h.standIn.setConsent(.approve(user: "p@gmail.test", grantedScopes: [OAuthClientConfiguration.gmailScopes[0]]))
            h.standIn.registerRedirectURI("http://127.0.0.1:9/late/callback")
            var configuration = h.oauthConfiguration
            configuration.redirectURI = "http://127.0.0.1:9/late/callback"
            let pkce = PKCE()
            let (_, location) = try await Self.visit(AuthorizationRequest(configuration: configuration, state: "s", pkce: pkce).url, h)
            let query = try #require(location?.split(separator: "?", maxSplits: 1).last.map(String.init))
            guard case .code(let code, _) = AuthorizationResponse(query: query) else {
                Issue.record("no code")
                return
            }
            let client = TokenClient(configuration: configuration, httpClient: h.httpClient, logger: Harness.logger)
            let tokens = try await client.exchange(code: code, codeVerifier: pkce.verifier)
            #expect(configuration.missingScopes(in: tokens) == ["https://www.googleapis.com/auth/gmail.send"])
        }
    }

    @Test("an expired authorization code is invalid_grant")
    func expiredCode() async throws {
        let configuration = GoogleStandInConfiguration(redirectURIs: [Harness.redirectURI], authorizationCodeLifetime: 0)
        try await Harness.with(standIn: configuration) { h in
            h.standIn.setConsent(.approve(user: "late@gmail.test"))
            let pkce = PKCE()
            let url = AuthorizationRequest(configuration: h.oauthConfiguration, state: "s", pkce: pkce).url
            guard case .code(let code, _) = AuthorizationResponse(query: try Self.query(of: try await Self.visit(url, h).location)) else {
                Issue.record("no code")
                return
            }
            do throws(OAuthError) {
                _ = try await h.tokenClient.exchange(code: code, codeVerifier: pkce.verifier)
                Issue.record("an expired code was accepted")
            } catch {
                #expect(error.isInvalidGrant)
            }
        }
    }

    @Test("a wrong code verifier is invalid_grant")
    func wrongVerifier() async throws {
        try await Harness.with { h in
            h.standIn.setConsent(.approve(user: "v@gmail.test"))
            let url = AuthorizationRequest(configuration: h.oauthConfiguration, state: "s", pkce: PKCE()).url
            guard case .code(let code, _) = AuthorizationResponse(query: try Self.query(of: try await Self.visit(url, h).location)) else {
                Issue.record("no code")
                return
            }
            do throws(OAuthError) {
                _ = try await h.tokenClient.exchange(code: code, codeVerifier: PKCE().verifier)
                Issue.record("exchange with a foreign verifier succeeded")
            } catch {
                #expect(error.isInvalidGrant)
            }
        }
    }

    @Test("a wrong client secret is invalid_client")
    func wrongSecret() async throws {
        try await Harness.with { h in
            h.standIn.setConsent(.approve(user: "s@gmail.test"))
            let pkce = PKCE()
            let url = AuthorizationRequest(configuration: h.oauthConfiguration, state: "s", pkce: pkce).url
            guard case .code(let code, _) = AuthorizationResponse(query: try Self.query(of: try await Self.visit(url, h).location)) else {
                Issue.record("no code")
                return
            }
            var configuration = h.oauthConfiguration
            configuration.clientSecret = "wrong"
            let client = TokenClient(configuration: configuration, httpClient: h.httpClient, logger: Harness.logger)
            do throws(OAuthError) {
                _ = try await client.exchange(code: code, codeVerifier: pkce.verifier)
                Issue.record("exchange with a wrong secret succeeded")
            } catch {
                #expect(error.code == .invalidClient)
                #expect(error.httpStatus == 401)
                #expect(!"\(error)".contains("wrong"))
            }
        }
    }

    @Test("denied consent redirects with error=access_denied and the state")
    func deniedConsent() async throws {
        try await Harness.with { h in
            h.standIn.setConsent(.deny)
            let url = AuthorizationRequest(configuration: h.oauthConfiguration, state: "st-deny", pkce: PKCE()).url
            let response = AuthorizationResponse(query: try Self.query(of: try await Self.visit(url, h).location))
            guard case .error(let error, let state) = response else {
                Issue.record("expected an error redirect")
                return
            }
            #expect(error.code == .accessDenied)
            #expect(state == "st-deny")
        }
    }

    @Test("an unregistered redirect URI gets an error page, not a redirect")
    func redirectMismatch() async throws {
        try await Harness.with { h in
            h.standIn.setConsent(.approve(user: "m@gmail.test"))
            var configuration = h.oauthConfiguration
            configuration.redirectURI = "http://127.0.0.1:9/evil"
            let (status, location) = try await Self.visit(AuthorizationRequest(configuration: configuration, state: "s", pkce: PKCE()).url, h)
            #expect(status == 400)
            #expect(location == nil)
        }
    }
}
