import Foundation

/// How the stand-in's OAuth client registration and tokens behave.
public struct GoogleStandInConfiguration: Sendable {
    /// The registered OAuth client.
    public var clientID: String
    /// The registered client secret; token requests must present it.
    public var clientSecret: String
    /// Registered redirect URIs; the authorize and token requests must use one of them exactly.
    public var redirectURIs: [String]
    /// `expires_in` of issued access tokens.
    public var accessTokenLifetime: TimeInterval
    /// How long an authorization code can be exchanged (Google: a few minutes).
    public var authorizationCodeLifetime: TimeInterval
    /// Largest JSON request body (Google rejects larger "simple" requests; uploads go to `/upload`).
    public var jsonRequestLimit: Int
    /// Path of `gmail.v1.json`; `nil` locates it (`DiscoveryDocument.locate()`).
    public var discoveryDocumentPath: String?

    public init(
        clientID: String = "stand-in-client.apps.googleusercontent.com",
        clientSecret: String = "GOCSPX-stand-in-secret",
        redirectURIs: [String] = ["http://127.0.0.1/oauth/google/callback"],
        accessTokenLifetime: TimeInterval = 3599,
        authorizationCodeLifetime: TimeInterval = 300,
        jsonRequestLimit: Int = 5_242_880,
        discoveryDocumentPath: String? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURIs = redirectURIs
        self.accessTokenLifetime = accessTokenLifetime
        self.authorizationCodeLifetime = authorizationCodeLifetime
        self.jsonRequestLimit = jsonRequestLimit
        self.discoveryDocumentPath = discoveryDocumentPath
    }
}

/// What the authorize endpoint does when a browser arrives.
public enum GoogleConsent: Sendable, Hashable {
    /// The signed-in Google user approves: 302 to the redirect URI with `code` and `state`.
    /// `grantedScopes` models granular consent (the user unticks scopes); `nil` grants all requested.
    case approve(user: String, grantedScopes: [String]? = nil)
    /// The user clicks "Cancel": 302 to the redirect URI with `error=access_denied` and `state`.
    case deny
}

/// A scripted failure for the next request(s) to an endpoint.
public enum GoogleFault: Sendable, Hashable {
    /// Answer with this status (500, 502, 503, …) and Google's error body, optionally with Retry-After.
    case status(Int, retryAfter: Int? = nil)
    /// 429 RESOURCE_EXHAUSTED (`rateLimitExceeded`), with a Retry-After header when given.
    case tooManyRequests(retryAfter: Int?)
    /// 403 with a usage-limit reason (`rateLimitExceeded`, `userRateLimitExceeded`).
    case rateLimit403(reason: String, retryAfter: Int?)
    /// 401 as for an expired token, whatever token was sent.
    case unauthorized
    /// Process the request fully (e.g. store a sent message), then close the connection unanswered.
    case dropConnectionAfterProcessing
    /// Process the request fully, then wait this many milliseconds before answering (client timeouts).
    case delayAnswerAfterProcessing(milliseconds: Int)

    /// Faults applied after the handler ran rather than instead of it.
    var isAfterProcessing: Bool {
        switch self {
        case .dropConnectionAfterProcessing, .delayAnswerAfterProcessing: true
        default: false
        }
    }
}

/// Endpoint names for request counts and faults: Gmail discovery method ids
/// (`gmail.users.messages.list`, …) plus these OAuth endpoints.
public enum GoogleEndpoint {
    /// `GET /o/oauth2/v2/auth`.
    public static let authorize = "oauth.authorize"
    /// `POST /token` with `grant_type=authorization_code`.
    public static let tokenAuthorizationCode = "oauth.token.authorization_code"
    /// `POST /token` with `grant_type=refresh_token`.
    public static let tokenRefresh = "oauth.token.refresh_token"
    /// Gmail discovery method ids.
    public static let messagesList = "gmail.users.messages.list"
    public static let messagesGet = "gmail.users.messages.get"
    public static let messagesSend = "gmail.users.messages.send"
    /// `messages.send` requests that came through the `/upload/…` endpoint (also counted in `messagesSend`).
    public static let messagesSendUpload = "gmail.users.messages.send.upload"
    public static let messagesModify = "gmail.users.messages.modify"
    public static let attachmentsGet = "gmail.users.messages.attachments.get"
    public static let labelsList = "gmail.users.labels.list"
    public static let labelsGet = "gmail.users.labels.get"
    public static let getProfile = "gmail.users.getProfile"
}
