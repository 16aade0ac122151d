import AsyncHTTPClient
import Foundation
import Logging
import MailCore
import MIME
import OAuth

/// A Gmail or Google Workspace mailbox through the Gmail REST API (not IMAP).
///
/// - `list`: the folder becomes a label (`labelIds=INBOX`, …, user labels by name), `unread_only`
///   adds `labelIds=UNREAD`; ids are paged with `GmailPager` and summaries fetched with bounded
///   parallel `messages.get` calls (`GmailLimits.summaryConcurrency`).
/// - `read`: one `messages.get?format=raw` parsed by our MIME engine — one round trip and 5 quota
///   units whatever the attachment count, and the same decoding (charsets, RFC 2231 names, HTML
///   sanitizing, text from HTML) as the IMAP backend. `format=full` would need an extra
///   `attachments.get` per attachment and a second body decoder; its only saving, not downloading
///   attachment bytes that were not asked for, is bounded by Gmail's 25 MB message limit.
/// - `search`: the query goes to Gmail as written (`q=`), paged like `list`.
/// - `send`: built by `MessageBuilder`, sent with `messages.send` as JSON `{raw, threadId}` up to
///   `GmailLimits.simpleSendMaximumBytes`, else through the multipart upload endpoint.
///
/// Message ids are Gmail's ids, unchanged. Thread-safe; holds no connections of its own.
public final class GmailProvider: MailProvider {
    /// Gmail API root (`rootUrl` of the discovery document).
    public static let defaultAPIBaseURL = "https://gmail.googleapis.com"
    static let userPath = "/gmail/v1/users/me"

    /// The mailbox address (from `users.getProfile` at connect time).
    public let address: EmailAddress
    let api: GmailAPIClient
    let labels: GmailLabelDirectory
    let pager: GmailPager
    let limits: GmailLimits
    let logger: Logger

    /// - Parameters:
    ///   - address: the mailbox's address, used as From.
    ///   - tokens: the inbox's token source (normally `RefreshingTokenSource`).
    ///   - httpClient: shared client; not shut down by the provider.
    ///   - apiBaseURL: Gmail API root without trailing slash (override for tests and proxies).
    public init(
        address: EmailAddress, tokens: any AccessTokenSource, httpClient: HTTPClient,
        apiBaseURL: String = GmailProvider.defaultAPIBaseURL, logger: Logger, limits: GmailLimits = GmailLimits()
    ) {
        let base = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
        let api = GmailAPIClient(baseURL: base, tokens: tokens, httpClient: httpClient, logger: logger, limits: limits)
        self.address = address
        self.api = api
        self.labels = GmailLabelDirectory(api: api, userPath: Self.userPath)
        self.pager = GmailPager(api: api, userPath: Self.userPath, pageMaximum: limits.listPageMaximum)
        self.limits = limits
        self.logger = logger
    }

    public var ownAddresses: [EmailAddress] { [address] }

    /// `messages.list` on the folder's label (plus UNREAD), the page's summaries, and `total` from the
    /// label's own counts (`users.labels.get`, asked at the same time; a failure there only leaves `total`
    /// null).
    public func list(_ request: ListRequest) async throws -> MessagePage {
        let labelID = try await labels.labelID(for: request.folder)
        var query: [(String, String)] = [("labelIds", labelID)]
        if request.unreadOnly && labelID != "UNREAD" { query.append(("labelIds", "UNREAD")) }
        if labelID == "TRASH" || labelID == "SPAM" { query.append(("includeSpamTrash", "true")) }
        let labels = self.labels
        async let counts = try? labels.counts(of: labelID)
        let (refs, hasMore) = try await pager.ids(query: query, offset: request.offset, limit: request.limit, operation: .list)
        let folder = request.folder.displayName
        let resources = try await fetchSummaryResources(refs)
        let total = await counts.map { request.unreadOnly && labelID != "UNREAD" ? $0.unread : $0.total }
        return MessagePage(
            messages: resources.map { GmailSummaryMapper.summary($0, folder: folder) }, total: total, hasMore: hasMore
        )
    }

