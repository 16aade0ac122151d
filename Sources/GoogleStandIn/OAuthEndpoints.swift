import MailCore
import Crypto
import Foundation

/// Google's authorization and token endpoints ("OAuth 2.0 for Web Server Applications"):
/// PKCE S256 verified, client secret verified, redirect URI matched exactly, codes single-use and
/// expiring, refresh tokens only for `access_type=offline` (again only with `prompt=consent`).
struct OAuthEndpoints: Sendable {
    let configuration: GoogleStandInConfiguration

    static let knownAuthorizeParameters: Set<String> = [
        "client_id", "redirect_uri", "response_type", "scope", "state", "access_type", "prompt",
        "include_granted_scopes", "login_hint", "code_challenge", "code_challenge_method", "nonce", "hd",
        "enable_granular_consent",
    ]

    func authorize(_ request: StandInRequest, _ state: inout StandInState) -> StandInResponse {
        state.counts[GoogleEndpoint.authorize, default: 0] += 1
        let q = Dictionary(request.query, uniquingKeysWith: { first, _ in first })
        for (name, _) in request.query where !Self.knownAuthorizeParameters.contains(name) {
            state.violations.append("authorize: unknown parameter '\(name)'")
        }
        guard q["client_id"] == configuration.clientID else {
            return .page(401, "Error 401: invalid_client. The OAuth client was not found.")
        }
        guard let redirectURI = q["redirect_uri"], state.isRegistered(redirectURI: redirectURI, configuration) else {
            return .page(400, "Error 400: redirect_uri_mismatch")
        }
        var answer: [(String, String)] = []
        if let s = q["state"] { answer.append(("state", s)) }
        func fail(_ error: String) -> StandInResponse { .redirect(appendQuery(redirectURI, [("error", error)] + answer)) }
        guard q["response_type"] == "code" else { return fail("unsupported_response_type") }
        guard let scope = q["scope"], !scope.isEmpty else { return fail("invalid_request") }
        let method = q["code_challenge_method"]
        if q["code_challenge"] == nil, method != nil { return fail("invalid_request") }
        if let method, method != "S256", method != "plain" { return fail("invalid_request") }
        guard case .approve(let user, let granted) = state.consent else { return fail("access_denied") }
        let requested = scope.split(separator: " ").map(String.init)
        let scopes = granted.map { granted in requested.filter(granted.contains) } ?? requested
        let offline = q["access_type"] == "offline"
        let prompts = (q["prompt"] ?? "").split(separator: " ")
        let issueRefresh = offline && (prompts.contains("consent") || !state.offlineGrants.contains(user.lowercased()))
        if offline { state.offlineGrants.insert(user.lowercased()) }
        let code = state.token("4/0A")
        state.codes[code] = .init(
            user: user.lowercased(), redirectURI: redirectURI, scopes: scopes,
            challenge: q["code_challenge"], challengeMethod: q["code_challenge"] == nil ? nil : (method ?? "plain"),
            issueRefreshToken: issueRefresh, expiresAt: Date().addingTimeInterval(configuration.authorizationCodeLifetime)
        )
        return .redirect(appendQuery(redirectURI, [("code", code), ("scope", scopes.joined(separator: " "))] + answer))
    }

