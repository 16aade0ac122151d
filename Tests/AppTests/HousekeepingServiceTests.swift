import Accounts
import Foundation
import Logging
@testable import App
import Storage
import Testing

/// The server prunes on its own: audit entries past retention go while the server runs.
@Suite("Housekeeping in the running server")
struct HousekeepingServiceTests {
    @Test("the scheduled run deletes audit entries past retention and keeps recent ones", arguments: DatabaseKind.allCases)
    func scheduledPrune(kind: DatabaseKind) async throws {
        let server = try await TestServer.start(kind)
        let seed = try await server.seed()
        let workspaceID = seed.workspace.id
        let old = AuditEntry(time: Date().addingTimeInterval(-120 * 86_400), workspaceID: workspaceID, keyID: nil,
                             inboxID: nil, tool: "list_inbox", outcome: "ok", latencyMs: 1, requestID: nil)
        let recent = AuditEntry(time: Date().addingTimeInterval(-86_400), workspaceID: workspaceID, keyID: nil,
                                inboxID: nil, tool: "list_inbox", outcome: "ok", latencyMs: 1, requestID: nil)
        try await server.stores.auditLog.record([old, recent])

        let service = HousekeepingService(housekeeping: server.stores.housekeeping, policy: server.runtime.configuration.retention,
                                          logger: Logger(label: "housekeeping-test"), firstRunAfter: .milliseconds(10), interval: .milliseconds(50))
        let running = Task { try await service.run() }
        var ids: [String] = []
        for _ in 0..<200 {
            ids = try await server.stores.auditLog.list(workspaceID: workspaceID, filter: AuditFilter(), limit: 10, offset: 0)
                .map { $0.id.uuidString }
            if ids.count == 1 { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        running.cancel()
        _ = try? await running.value
        #expect(ids.map { $0.lowercased() } == [recent.id.uuidString.lowercased()])
        await server.stop()
    }

    @Test("MCPEMAILS_AUDIT_RETENTION_DAYS: 31 or more; shorter, or not a number, is refused naming the variable")
    func configuration() throws {
        #expect(try AppConfiguration.fromEnvironment(["MCPEMAILS_AUDIT_RETENTION_DAYS": "400"]).retention.auditDays == 400)
        #expect(try AppConfiguration.fromEnvironment([:]).retention.auditDays == 90)
        for bad in ["30", "ninety", "-1"] {
            #expect(throws: (any Error).self) { try AppConfiguration.fromEnvironment(["MCPEMAILS_AUDIT_RETENTION_DAYS": bad]) }
            do {
                _ = try AppConfiguration.fromEnvironment(["MCPEMAILS_AUDIT_RETENTION_DAYS": bad])
            } catch {
                #expect("\(error)".contains("MCPEMAILS_AUDIT_RETENTION_DAYS"))
            }
        }
    }
}
