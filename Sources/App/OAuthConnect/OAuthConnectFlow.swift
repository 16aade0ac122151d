import Accounts
import AsyncHTTPClient
import Dashboard
import Foundation
import GmailProvider
import Logging
import MailCore
import OAuth
import OutlookProvider
import Storage

/// The "Connect Gmail / Connect Outlook" flow: authorization code + PKCE (S256) with a single-use,
/// expiring `state` bound to the workspace; the callback exchanges the code, reads the mailbox address
/// from the provider, and creates the inbox — or, for an address already connected in the workspace,
/// stores the new tokens and makes it active again (reconnect). Nothing is saved on any failure.
///
/// A flow may carry a context (kept with its state): `return=dashboard` sends the browser back to
/// `/inboxes` with a notice, and `reconnect=<inbox id>` updates that inbox, which must have the same
/// address as the account signed in to.
public struct OAuthConnectFlow: Sendable {
    /// How long a started flow may take before its state expires.
    public static let stateLifetime: TimeInterval = 600

    let settings: OAuthProviderSettings
    let publicURL: String
    let stores: Stores
    let httpClient: HTTPClient
    let logger: Logger

    public init(settings: OAuthProviderSettings, publicURL: String, stores: Stores, httpClient: HTTPClient, logger: Logger) {
        self.settings = settings
        self.publicURL = publicURL
        self.stores = stores
        self.httpClient = httpClient
        self.logger = logger
    }

    /// A failed connect, with a message safe to show the user.
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        /// The short code the dashboard shows the matching sentence for.
        public var reason: InboxConnectError = .failed
        /// The flow's context, when the failure happened after its state was read.
        public var context: [String: String] = [:]
        public var description: String { message }