    public func search(_ request: SearchRequest) async throws -> MessagePage {
        let (refs, hasMore) = try await pager.ids(
            query: [("q", request.query)], offset: request.offset, limit: request.limit, operation: .search
        )
        let resources = try await fetchSummaryResources(refs)
        var summaries: [MessageSummary] = []
        for resource in resources {
            summaries.append(GmailSummaryMapper.summary(resource, folder: await folderName(for: resource.labelIds ?? [])))
        }
        var page = MessagePage(messages: summaries, total: nil, hasMore: hasMore)
        if !request.includeFolders.isEmpty {
            page.notes.append("include_folders is ignored by Gmail; use in: or label: operators in the query")
        }
        return page
    }

    public func read(messageID: String, options: ReadOptions) async throws -> Message {
        let id = try GmailAPIClient.pathSegment(messageID: messageID)
        let resource = try await api.json(
            .init(path: "\(Self.userPath)/messages/\(id)", query: [("format", "raw")], operation: .readMessage),
            as: GmailWire.Message.self
        )
        guard let raw = resource.raw, let bytes = Base64URL.decode(raw) else {
            throw MailError(.providerError, detail: "Gmail answered format=raw without a decodable raw field")
        }
        let parsed = ParsedMessage.parse(bytes)
        var summary = parsed.makeSummary(
            messageID: resource.id, threadID: resource.threadId, unread: (resource.labelIds ?? []).contains("UNREAD"),
            size: resource.sizeEstimate ?? bytes.count, folder: await folderName(for: resource.labelIds ?? [])
        )
        // Same date and snippet as list_inbox: Gmail's arrival time and Gmail's snippet.
        let gmail = GmailSummaryMapper.summary(resource, folder: summary.folder)
        summary.date = gmail.date ?? summary.date
        if !gmail.snippet.isEmpty { summary.snippet = gmail.snippet }
        var message = parsed.toMailCoreMessage(
            summary: summary, includeHTML: options.includeHTML, includeAttachmentData: options.includeAttachments
        )
        if options.markAsRead && message.summary.unread {
            try await modifyLabels(id: id, remove: ["UNREAD"])
            message.summary.unread = false
        }
        return message
    }

    public func send(_ message: OutgoingMessage) async throws -> SendReceipt {
        try await GmailSender(api: api, limits: limits, userPath: Self.userPath).send(message)
    }

    /// The address of the mailbox an access token belongs to (`users.getProfile`), for the connect flow.
    public static func fetchProfileAddress(
        accessToken: String, httpClient: HTTPClient, apiBaseURL: String = defaultAPIBaseURL, logger: Logger,
        limits: GmailLimits = GmailLimits()
    ) async throws -> String {
        let base = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
        let api = GmailAPIClient(
            baseURL: base, tokens: FixedAccessToken(token: accessToken), httpClient: httpClient, logger: logger, limits: limits
        )
        let profile = try await api.json(.init(path: userPath + "/profile", operation: .profile), as: GmailWire.Profile.self)
        return profile.emailAddress
    }

    func modifyLabels(id: String, add: [String] = [], remove: [String]) async throws {
        struct Body: Encodable { var addLabelIds: [String]; var removeLabelIds: [String] }
        let body = try JSONEncoder().encode(Body(addLabelIds: add, removeLabelIds: remove))
        _ = try await api.perform(.init(
            method: .POST, path: "\(Self.userPath)/messages/\(id)/modify", body: .init(bytes: body),
            contentType: "application/json", operation: .modifyMessage
        ))
    }
}

/// An access token used as is (no refresh), for the one profile call during the connect flow.
struct FixedAccessToken: AccessTokenSource {
    let token: String
    func accessToken() async throws -> String { token }
    func invalidate(_ token: String) async {}
}
