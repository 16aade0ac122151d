import Foundation

/// `GET /{tenant}/oauth2/v2.0/authorize`: the Microsoft identity platform's authorization endpoint
/// (authorization code flow with PKCE, RFC 6749 §4.1 and RFC 7636). The stand-in has no sign-in page:
/// it approves or denies at once and redirects to `redirect_uri` with `code` or `error`, plus `state`.
extension MicrosoftStore {
    func authorize(_ request: StandInHTTPRequest) -> StandInHTTPResponse {
        let q = request.query
        guard q["client_id"] == configuration.clientID else {
            return .identityError(400, "unauthorized_client", aadsts: 700016,
                                  "Application with identifier '\(q["client_id"] ?? "")' was not found in the directory.")
        }
        guard let redirect = q["redirect_uri"], configuration.redirectURIs.contains(redirect) else {
            return .identityError(400, "invalid_request", aadsts: 50011,
                                  "The redirect URI specified in the request does not match the redirect URIs configured for the application.")
        }
        let state = q["state"]
        func back(_ params: [(String, String)]) -> StandInHTTPResponse {
            var items = params
            if let state { items.append(("state", state)) }
            return .redirect(redirect + (redirect.contains("?") ? "&" : "?") + Self.formEncode(items))
        }
        guard q["response_type"] == "code" else {
            return back([("error", "unsupported_response_type"),
                         ("error_description", "AADSTS70005: response_type 'token' is not enabled for the application.")])
        }
        guard let challenge = q["code_challenge"], !challenge.isEmpty, q["code_challenge_method"] == "S256" else {
            return back([("error", "invalid_request"),
                         ("error_description", "AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.")])
        }
        let scopes = (q["scope"] ?? "").split(separator: " ").map(String.init)
        guard !scopes.isEmpty else {
            return back([("error", "invalid_request"),
                         ("error_description", "AADSTS900144: The request body must contain the following parameter: 'scope'.")])
        }
        guard approveConsent else {
            return back([("error", "access_denied"),
                         ("error_description", "AADSTS65004: User declined to consent to access the app.")])
        }
        let code = "M.C5_BAY." + StandInID.make(prefix: "code")
        codes[code] = AuthorizationCode(
            redirectURI: redirect, challenge: challenge, method: "S256", scopes: scopes,
            expires: Date().addingTimeInterval(configuration.authorizationCodeLifetime), redeemed: false
        )
        return back([("code", code)])
    }

    /// `application/x-www-form-urlencoded` serialization of `items`.
    static func formEncode(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return items.map { key, value in
            (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key) + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
    }
}
