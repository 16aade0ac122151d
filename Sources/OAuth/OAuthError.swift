/// Errors of the OAuth flow: token endpoint answers (RFC 6749 §5.2), authorization redirects
/// (§4.1.2.1), transport failures and malformed answers. A public struct over a private enum
/// (STYLE §3), so new codes do not break callers.
///
/// Callers map `.invalidGrant` to `MailError(.authFailed)` (the refresh token was revoked or expired:
/// the user must reconnect). `description` contains no tokens or secrets, only the provider's
/// `error` code and its `error_description`, e.g. `invalid_grant: Token has been expired or revoked.`
public struct OAuthError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidGrant, invalidClient, invalidRequest, invalidScope, unauthorizedClient
            case unsupportedGrantType, accessDenied, providerError, malformedResponse, transport
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `invalid_grant`: code or refresh token invalid, expired, revoked, or issued to another client.
        public static let invalidGrant = Code(.invalidGrant)
        /// `invalid_client`: client authentication failed (wrong id or secret).
        public static let invalidClient = Code(.invalidClient)
        /// `invalid_request`: a parameter is missing or repeated (e.g. a wrong `code_verifier` at some providers).
        public static let invalidRequest = Code(.invalidRequest)
        /// `invalid_scope`.
        public static let invalidScope = Code(.invalidScope)
        /// `unauthorized_client`.
        public static let unauthorizedClient = Code(.unauthorizedClient)
        /// `unsupported_grant_type`.
        public static let unsupportedGrantType = Code(.unsupportedGrantType)
        /// `access_denied`: the user refused consent (authorization redirect).
        public static let accessDenied = Code(.accessDenied)
        /// Any other provider error code or an unexpected HTTP status.
        public static let providerError = Code(.providerError)
        /// The answer could not be parsed or lacks required fields.
        public static let malformedResponse = Code(.malformedResponse)
        /// The token endpoint could not be reached or the connection failed.
        public static let transport = Code(.transport)

        public var description: String { base.rawValue }

        static func from(oauthError: String) -> Code {
            switch oauthError {
            case "invalid_grant": .invalidGrant
            case "invalid_client": .invalidClient
            case "invalid_request": .invalidRequest
            case "invalid_scope": .invalidScope
            case "unauthorized_client": .unauthorizedClient
            case "unsupported_grant_type": .unsupportedGrantType
            case "access_denied": .accessDenied
            default: .providerError
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// The provider's `error` value (`invalid_grant`, …) when it sent one.
    public let oauthError: String?
    /// Safe detail: the provider's `error_description`, an HTTP status, or a parse problem.
    public let detail: String?
    /// HTTP status of the token endpoint's answer, when there was one.
    public let httpStatus: Int?

    /// An error of our own making (transport, malformed answer).
    public init(_ code: Code, detail: String? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.oauthError = nil
        self.detail = detail
        self.httpStatus = httpStatus
    }

    /// An error the provider reported with an RFC 6749 §5.2 `error` code.
    public init(oauthError: String, description: String?, status: Int?) {
        self.code = Code.from(oauthError: oauthError)
        self.oauthError = oauthError
        self.detail = description
        self.httpStatus = status
    }

    /// Whether the grant (refresh token or code) is dead and the inbox must be reconnected.
    public var isInvalidGrant: Bool { code == .invalidGrant }

    public var description: String {
        var text = oauthError ?? code.description
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if let detail { text += ": \(detail)" }
        return text
    }
}
