import Accounts
import Foundation
import Logging
@testable import App
import MCPServer
import Storage
import Testing

/// Key lookups kept in memory (`AuthCache`) must never let a revoked key through: every answer to a
/// cached caller other than 401 passes a check of the key in the database.
@Suite("API key lookup cache")
struct AuthCacheTests {
    /// One message of each shape, as an agent could send it after its key was revoked.
    static let shapes: [(name: String, body: String)] = [
        ("request", #"{"jsonrpc":"2.0","id":5,"method":"tools/list"}"#),
        ("tool call", #"{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"list_inbox","arguments":{}}}"#),
        ("notification", #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#),
        ("invalid request", #"{"jsonrpc":"2.0","id":7,"method":"ping","params":5}"#),
        ("client response", #"{"jsonrpc":"2.0","id":8,"result":{}}"#),
        ("batch", #"[{"jsonrpc":"2.0","id":9,"method":"ping"}]"#),
    ]

    @Test("a key revoked while its lookup is cached gets 401 on every kind of message", arguments: DatabaseKind.allCases)
    func revokedWhileCached(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            for shape in Self.shapes {
                let seed = try await server.seed()
                var client = server.client(seed)
                client.protocolVersion = "2025-03-26"  // batches are allowed in this revision
                #expect(try await client.rpc("ping").status == 200)  // the lookup is now cached
                #expect(try await server.stores.apiKeys.revoke(id: seed.keyID, workspaceID: nil, at: Date()))
                let reply = try await client.post(raw: Array(shape.body.utf8))
                #expect(reply.status == 401, "\(shape.name): \(reply.text)")
                #expect(reply.errorCode == -32001, "\(shape.name)")
                #expect(try await client.rpc("ping").status == 401, "\(shape.name): and after")
            }
        }
    }

    @Test("a key revoked by the admin CLI (another process) is refused on its next request", arguments: DatabaseKind.allCases)
    func revokedByCLI(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            for _ in 0..<3 { #expect(try await client.rpc("ping").status == 200) }
            let env = ["MCPEMAILS_DATABASE_URL": server.databaseURL, "MCPEMAILS_MASTER_KEY": server.masterKey]
            let revoked = try await Executable.json(["key", "revoke", seed.keyID.uuidString.lowercased()], environment: env)
            #expect(revoked["revoked"] as? Bool == true)
            let reply = try await client.rpc("tools/list")
            #expect(reply.status == 401)
            #expect(reply.headers.first(name: "www-authenticate")?.hasPrefix("Bearer") == true)
        }
    }

    @Test("cached lookups are provisional, revocation is noticed, and plan changes apply once an entry expires",
          arguments: DatabaseKind.allCases)
    func servicesLevel(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let seed = try await server.seed(plan: .free)
            let clock = ManualTestClock(Date())
            let cache = AuthCache()
            let services = StoreBackedMCPServices(
                stores: server.stores, registry: server.runtime.registry,
                auditWriter: AuditWriter(log: server.stores.auditLog, quotas: server.stores.quotas, logger: Logger(label: "t")),
                authCache: cache, rateLimits: .standard, plans: .standard, logger: Logger(label: "t"), now: { clock.now })

            let first = try #require(try await services.authenticate(bearer: seed.key, allowingCache: true))
            #expect(!first.provisional)
            let second = try #require(try await services.authenticate(bearer: seed.key, allowingCache: true))
            #expect(second.provisional && second.keyID == seed.keyID)
            #expect(try await services.authenticate(bearer: seed.key, allowingCache: false)?.provisional == false)
            #expect(try await services.admitRequest(second) == .allowed)
            #expect(try await services.confirmActive(second))

            // A plan change made through the server's own stores applies to the very next request…
            _ = try await server.stores.workspaces.setPlan(id: seed.workspace.id, plan: .pro, sendQuota: nil, monthlyCalls: nil)
            let pro = try #require(try await services.authenticate(bearer: seed.key, allowingCache: true))
            #expect(!pro.provisional)
            #expect(pro.limits == PlanCatalog.standard.pro && pro.limits != second.limits)
            #expect(try await services.authenticate(bearer: seed.key, allowingCache: true)?.provisional == true)
            // …one made by another process (stores with their own change count) once the entry is past its lifetime.
            let otherProcess = Stores(database: server.stores.database, secretBox: server.stores.secretBox)
            _ = try await otherProcess.workspaces.setPlan(id: seed.workspace.id, plan: .enterprise, sendQuota: nil, monthlyCalls: nil)
            #expect(try await services.authenticate(bearer: seed.key, allowingCache: true)?.limits == PlanCatalog.standard.pro)
            clock.advance(by: AuthCache.lifetime + 1)
            let refreshed = try #require(try await services.authenticate(bearer: seed.key, allowingCache: true))
            #expect(!refreshed.provisional)
            #expect(refreshed.limits == PlanCatalog.standard.enterprise)
            _ = try await services.authenticate(bearer: seed.key, allowingCache: true)

            // Revoked by another process: the cached entry is still handed out, but only as provisional.
            #expect(try await otherProcess.apiKeys.revoke(id: seed.keyID, workspaceID: nil, at: clock.now))
            let stale = try #require(try await services.authenticate(bearer: seed.key, allowingCache: true))
            #expect(stale.provisional)
            #expect(try await services.confirmActive(stale) == false)
            #expect(try await services.admitRequest(stale) == .keyInactive)
            #expect(cache.count == 0)
            #expect(try await services.authenticate(bearer: seed.key, allowingCache: true) == nil)
        }
    }
}

/// A settable clock for services under test.
final class ManualTestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}
