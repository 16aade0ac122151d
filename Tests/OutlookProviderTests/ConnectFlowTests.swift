import AsyncHTTPClient
import Crypto
import Foundation
import MailCore
import MicrosoftStandIn
import OutlookProvider
import Testing

/// The identity platform side of connecting an Outlook inbox, over real HTTP against the stand-in:
/// authorization redirect, code exchange with PKCE and client secret, refresh, and the failures.
@Suite("Microsoft identity platform connect flow")
struct ConnectFlowTests {
    static let redirect = "http://127.0.0.1/oauth/microsoft/callback"
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXkdBjftJeZ4CVP"
    static var challenge: String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Follows `/authorize` and returns the redirect's query items.
    func authorize(_ standIn: MicrosoftStandIn, state: String = "st-123") async throws -> [String: String] {
        let config = StandInConfiguration()
        let query = [("client_id", config.clientID), ("response_type", "code"), ("redirect_uri", Self.redirect),
                     ("response_mode", "query"), ("scope", "offline_access Mail.ReadWrite Mail.Send User.Read"),
                     ("state", state), ("code_challenge", Self.challenge), ("code_challenge_method", "S256")]
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let url = standIn.authorizeURL() + "?" + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        let (status, _, response) = try await RawHTTP.get(url)
        #expect(status == 302)
        let location = try #require(response.headers.first(name: "Location"))
        #expect(location.hasPrefix(Self.redirect + "?"))
        let components = try #require(URLComponents(string: location))
        return Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    func exchange(_ standIn: MicrosoftStandIn, code: String, verifier: String = verifier, secret: String? = nil) async throws -> (Int, [String: Any]) {
        let config = StandInConfiguration()
        return try await RawHTTP.postForm(standIn.tokenURL(), [
            ("grant_type", "authorization_code"), ("client_id", config.clientID), ("client_secret", secret ?? config.clientSecret),
            ("code", code), ("redirect_uri", Self.redirect), ("code_verifier", verifier),
        ])
    }

    @Test func codeExchangeWithPKCEThenProfileAddress() async throws {
        let standIn = try await MicrosoftStandIn.start()
        defer { Task { await standIn.shutdown() } }
        let params = try await authorize(standIn)
        #expect(params["state"] == "st-123")
        let code = try #require(params["code"])
        let (status, tokens) = try await exchange(standIn, code: code)
        #expect(status == 200)
        #expect(tokens["token_type"] as? String == "Bearer")
        #expect(tokens["refresh_token"] is String)
        #expect((tokens["scope"] as? String)?.contains("https://graph.microsoft.com/Mail.Send") == true)
        let access = try #require(tokens["access_token"] as? String)
        let address = try await OutlookProvider.fetchProfileAddress(accessToken: access, httpClient: .shared, graphBaseURL: standIn.graphURL)
        #expect(address == "adele@contoso.test")

        let (again, error) = try await exchange(standIn, code: code)
        #expect(again == 400)
        #expect(error["error"] as? String == "invalid_grant")
        #expect((error["error_description"] as? String)?.hasPrefix("AADSTS54005:") == true)
        #expect(error["error_codes"] as? [Int] == [54005])
    }

    @Test func wrongVerifierIsInvalidGrant() async throws {
        let standIn = try await MicrosoftStandIn.start()
        defer { Task { await standIn.shutdown() } }
        let code = try #require(try await authorize(standIn)["code"])
        let (status, error) = try await exchange(standIn, code: code, verifier: String(repeating: "a", count: 50))
        #expect(status == 400)
        #expect(error["error"] as? String == "invalid_grant")
        #expect((error["error_description"] as? String)?.hasPrefix("AADSTS501481:") == true)
    }

    @Test func wrongClientSecretIsInvalidClient() async throws {
        let standIn = try await MicrosoftStandIn.start()
        defer { Task { await standIn.shutdown() } }
        let code = try #require(try await authorize(standIn)["code"])
        let (status, error) = try await exchange(standIn, code: code, secret: "wrong")
        #expect(status == 401)
        #expect(error["error"] as? String == "invalid_client")
        #expect((error["error_description"] as? String)?.hasPrefix("AADSTS7000215:") == true)
    }

    @Test func expiredCodeIsInvalidGrant() async throws {
        var config = StandInConfiguration()
        config.authorizationCodeLifetime = -1
        let standIn = try await MicrosoftStandIn.start(configuration: config)
        defer { Task { await standIn.shutdown() } }
        let code = try #require(try await authorize(standIn)["code"])
        let (status, error) = try await exchange(standIn, code: code)
        #expect(status == 400)
        #expect((error["error_description"] as? String)?.hasPrefix("AADSTS70008:") == true)
    }

    @Test func redirectURIMustMatchTheAuthorizationRequest() async throws {
        let standIn = try await MicrosoftStandIn.start()
        defer { Task { await standIn.shutdown() } }
        let code = try #require(try await authorize(standIn)["code"])
        let config = StandInConfiguration()
        let (status, error) = try await RawHTTP.postForm(standIn.tokenURL(), [
            ("grant_type", "authorization_code"), ("client_id", config.clientID), ("client_secret", config.clientSecret),
            ("code", code), ("redirect_uri", "http://127.0.0.1/elsewhere"), ("code_verifier", Self.verifier),
        ])
        #expect(status == 400)
        #expect(error["error"] as? String == "invalid_grant")
        #expect((error["error_description"] as? String)?.hasPrefix("AADSTS500112:") == true)
    }

    @Test func deniedConsentRedirectsWithAccessDenied() async throws {
        let standIn = try await MicrosoftStandIn.start()
        defer { Task { await standIn.shutdown() } }
        await standIn.store.setConsent(approve: false)
        let params = try await authorize(standIn, state: "s2")
        #expect(params["error"] == "access_denied")
        #expect(params["state"] == "s2")
        #expect(params["code"] == nil)
    }

    @Test func profileFallsBackToUserPrincipalName() async throws {
        var config = StandInConfiguration()
        config.userMail = nil
        let standIn = try await MicrosoftStandIn.start(configuration: config)
        defer { Task { await standIn.shutdown() } }
        let (access, _) = await standIn.store.issueTokens()
        let address = try await OutlookProvider.fetchProfileAddress(accessToken: access, httpClient: .shared, graphBaseURL: standIn.graphURL)
        #expect(address == config.userPrincipalName)
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        try await OutlookFixture.with { f in
            await f.seedInbox(1)
            await f.store.expireAccessTokens()
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<5 { group.addTask { try await f.provider.list(ListRequest()).messages.count } }
                for try await count in group { #expect(count == 1) }
            }
            #expect(await f.store.count(.token) == 1)
        }
    }
}
