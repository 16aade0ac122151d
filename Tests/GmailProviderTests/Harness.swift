import AsyncHTTPClient
import Foundation
import GmailProvider
import GoogleStandIn
import Logging
import MailCore
import OAuth
import Synchronization
import Testing

/// One stand-in, one HTTP client and one connected Gmail inbox per test, over real HTTP on loopback.
struct Harness {
    let standIn: GoogleStandIn
    let httpClient: HTTPClient
    let user: String
    let tokens: (accessToken: String, refreshToken: String, expiresAt: Date)
    let source: RefreshingTokenSource
    let provider: GmailProvider
    let revoked: Counter
    let persisted: Counter

    static let redirectURI = "http://127.0.0.1:9/oauth/google/callback"

    var tokenClient: TokenClient { TokenClient(configuration: oauthConfiguration, httpClient: httpClient, logger: Self.logger) }

    var oauthConfiguration: OAuthClientConfiguration {
        .google(
            clientID: standIn.configuration.clientID, clientSecret: standIn.configuration.clientSecret,
            redirectURI: Self.redirectURI, authorizationURL: standIn.authorizationURL, tokenURL: standIn.tokenURL
        )
    }

    static let logger: Logger = {
        var logger = Logger(label: "GmailProviderTests")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with a fresh harness and tears it down; fails the test on any recorded violation.
    static func with(
        scopes: [String] = GoogleStandIn.gmailScopes, limits: GmailLimits = GmailLimits(),
        standIn configuration: GoogleStandInConfiguration = GoogleStandInConfiguration(redirectURIs: [redirectURI]),
        _ body: (Harness) async throws -> Void
    ) async throws {
        let standIn = try await GoogleStandIn.start(configuration: configuration)
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let user = "user-\(UUID().uuidString.prefix(8).lowercased())@gmail.test"
        let tokens = standIn.issueTokens(for: user, scopes: scopes)
        let revoked = Counter()
        let persisted = Counter()
        let tokenClient = TokenClient(
            configuration: .google(
                clientID: standIn.configuration.clientID, clientSecret: standIn.configuration.clientSecret,
                redirectURI: redirectURI, authorizationURL: standIn.authorizationURL, tokenURL: standIn.tokenURL
            ),
            httpClient: httpClient, logger: logger
        )
        let source = RefreshingTokenSource(
            tokens: TokenSet(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt, scope: nil),
            tokenClient: tokenClient, persist: { _ in persisted.increment() }, onRevoked: { revoked.increment() }, logger: logger
        )
        let provider = GmailProvider(
            address: EmailAddress(address: user), tokens: source, httpClient: httpClient,
            apiBaseURL: standIn.baseURL, logger: logger, limits: limits
        )
        let harness = Harness(
            standIn: standIn, httpClient: httpClient, user: user, tokens: tokens, source: source,
            provider: provider, revoked: revoked, persisted: persisted
        )
        do {
            try await body(harness)
        } catch {
            try? await httpClient.shutdown()
            await standIn.stop()
            throw error
        }
        #expect(standIn.violations == [], "requests not matching the Gmail discovery document")
        try await httpClient.shutdown()
        await standIn.stop()
    }

    /// Delivers a test message to the harness user and returns its Gmail id.
    @discardableResult
    func deliver(_ mail: TestMail, labels: [String] = ["INBOX", "UNREAD"], date: Date = Date()) -> String {
        standIn.deliver(mail.bytes, to: user, labelIds: labels, internalDate: date).id
    }
}

/// A thread-safe counter for callbacks.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// Expects `body` to throw a `MailError` with `code`, returning it.
@discardableResult
func expectMailError(
    _ code: MailError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> MailError? {
    do {
        try await body()
        Issue.record("expected MailError(.\(code)) but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as MailError {
        #expect(error.code == code, "got \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected MailError(.\(code)), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A thread-safe list of values recorded by callbacks.
final class Recorded<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