    func token(_ request: StandInRequest, _ state: inout StandInState) -> StandInResponse {
        guard (request.header("content-type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            state.violations.append("token: Content-Type is not application/x-www-form-urlencoded")
            return .oauthError("invalid_request", "Invalid Content-Type")
        }
        let form = parseForm(String(decoding: request.body, as: UTF8.self))
        let f = Dictionary(form, uniquingKeysWith: { first, _ in first })
        let grantType = f["grant_type"] ?? ""
        state.counts["oauth.token.\(grantType)", default: 0] += 1
        let (clientID, secret) = clientCredentials(request, f)
        guard clientID == configuration.clientID, secret == configuration.clientSecret else {
            return .oauthError("invalid_client", "Unauthorized", status: 401)
        }
        if let fault = state.nextFault("oauth.token.\(grantType)") { return Self.faultResponse(fault) }
        switch grantType {
        case "authorization_code": return exchange(f, &state)
        case "refresh_token": return refresh(f, &state)
        default: return .oauthError("unsupported_grant_type", "Invalid grant_type: \(grantType)")
        }
    }

    private func clientCredentials(_ request: StandInRequest, _ f: [String: String]) -> (String?, String?) {
        if let basic = request.header("authorization"), basic.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(basic.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            let id = String(decoded[..<colon]).removingPercentEncoding
            let secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
            return (id, secret)
        }
        return (f["client_id"], f["client_secret"])
    }

    private func exchange(_ f: [String: String], _ state: inout StandInState) -> StandInResponse {
        guard let code = f["code"], let pending = state.codes.removeValue(forKey: code), pending.expiresAt > Date() else {
            return .oauthError("invalid_grant", "Malformed auth code.")
        }
        guard f["redirect_uri"] == pending.redirectURI else { return .oauthError("redirect_uri_mismatch", "Bad Request") }
        if let challenge = pending.challenge {
            guard let verifier = f["code_verifier"] else { return .oauthError("invalid_grant", "Missing code verifier.") }
            let computed = pending.challengeMethod == "S256"
                ? Base64URL.encode(SHA256.hash(data: Array(verifier.utf8))) : verifier
            guard computed == challenge else { return .oauthError("invalid_grant", "Invalid code verifier.") }
        }
        var body = issueAccessToken(user: pending.user, scopes: pending.scopes, &state)
        if pending.issueRefreshToken {
            let refresh = state.token("1//0")
            state.refreshTokens[refresh] = .init(user: pending.user, scopes: pending.scopes)
            body["refresh_token"] = .string(refresh)
        }
        return .json(.object(body), headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    private func refresh(_ f: [String: String], _ state: inout StandInState) -> StandInResponse {
        guard let token = f["refresh_token"], let grant = state.refreshTokens[token], !grant.revoked else {
            return .oauthError("invalid_grant", "Token has been expired or revoked.")
        }
        let body = issueAccessToken(user: grant.user, scopes: grant.scopes, &state)
        return .json(.object(body), headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    private func issueAccessToken(user: String, scopes: [String], _ state: inout StandInState) -> [String: JSONValue] {
        let access = state.token("ya29.")
        state.accessTokens[access] = .init(
            user: user, scopes: scopes, expiresAt: Date().addingTimeInterval(configuration.accessTokenLifetime)
        )
        return [
            "access_token": .string(access), "expires_in": .int(Int64(configuration.accessTokenLifetime)),
            "scope": .string(scopes.joined(separator: " ")), "token_type": "Bearer",
        ]
    }

    static func faultResponse(_ fault: GoogleFault) -> StandInResponse {
        switch fault {
        case .status(let code, let retryAfter):
            return .google(.server(code), headers: retryAfter.map { [("Retry-After", String($0))] } ?? [])
        case .tooManyRequests(let retryAfter):
            let at = retryAfter.map { ISO8601DateFormatter().string(from: Date().addingTimeInterval(TimeInterval($0))) }
            return .google(.tooManyRequests(retryAt: at), headers: retryAfter.map { [("Retry-After", String($0))] } ?? [])
        case .rateLimit403(let reason, let retryAfter):
            return .google(.rateLimited403(reason: reason), headers: retryAfter.map { [("Retry-After", String($0))] } ?? [])
        case .unauthorized:
            return .google(.unauthenticated, headers: [wwwAuthenticate])
        case .dropConnectionAfterProcessing, .delayAnswerAfterProcessing:
            return StandInResponse(status: 500, dropConnection: true)
        }
    }

    static let wwwAuthenticate = ("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"")
}
