import AsyncHTTPClient
import Foundation
import Logging
import MailCore
import MicrosoftStandIn
import NIOCore
import OAuth
import OutlookProvider

/// A running stand-in, the OAuth target's `RefreshingTokenSource` holding tokens issued for its user,
/// and an `OutlookProvider` pointed at it.
struct OutlookFixture {
    let standIn: MicrosoftStandIn
    let tokens: RefreshingTokenSource
    let provider: OutlookProvider
    var store: MicrosoftStore { standIn.store }
    var address: EmailAddress { provider.ownAddresses[0] }

    /// What tests use as the HTML sanitizer: visibly marks its output so tests see it was applied.
    static let sanitize: @Sendable (String) -> String = { "<!--sanitized-->" + $0 }

    static func make(_ configuration: StandInConfiguration = StandInConfiguration()) async throws -> OutlookFixture {
        let standIn = try await MicrosoftStandIn.start(configuration: configuration)
        let (access, refresh) = await standIn.store.issueTokens()
        let oauth = OAuthClientConfiguration(
            clientID: configuration.clientID, clientSecret: configuration.clientSecret,
            authorizationURL: MicrosoftIdentity.authorizationURL(authority: standIn.authorityURL) ?? URL(fileURLWithPath: "/"),
            tokenURL: MicrosoftIdentity.tokenURL(authority: standIn.authorityURL) ?? URL(fileURLWithPath: "/"),
            redirectURI: configuration.redirectURIs[0], scopes: MicrosoftIdentity.scopes
        )
        let tokens = RefreshingTokenSource(
            tokens: TokenSet(accessToken: access, refreshToken: refresh, expiresAt: Date().addingTimeInterval(3599), scope: nil),
            tokenClient: TokenClient(configuration: oauth, httpClient: .shared, logger: Logger(label: "test.oauth")),
            persist: { _ in }, onRevoked: {}, logger: Logger(label: "test.tokens")
        )
        let provider = OutlookProvider(
            address: EmailAddress(name: configuration.userDisplayName, address: configuration.userMail ?? configuration.userPrincipalName),
            tokens: tokens, httpClient: HTTPClient.shared, graphBaseURL: standIn.graphURL,
            sanitizeHTML: sanitize, requestTimeout: .seconds(10)
        )
        return OutlookFixture(standIn: standIn, tokens: tokens, provider: provider)
    }

    /// Runs `body` with a fresh fixture and always shuts the stand-in down.
    static func with<T>(
        _ configuration: StandInConfiguration = StandInConfiguration(), _ body: (OutlookFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await make(configuration)
        do {
            let result = try await body(fixture)
            await fixture.standIn.shutdown()
            return result
        } catch {
            await fixture.standIn.shutdown()
            throw error
        }
    }

    /// Seeds `count` inbox messages, one minute apart, oldest first; returns them newest first.
    @discardableResult
    func seedInbox(_ count: Int, subject: String = "Message", unreadEvery: Int = 1) async -> [StandInMessage] {
        var seeded: [StandInMessage] = []
        for index in 0..<count {
            let message = StandInMessage(
                subject: "\(subject) \(index)", body: "Body of message \(index)",
                from: StandInRecipient(name: "Sender \(index)", address: "sender\(index)@example.test"),
                to: [StandInRecipient(name: "Adele Vance", address: "adele@contoso.test")],
                received: Self.time(index), isRead: index % unreadEvery != 0
            )
            seeded.append(await store.seed(message))
        }
        return seeded.reversed()
    }

    static func time(_ minutes: Int) -> Date { Date(timeIntervalSince1970: 1_750_000_000 + Double(minutes) * 60) }
}

/// Plain HTTP helpers for tests that talk to the stand-in directly.
enum RawHTTP {
    /// A client that does not follow redirects, so tests can see a 302.
    static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                   configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    static func postForm(_ url: String, _ fields: [(String, String)]) async throws -> (Int, [String: Any]) {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: body))
        return try await send(request)
    }

    static func get(_ url: String, headers: [(String, String)] = []) async throws -> (Int, [String: Any], HTTPClientResponse) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        return (Int(response.status.code), json, response)
    }

    private static func send(_ request: HTTPClientRequest) async throws -> (Int, [String: Any]) {
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1024 * 1024)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        return (Int(response.status.code), json)
    }
}

/// Runs `body` and returns the `MailError` it threw, or `nil` if it threw none (or another error).
func mailError(_ body: () async throws -> Void) async -> MailError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? MailError
    }
}
