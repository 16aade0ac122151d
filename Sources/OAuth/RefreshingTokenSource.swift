import Foundation
import Logging
import MailCore

/// The `AccessTokenSource` of one OAuth inbox: hands out the current access token, refreshes it
/// `refreshSkew` before expiry or after a 401 (`invalidate`), and shares one in-flight refresh among
/// all concurrent callers, so a burst of tool calls costs one token request.
///
/// New tokens are handed to `persist` (the lead's storage encrypts them). When the token endpoint
/// answers `invalid_grant` (revoked, expired, or password changed) `onRevoked` runs once (the lead
/// marks the inbox `needs_reconnect`) and every call throws `MailError(.authFailed)` telling the user
/// to reconnect. Tokens are never logged.
public actor RefreshingTokenSource: AccessTokenSource {
    /// Stores newly issued tokens; a failure is logged and the new tokens are used anyway.
    public typealias Persist = @Sendable (TokenSet) async throws -> Void
    /// Called once when the grant is dead.
    public typealias OnRevoked = @Sendable () async -> Void

    /// Detail of the `authFailed` error thrown after a revocation.
    public static let reconnectDetail = "reconnect the inbox"

    private var tokens: TokenSet
    private var stale = false
    private var revoked = false
    private var inFlight: Task<TokenSet, any Error>?
    private let refresher: @Sendable (String) async throws(OAuthError) -> TokenSet
    private let refreshSkew: TimeInterval
    private let now: @Sendable () -> Date
    private let persist: Persist
    private let onRevoked: OnRevoked
    private let logger: Logger

    /// - Parameters:
    ///   - tokens: the stored token set of the inbox.
    ///   - tokenClient: client for the provider's token endpoint.
    ///   - refreshSkew: refresh this long before `expiresAt` (default 60 s) so a token never expires in flight.
    public init(
        tokens: TokenSet, tokenClient: TokenClient, refreshSkew: TimeInterval = 60,
        now: @escaping @Sendable () -> Date = { Date() },
        persist: @escaping Persist, onRevoked: @escaping OnRevoked, logger: Logger
    ) {
        self.init(
            tokens: tokens, refresher: { token throws(OAuthError) in try await tokenClient.refresh(refreshToken: token) },
            refreshSkew: refreshSkew, now: now, persist: persist, onRevoked: onRevoked, logger: logger
        )
    }

    /// Same, with the refresh call injected (for tests and non-standard token endpoints).
    public init(
        tokens: TokenSet, refresher: @escaping @Sendable (String) async throws(OAuthError) -> TokenSet,
        refreshSkew: TimeInterval = 60, now: @escaping @Sendable () -> Date = { Date() },
        persist: @escaping Persist, onRevoked: @escaping OnRevoked, logger: Logger
    ) {
        self.tokens = tokens
        self.refresher = refresher
        self.refreshSkew = refreshSkew
        self.now = now
        self.persist = persist
        self.onRevoked = onRevoked
        self.logger = logger
    }

    /// The token set currently in use (for storage and tests).
    public var currentTokens: TokenSet { tokens }

    public func accessToken() async throws -> String {
        if revoked { throw MailError(.authFailed, detail: Self.reconnectDetail) }
        if !stale, tokens.expiresAt.timeIntervalSince(now()) > refreshSkew {
            return tokens.accessToken
        }
        return try await sharedRefresh().accessToken
    }

    public func invalidate(_ token: String) async {
        // Only the token we handed out counts: a 401 for a token already replaced must not force
        // another refresh.
        if token == tokens.accessToken { stale = true }
    }

    private func sharedRefresh() async throws -> TokenSet {
        if let inFlight { return try await inFlight.value }
        let task = Task { try await self.performRefresh() }
        inFlight = task
        return try await task.value
    }

    private func performRefresh() async throws -> TokenSet {
        defer { inFlight = nil }
        guard let refreshToken = tokens.refreshToken else {
            try await markRevoked(reason: "no refresh token stored")
        }
        let fresh: TokenSet
        do throws(OAuthError) {
            fresh = try await refresher(refreshToken)
        } catch {
            if error.isInvalidGrant { try await markRevoked(reason: "invalid_grant") }
            logger.warning("access token refresh failed", metadata: ["error": "\(error.code)"])
            if error.code == .transport {
                throw MailError(.providerError, detail: "token refresh failed: token endpoint unreachable")
            }
            throw MailError(.providerError, detail: "token refresh failed: \(error.oauthError ?? error.code.description)")
        }
        tokens = fresh
        stale = false
        logger.debug("access token refreshed")
        do {
            try await persist(fresh)
        } catch {
            logger.error("storing refreshed tokens failed", metadata: ["error": "\(type(of: error))"])
        }
        return fresh
    }

    private func markRevoked(reason: String) async throws -> Never {
        if !revoked {
            revoked = true
            logger.notice("OAuth grant is no longer valid; inbox needs a reconnect", metadata: ["reason": "\(reason)"])
            await onRevoked()
        }
        throw MailError(.authFailed, detail: Self.reconnectDetail)
    }
}
