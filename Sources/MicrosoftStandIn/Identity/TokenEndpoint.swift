import Crypto
import Foundation

/// `POST /{tenant}/oauth2/v2.0/token`: redeems authorization codes (checking the client secret,
/// `redirect_uri` and the PKCE `code_verifier`, RFC 7636 §4.6) and refresh tokens (rotated on each use).
/// Errors follow the identity platform: `invalid_grant` / `invalid_client` with an AADSTS code.
extension MicrosoftStore {
    func token(_ request: StandInHTTPRequest) -> StandInHTTPResponse {
        let form = request.formFields
        guard form["client_id"] == configuration.clientID else {
            return .identityError(400, "unauthorized_client", aadsts: 700016,
                                  "Application with identifier '\(form["client_id"] ?? "")' was not found in the directory.")
        }
        guard let secret = form["client_secret"], !secret.isEmpty else {
            return .identityError(401, "invalid_client", aadsts: 7000218,
                                  "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
        }
        guard secret == configuration.clientSecret else {
            return .identityError(401, "invalid_client", aadsts: 7000215,
                                  "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.")
        }
        switch form["grant_type"] {
        case "authorization_code": return redeemCode(form)
        case "refresh_token": return redeemRefreshToken(form)
        default:
            return .identityError(400, "unsupported_grant_type", aadsts: 70003,
                                  "The app requested an unsupported grant type '\(form["grant_type"] ?? "")'.")
        }
    }

    private func redeemCode(_ form: [String: String]) -> StandInHTTPResponse {
        guard let code = form["code"], var grant = codes[code] else {
            return .identityError(400, "invalid_grant", aadsts: 9002313, "Invalid request. Request is malformed or invalid.")
        }
        guard !grant.redeemed else {
            return .identityError(400, "invalid_grant", aadsts: 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.")
        }
        grant.redeemed = true
        codes[code] = grant
        guard grant.expires > Date() else {
            return .identityError(400, "invalid_grant", aadsts: 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.")
        }
        guard form["redirect_uri"] == grant.redirectURI else {
            return .identityError(400, "invalid_grant", aadsts: 500112, "The reply address does not match the reply address provided when requesting Authorization code.")
        }
        guard let verifier = form["code_verifier"], !verifier.isEmpty else {
            return .identityError(400, "invalid_request", aadsts: 50148, "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.")
        }
        guard Self.s256(verifier) == grant.challenge else {
            return .identityError(400, "invalid_grant", aadsts: 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.")
        }
        return issue(scopes: grant.scopes)
    }

    private func redeemRefreshToken(_ form: [String: String]) -> StandInHTTPResponse {
        guard let token = form["refresh_token"], let grant = refreshGrants[token] else {
            return .identityError(400, "invalid_grant", aadsts: 9002313, "Invalid request. Request is malformed or invalid.")
        }
        guard !grant.revoked else {
            return .identityError(400, "invalid_grant", aadsts: 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.")
        }
        return issue(scopes: grant.scopes)
    }

    /// A token response (`token_type`, `scope`, `expires_in`, `ext_expires_in`, `access_token`, `refresh_token`).
    private func issue(scopes: [String]) -> StandInHTTPResponse {
        let access = newAccessToken()
        var body: [String: Any] = [
            "token_type": "Bearer",
            "scope": scopes.filter { !["offline_access", "openid", "profile", "email"].contains($0) }
                .map { "https://graph.microsoft.com/\($0)" }.joined(separator: " "),
            "expires_in": Int(configuration.accessTokenLifetime),
            "ext_expires_in": Int(configuration.accessTokenLifetime),
            "access_token": access,
        ]
        if scopes.contains("offline_access") {
            let refresh = "M.R3_BAY." + StandInID.make(prefix: "rt")
            refreshGrants[refresh] = RefreshGrant(scopes: scopes, revoked: false)
            body["refresh_token"] = refresh
        }
        return .json(200, body, headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    /// `BASE64URL(SHA256(verifier))` without padding (RFC 7636 §4.2).
    static func s256(_ verifier: String) -> String {
        let digest = SHA256.hash(data: Data(verifier.utf8))
        return Data(digest).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
