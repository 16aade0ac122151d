import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Talks to a token endpoint (RFC 6749 §3.2): exchanges authorization codes (with the PKCE verifier,
/// RFC 7636 §4.5) and refreshes access tokens (RFC 6749 §6). The client authenticates with
/// `client_id` + `client_secret` in the form body (§2.3.1), which Google and Microsoft both accept.
///
/// Wire example:
/// ```
/// POST /token  Content-Type: application/x-www-form-urlencoded
/// grant_type=authorization_code&code=4%2F0A…&redirect_uri=…&client_id=…&client_secret=…&code_verifier=…
/// → 200 {"access_token":"ya29…","expires_in":3599,"refresh_token":"1//0…","scope":"…","token_type":"Bearer"}
/// → 400 {"error":"invalid_grant","error_description":"Bad Request"}
/// ```
/// Nothing sent or received here is ever logged except endpoint, status and the `error` code.
public struct TokenClient: Sendable {
    /// Largest token response accepted.
    public static let maximumResponseBytes = 64 * 1024

    /// The client registration used for every request.
    public let configuration: OAuthClientConfiguration
    let httpClient: HTTPClient
    let logger: Logger
    let timeout: TimeAmount
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - now: clock used to turn `expires_in` into `TokenSet.expiresAt` (injectable for tests).
    public init(
        configuration: OAuthClientConfiguration, httpClient: HTTPClient, logger: Logger,
        timeout: TimeAmount = .seconds(30), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        self.timeout = timeout
        self.now = now
    }

    /// Exchanges an authorization code for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5).
    public func exchange(code: String, codeVerifier: String) async throws(OAuthError) -> TokenSet {
        try await request(grant: [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", configuration.redirectURI),
            ("client_id", configuration.clientID),
            ("client_secret", configuration.clientSecret),
            ("code_verifier", codeVerifier),
        ], previousRefreshToken: nil)
    }

    /// Refreshes an access token (RFC 6749 §6). When the answer carries no `refresh_token` (Google's
    /// usual answer) the previous one is kept; when it carries one (rotation) the new one is returned.
    public func refresh(refreshToken: String) async throws(OAuthError) -> TokenSet {
        try await request(grant: [
            ("grant_type", "refresh_token"),
            ("refresh_token", refreshToken),
            ("client_id", configuration.clientID),
            ("client_secret", configuration.clientSecret),
        ], previousRefreshToken: refreshToken)
    }

    private func request(grant: [(String, String)], previousRefreshToken: String?) async throws(OAuthError) -> TokenSet {
        var request = HTTPClientRequest(url: configuration.tokenURL.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: FormURLEncoding.encode(grant)))
        let issuedAt = now()
        let status: Int
        let body: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: timeout, logger: logger)
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: Self.maximumResponseBytes)
        } catch {
            logger.warning("token endpoint unreachable", metadata: ["error": "\(type(of: error))"])
            throw OAuthError(.transport, detail: "token endpoint unreachable: \(error)")
        }
        let grantType = grant.first?.1 ?? "?"
        guard (200..<300).contains(status) else {
            let failure = TokenResponseDecoder.error(from: body, status: status)
            logger.notice("token request refused", metadata: [
                "grant_type": "\(grantType)", "status": "\(status)", "error": "\(failure.oauthError ?? "-")",
            ])
            throw failure
        }
        let tokens = try TokenResponseDecoder.tokens(from: body, issuedAt: issuedAt, previousRefreshToken: previousRefreshToken)
        logger.debug("token request succeeded", metadata: ["grant_type": "\(grantType)"])
        return tokens
    }
}

/// Parses token endpoint bodies (RFC 6749 §5.1 and §5.2). Internal: DTOs stay in this target.
enum TokenResponseDecoder {
    private struct Success: Decodable {
        var access_token: String
        var expires_in: FlexibleInt?
        var refresh_token: String?
        var scope: String?
        var token_type: String?
    }

    private struct Failure: Decodable {
        var error: String
        var error_description: String?
    }

    /// `expires_in` is a JSON number per RFC 6749, but some servers send a string.
    private struct FlexibleInt: Decodable {
        var value: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else if let text = try? container.decode(String.self), let number = Int(text) {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expires_in is not a number")
            }
        }
    }

    /// Default lifetime when `expires_in` is absent (RFC 6749 §5.1 makes it RECOMMENDED, not required).
    static let defaultLifetime = 3600

    static func tokens(from body: ByteBuffer, issuedAt: Date, previousRefreshToken: String?) throws(OAuthError) -> TokenSet {
        let decoded: Success
        do {
            decoded = try JSONDecoder().decode(Success.self, from: Data(body.readableBytesView))
        } catch {
            throw OAuthError(.malformedResponse, detail: "token response is not the RFC 6749 §5.1 JSON object")
        }
        if let type = decoded.token_type, type.lowercased() != "bearer" {
            throw OAuthError(.malformedResponse, detail: "unsupported token_type \(type)")
        }
        guard !decoded.access_token.isEmpty else {
            throw OAuthError(.malformedResponse, detail: "empty access_token")
        }
        let lifetime = decoded.expires_in?.value ?? defaultLifetime
        return TokenSet(
            accessToken: decoded.access_token,
            refreshToken: decoded.refresh_token ?? previousRefreshToken,
            expiresAt: issuedAt.addingTimeInterval(TimeInterval(lifetime)),
            scope: decoded.scope
        )
    }

    static func error(from body: ByteBuffer, status: Int) -> OAuthError {
        if let failure = try? JSONDecoder().decode(Failure.self, from: Data(body.readableBytesView)) {
            return OAuthError(oauthError: failure.error, description: failure.error_description, status: status)
        }
        return OAuthError(.providerError, detail: "token endpoint answered HTTP \(status)", httpStatus: status)
    }
}
