import Foundation
import IMAP
import IMAPProvider
import MailCore
import TestSupport
import Testing

@Suite("IMAP provider: connection pool and dropped connections", .timeLimit(.minutes(2)))
struct PoolTests {
    @Test("many calls share one login")
    func reuse() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("pool")
        try await fixture.append((1...3).map { TestMessage.plain(subject: "m\($0)") }, for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        for _ in 0..<5 {
            let page = try await provider.list(ListRequest())
            _ = try await provider.read(messageID: page.messages[0].messageID, options: ReadOptions())
            _ = try await provider.search(SearchRequest(query: "m1", includeFolders: [.inbox]))
            _ = try await provider.list(ListRequest(folder: .sent))
        }
        let stats = await provider.poolStatistics()
        #expect(stats.created == 1)
        #expect(stats.leased == 0)
        #expect(stats.idle == 1)

        // A search of every folder searches them at once on several pooled connections, then reuses them.
        _ = try await provider.search(SearchRequest(query: "m1"))
        let afterFirst = await provider.poolStatistics()
        #expect(afterFirst.created > 1 && afterFirst.created <= 4)
        for _ in 0..<3 { #expect(try await provider.search(SearchRequest(query: "m1")).total == 1) }
        let afterMore = await provider.poolStatistics()
        #expect(afterMore.created == afterFirst.created && afterMore.leased == 0)
    }

    @Test("concurrent calls stay within the connection limit")
    func bounded() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("bounded")
        try await fixture.append([TestMessage.plain(subject: "x")], for: user)
        let provider = try fixture.provider(for: user, settings: try fixture.settings(for: user, maxConnections: 2))
        defer { Task { await provider.shutdown() } }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.list(ListRequest()).total ?? -1 } }
            for try await total in group { #expect(total == 1) }
        }
        let stats = await provider.poolStatistics()
        #expect(stats.created <= 2)
        #expect(stats.peakLeased <= 2)
    }

    /// A provider for a fresh user whose IMAP traffic goes through `proxy` (plaintext on loopback).
    static func proxied(_ fixture: MailFixture, _ proxy: FaultProxy, user: String) throws -> IMAPMailProvider {
        var settings = try fixture.settings(for: user)
        settings.imapHost = "127.0.0.1"
        settings.imapPort = proxy.port
        settings.imapSecurity = .none
        return try fixture.provider(for: user, settings: settings)
    }

    @Test("a server that drops the connection mid-response: the same call and the next succeed")
    func dropMidResponse() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let proxy = try await FaultProxy.start(targetHost: fixture.server.host, targetPort: fixture.server.imapPort)
        let user = fixture.newUser("drop")
        let body = String(repeating: "0123456789abcdef\n", count: 8000)
        try await fixture.append([TestMessage.plain(subject: "big", body: body)], for: user)
        let provider = try Self.proxied(fixture, proxy, user: user)
        let id = try #require(try await provider.list(ListRequest()).messages.first?.messageID)

        await proxy.setFault(.dropAfterServerBytes(1000))
        let message = try await provider.read(messageID: id, options: ReadOptions())
        #expect(message.textBody.count > 100_000)
        #expect(await proxy.faultsFired == 1)
        #expect(await provider.poolStatistics().created == 2)

        await proxy.setFault(.dropAfterServerBytes(200))
        let page = try await provider.list(ListRequest())
        #expect(page.messages.first?.messageID == id)
        #expect(try await provider.read(messageID: id, options: ReadOptions()).summary.subject == "big")
        await provider.shutdown()
        try await proxy.shutdown()
    }

    @Test("connections dropped while idle are replaced on the next call")
    func dropWhileIdle() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let proxy = try await FaultProxy.start(targetHost: fixture.server.host, targetPort: fixture.server.imapPort)
        let user = fixture.newUser("idle")
        try await fixture.append([TestMessage.plain(subject: "still here")], for: user)
        let provider = try Self.proxied(fixture, proxy, user: user)
        #expect(try await provider.list(ListRequest()).total == 1)
        await proxy.dropAllConnections()
        #expect(try await provider.list(ListRequest()).messages.first?.subject == "still here")
        #expect(try await provider.search(SearchRequest(query: "still")).total == 1)
        await provider.shutdown()
        try await proxy.shutdown()
    }

    @Test("a wrong password on the provider is authFailed")
    func authFailed() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("badpw")
        let provider = try IMAPMailProvider(settings: try fixture.settings(for: user), credentials: .password("not-the-password"),
                                            logger: MailFixture.logger)
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: MailError.self) { _ = try await provider.list(ListRequest()) }
        #expect(error?.code == .authFailed)
        #expect(error?.detail?.contains("not-the-password") == false)
    }
}