        init(message: String, reason: InboxConnectError = .failed, context: [String: String] = [:]) {
            self.message = message
            self.reason = reason
            self.context = context
        }
    }

    /// A completed connect: the inbox and the context the flow was started with.
    public struct Connected: Sendable {
        public let inbox: Inbox
        public let context: [String: String]
        /// Whether an existing inbox got new tokens (instead of a new inbox being created).
        public let reconnected: Bool
    }

    /// The context key naming where the browser returns (`dashboard`).
    public static let returnKey = "return"
    /// The context key naming the inbox being reconnected.
    public static let reconnectKey = "reconnect"
    /// The context key naming the dashboard user who started the flow (only that user's browser may finish it).
    public static let userKey = "user"

    /// Starts a flow for `workspaceID`; returns the URL the user opens.
    public func start(workspaceID: UUID, provider: ProviderKind, loginHint: String? = nil,
                      context: [String: String] = [:]) async throws -> URL {
        guard let client = settings.client(for: provider, publicURL: publicURL) else {
            throw Failure(message: "\(provider.rawValue) is not configured on this server: set its client id and secret (see README).",
                          reason: .notConfigured)
        }
        guard try await stores.workspaces.get(id: workspaceID) != nil else { throw Failure(message: "No such workspace.") }
        let pkce = PKCE()
        let state = Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255) })
        try await stores.oauthStates.store(state: state, record: OAuthStateRecord(
            workspaceID: workspaceID, provider: provider, pkceVerifier: pkce.verifier, context: context,
            expiresAt: Date().addingTimeInterval(Self.stateLifetime)))
        return AuthorizationRequest(configuration: client, state: state, pkce: pkce, loginHint: loginHint).url
    }

    /// Completes a flow from the callback's query string; returns the connected inbox and the flow's context.
    ///
    /// `permits` sees the flow's context once its state is taken and before anything is exchanged or
    /// saved; `false` ends the flow with ``InboxConnectError/otherBrowser``.
    public func complete(provider: ProviderKind, query: String,
                         permits: @Sendable ([String: String]) async -> Bool = { _ in true }) async throws -> Connected {
        let response = AuthorizationResponse(query: query)
        guard let state = response.state,
              let record = try await stores.oauthStates.consume(state: state, now: Date()), record.provider == provider else {
            throw Failure(message: "This sign-in link has expired or was already used. Start the connection again.", reason: .expired)
        }
        guard await permits(record.context) else {
            throw Failure(message: "This connection was started by another dashboard session. Nothing was saved.",
                          reason: .otherBrowser, context: record.context)
        }
        do {
            return try await finish(record: record, response: response, provider: provider)
        } catch var failure as Failure {
            failure.context = record.context
            throw failure
        }
    }

    private func finish(record: OAuthStateRecord, response: AuthorizationResponse, provider: ProviderKind) async throws -> Connected {
        let code: String
        switch response {
        case .error(let error, _):
            logger.notice("oauth consent not given", metadata: ["provider": "\(provider.rawValue)", "error": "\(error)"])
            throw Failure(message: "The connection was not approved at \(provider == .gmail ? "Google" : "Microsoft"). Nothing was saved.",
                          reason: .denied)
        case .code(let value, _):
            code = value
        }
        guard let client = settings.client(for: provider, publicURL: publicURL) else {
            throw Failure(message: "\(provider.rawValue) is not configured on this server.", reason: .notConfigured)
        }
        let tokens: TokenSet
        do {
            tokens = try await TokenClient(configuration: client, httpClient: httpClient, logger: logger)
                .exchange(code: code, codeVerifier: record.pkceVerifier)
        } catch {
            logger.warning("oauth code exchange failed", metadata: ["provider": "\(provider.rawValue)", "error": "\(error)"])
            throw Failure(message: "The provider refused to issue tokens (\(error.code)). Nothing was saved; try again.", reason: .exchangeFailed)
        }
        // Google lets users untick scopes on the consent screen; Microsoft returns its own scope
        // spellings (and never offline_access), so only Google's grant is checked scope by scope.
        let missing = provider == .gmail ? client.missingScopes(in: tokens) : []
        guard missing.isEmpty else {
            throw Failure(message: "Not every permission was granted (missing: \(missing.joined(separator: ", "))). Nothing was saved; connect again and allow all requested access.",
                          reason: .missingScopes)
        }
        guard tokens.refreshToken != nil else {
            throw Failure(message: "The provider issued no refresh token, so the inbox could not stay connected. Remove the app's access in your account settings and connect again.",
                          reason: .noRefreshToken)
        }
        let address = try await profileAddress(provider: provider, accessToken: tokens.accessToken)
        let reconnect = record.context[Self.reconnectKey].flatMap(UUID.init(uuidString:))
        let (inbox, reconnected) = try await save(tokens: tokens, address: address, provider: provider,
                                                  workspaceID: record.workspaceID, reconnect: reconnect)
        return Connected(inbox: inbox, context: record.context, reconnected: reconnected)
    }

    private func profileAddress(provider: ProviderKind, accessToken: String) async throws -> String {
        do {
            switch provider {
            case .gmail:
                return try await GmailProvider.fetchProfileAddress(
                    accessToken: accessToken, httpClient: httpClient, apiBaseURL: settings.google?.gmailAPIURL ?? GmailProvider.defaultAPIBaseURL,
                    logger: logger)
            case .outlook:
                return try await OutlookProvider.fetchProfileAddress(
                    accessToken: accessToken, httpClient: httpClient,
                    graphBaseURL: settings.microsoft?.graphAPIURL ?? OutlookProvider.defaultGraphBaseURL, logger: logger)
            case .imap:
                throw Failure(message: "IMAP inboxes do not use OAuth here.")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            logger.warning("could not read the mailbox address", metadata: ["provider": "\(provider.rawValue)", "error": "\(error)"])
            throw Failure(message: "The mailbox address could not be read from the provider. Nothing was saved; try again.",
                          reason: .profileFailed)
        }
    }

    /// Stores the tokens: on the inbox being reconnected (same address required), on the workspace's
    /// inbox with this address, or on a new inbox.
    private func save(tokens: TokenSet, address: String, provider: ProviderKind, workspaceID: UUID,
                      reconnect: UUID?) async throws -> (Inbox, reconnected: Bool) {
        let credentials = try Array(JSONEncoder().encode(tokens))
        let existing: Inbox?
        if let reconnect {
            guard let inbox = try await stores.inboxes.get(id: reconnect, workspaceID: workspaceID), inbox.provider == provider else {
                throw Failure(message: "The inbox being reconnected no longer exists. Nothing was saved.")
            }
            guard inbox.address.lowercased() == address.lowercased() else {
                throw Failure(message: "You signed in as a different mailbox than \(inbox.address). Nothing was changed.", reason: .wrongAccount)
            }
            existing = inbox
        } else {
            existing = try await stores.inboxes.findByAddress(workspaceID: workspaceID, provider: provider, address: address)
        }
        if let existing {
            _ = try await stores.inboxes.updateCredentials(inboxID: existing.id, credentials: credentials)
            _ = try await stores.inboxes.setStatus(inboxID: existing.id, status: .active)
            var inbox = existing
            inbox.status = .active
            return (inbox, true)
        }
        let inbox = try await stores.inboxes.create(
            workspaceID: workspaceID, provider: provider, address: address, displayName: nil, settings: [:], credentials: credentials)
        return (inbox, false)
    }
}
