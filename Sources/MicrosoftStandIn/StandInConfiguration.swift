import Foundation

/// How a `MicrosoftStandIn` behaves: the registered app, the signed-in user, lifetimes and paging.
public struct StandInConfiguration: Sendable {
    /// The app registration's client id (`client_id`).
    public var clientID: String
    /// The app's client secret; token requests with another secret fail with `invalid_client`.
    public var clientSecret: String
    /// Redirect URIs registered for the app; `/authorize` and `/token` insist on an exact match.
    public var redirectURIs: [String]
    /// The signed-in user: `/me` answers with these.
    public var userMail: String?
    /// `/me` `userPrincipalName`.
    public var userPrincipalName: String
    /// `/me` `displayName`, also the sender name of sent mail.
    public var userDisplayName: String
    /// Lifetime of issued access tokens (Graph answers 401 `InvalidAuthenticationToken` after it).
    public var accessTokenLifetime: TimeInterval
    /// Lifetime of authorization codes (Microsoft: about ten minutes).
    public var authorizationCodeLifetime: TimeInterval
    /// Largest page the Graph side returns, whatever `$top` asks (server-driven paging via `@odata.nextLink`).
    public var maxPageSize: Int
    /// Largest Graph request body (Microsoft documents 4 MB); larger bodies get 413.
    public var maxRequestBytes: Int

    /// Defaults: one app registration, user Adele Vance, Graph-like lifetimes and limits.
    public init(
        clientID: String = "00000000-aaaa-bbbb-cccc-000000000001", clientSecret: String = "stand-in-secret",
        redirectURIs: [String] = ["http://127.0.0.1/oauth/microsoft/callback"],
        userMail: String? = "adele@contoso.test", userPrincipalName: String = "adele@contoso.onmicrosoft.test",
        userDisplayName: String = "Adele Vance", accessTokenLifetime: TimeInterval = 3599,
        authorizationCodeLifetime: TimeInterval = 600, maxPageSize: Int = 1000, maxRequestBytes: Int = 4 * 1024 * 1024
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURIs = redirectURIs
        self.userMail = userMail
        self.userPrincipalName = userPrincipalName
        self.userDisplayName = userDisplayName
        self.accessTokenLifetime = accessTokenLifetime
        self.authorizationCodeLifetime = authorizationCodeLifetime
        self.maxPageSize = maxPageSize
        self.maxRequestBytes = maxRequestBytes
    }

    /// The address mail is sent from: `mail`, else the user principal name.
    var senderAddress: String { userMail ?? userPrincipalName }
}

/// Named endpoints of the stand-in, for request counters and fault injection.
public enum StandInEndpoint: String, Sendable, Hashable, CaseIterable {
    case authorize, token, me
    case listMailFolders, getMailFolder, listChildFolders
    case listMessages, getMessage, updateMessage, deleteMessage, createMessage
    case sendMail, createReply, createReplyAll, sendDraft
    case listAttachments, getAttachment, getAttachmentValue, addAttachment, createUploadSession, uploadChunk
}

/// What the stand-in saw of one request, for assertions.
public struct StandInRequest: Sendable {
    /// The endpoint the request reached.
    public var endpoint: StandInEndpoint
    /// HTTP method.
    public var method: String
    /// Request path without the query.
    public var path: String
    /// Decoded query parameters (`$select`, `$top`, …).
    public var query: [String: String]
    /// Selected headers, lower-cased names: authorization presence, prefer, consistencylevel, content-range.
    public var headers: [String: String]
    /// Request body size in bytes.
    public var bodySize: Int
}

/// An injected failure: the next `count` matching requests answer `status` (with `Retry-After` if set).
struct StandInFault: Sendable {
    var endpoint: StandInEndpoint?
    var remaining: Int
    var status: Int
    var retryAfter: Int?
}
