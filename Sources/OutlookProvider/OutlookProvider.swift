import AsyncHTTPClient
import Foundation
import Logging
import MIME
import MailCore
import NIOCore

/// An Outlook.com or Microsoft 365 mailbox over Microsoft Graph v1.0 (`/me/…`), implementing `MailProvider`.
///
/// - list: `GET /me/mailFolders/{well-known or id}/messages` with `$select` (summary fields only), `$top`,
///   `$skip`, `$orderby=receivedDateTime desc`, `$count=true`, and the message size from `PidTagMessageSize`.
/// - read: `GET /me/messages/{id}` with `Prefer: outlook.body-content-type="text"`; see `read(messageID:options:)`.
/// - search: `$search="…"` with `ConsistencyLevel: eventual`, paged through `@odata.nextLink`.
/// - send: `POST /me/sendMail`, or a draft plus attachment upload sessions when over Graph's 4 MB limit.
///
/// Ids are Graph's message ids; `thread_id` is Graph's `conversationId`. Keep one instance per inbox: it
/// caches the mailbox's folders. It neither owns nor shuts down the `HTTPClient`.
public final class OutlookProvider: MailProvider {
    /// The mailbox address given at construction (Graph sends only as the signed-in mailbox).
    public let ownAddresses: [EmailAddress]
    let transport: GraphTransport
    let folders: FolderDirectory
    let sanitizeHTML: @Sendable (String) -> String
    let logger: Logger

    /// The default Graph base URL.
    public static let defaultGraphBaseURL = "https://graph.microsoft.com/v1.0"

    /// - Parameters:
    ///   - address: the mailbox's address (from `fetchProfileAddress`), used as From and for reply-all.
    ///   - tokens: access tokens for Graph (`offline_access Mail.ReadWrite Mail.Send User.Read`).
    ///   - httpClient: shared client; not shut down by the provider.
    ///   - graphBaseURL: `https://graph.microsoft.com/v1.0`, or a stand-in's URL in tests.
    ///   - sanitizeHTML: applied to HTML bodies before they reach agents; MIME's `HTMLSanitizer.sanitize`
    ///     unless a test substitutes one.
    ///   - requestTimeout: per-request deadline.
    public init(
        address: EmailAddress, tokens: any AccessTokenSource, httpClient: HTTPClient,
        graphBaseURL: String = OutlookProvider.defaultGraphBaseURL,
        sanitizeHTML: @escaping @Sendable (String) -> String = { HTMLSanitizer.sanitize($0) },
        requestTimeout: TimeAmount = .seconds(30), logger: Logger = Logger(label: "mcpemails.outlook")
    ) {
        self.ownAddresses = [address]
        let base = graphBaseURL.hasSuffix("/") ? String(graphBaseURL.dropLast()) : graphBaseURL
        self.transport = GraphTransport(client: httpClient, tokens: tokens, baseURL: base, timeout: requestTimeout, logger: logger)
        self.folders = FolderDirectory(transport: transport)
        self.sanitizeHTML = sanitizeHTML
        self.logger = logger
    }

    /// The mailbox address of the account behind `accessToken`: `/me`'s `mail`, else its `userPrincipalName`.
    /// Used by the connect flow right after the code exchange.
    public static func fetchProfileAddress(
        accessToken: String, httpClient: HTTPClient, graphBaseURL: String = OutlookProvider.defaultGraphBaseURL,
        timeout: TimeAmount = .seconds(30), logger: Logger = Logger(label: "mcpemails.outlook")
    ) async throws(MailError) -> String {
        let base = graphBaseURL.hasSuffix("/") ? String(graphBaseURL.dropLast()) : graphBaseURL
        let transport = GraphTransport(client: httpClient, tokens: FixedToken(token: accessToken), baseURL: base, timeout: timeout, logger: logger)
        var query = GraphQuery()
        query.add("$select", "mail,userPrincipalName")
        let user = try await transport.json(GraphUser.self, .GET, "/me", query: query)
        guard let address = [user.mail, user.userPrincipalName].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw MailError(.providerError, detail: "Graph /me has neither mail nor userPrincipalName")
        }
        return address
    }
}

/// A token source holding one token (the connect flow's fresh token); a 401 cannot be retried.
struct FixedToken: AccessTokenSource {
    let token: String
    func accessToken() async throws -> String { token }
    func invalidate(_ token: String) async {}
}
