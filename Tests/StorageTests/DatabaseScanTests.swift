import Accounts
import Foundation
@testable import Storage
import Testing
import TestSupport

/// A copy of the database alone must reveal no secret: read every column of every table as text
/// (and, for SQLite, the raw bytes of the database and WAL files) and look for the plaintexts.
@Suite("Database scan: no secret at rest")
struct DatabaseScanTests {
    @Test("no API key secret, password, token, PKCE verifier, session or invite token is stored in clear", arguments: Engine.allCases)
    func scan(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, fixture in
            let marker = UUID().uuidString.lowercased()
            let password = "imap-password-\(marker)"
            let token = "ya29.access-token-\(marker)"
            let refresh = "1//refresh-token-\(marker)"
            let verifier = "pkce-verifier-\(marker)"
            let state = "oauth-state-\(marker)"
            let address = "scan-\(marker)@example.com"

            let workspace = try await stores.workspaces.create(name: "Scan", plan: .free)
            let (key, secret) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "k", scopes: [.readEmail])
            _ = try await stores.inboxes.create(
                workspaceID: workspace.id, provider: .imap, address: address, displayName: nil,
                settings: ["imap.host": "127.0.0.1"], credentials: Array(password.utf8))
            let gmail = try await stores.inboxes.create(
                workspaceID: workspace.id, provider: .gmail, address: "g-\(address)", displayName: nil,
                settings: [:], credentials: Array(#"{"access_token":"\#(token)"}"#.utf8))
            _ = try await stores.inboxes.updateCredentials(
                inboxID: gmail.id, credentials: Array(#"{"access_token":"\#(token)","refresh_token":"\#(refresh)"}"#.utf8))
            try await stores.oauthStates.store(state: state, record: OAuthStateRecord(
                workspaceID: workspace.id, provider: .gmail, pkceVerifier: verifier, expiresAt: Date().addingTimeInterval(600)))
            let owner = try #require(try await stores.users.createOwner(
                email: "owner-\(address)", passwordHash: "bcrypt-hash", workspaceName: "Scan", plan: .free))
            let sessionToken = try await stores.dashboardSessions.create(userID: owner.id, lifetime: 600, now: Date()).token
            let inviteToken = try await stores.invites.create(
                workspaceID: owner.workspaceID, createdBy: owner.id, lifetime: 600, now: Date()).token
            try await stores.verifyMasterKey()

            let secretRandomPart = String(secret.dropFirst(key.prefix.count))
            let forbidden = [secret, secretRandomPart, password, token, refresh, verifier, state, sessionToken, inviteToken]
            let values = try await Self.allTextValues(stores.database)
            #expect(values.contains { $0.contains(address) }, "positive control: the scan sees stored text")
            #expect(values.contains(APIKeySecret.hash(secret)), "positive control: the key hash is stored")
            for value in values {
                for plaintext in forbidden {
                    #expect(!value.contains(plaintext), "a stored column contains a secret in clear")
                }
            }
            if let path = fixture.sqlitePath {
                var files: [Data] = []
                for file in [path, path + "-wal", path + "-shm"] {
                    if let bytes = try await LockSafeRead.contents(atPath: file) { files.append(bytes) }
                }
                #expect(files.contains { $0.range(of: Data(address.utf8)) != nil }, "positive control: raw bytes")
                for bytes in files {
                    for plaintext in forbidden {
                        #expect(bytes.range(of: Data(plaintext.utf8)) == nil, "raw database bytes contain a secret")
                    }
                }
            }
        }
    }

    /// Every non-null value of every column of every table, cast to text.
    static func allTextValues(_ database: Database) async throws -> [String] {
        let columns = try await tableColumns(database)
        #expect(columns.count >= 10)
        var values: [String] = []
        for (table, column) in columns {
            let rows = try await database.executor.read { db in
                try await db.raw("SELECT CAST(\(ident: column) AS TEXT) AS v FROM \(ident: table)").all()
                    .compactMap { row in try row.decodeNil(column: "v") ? nil : try row.decode(column: "v", as: String.self) }
            }
            values.append(contentsOf: rows)
        }
        return values
    }

    static func tableColumns(_ database: Database) async throws -> [(String, String)] {
        try await database.executor.read { db in
            switch database.backend {
            case .postgres:
                return try await db.raw("""
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                    """).all().map { (try $0.decode(column: "table_name", as: String.self), try $0.decode(column: "column_name", as: String.self)) }
            case .sqlite:
                let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                var pairs: [(String, String)] = []
                for table in tables {
                    let columns = try await db.raw("PRAGMA table_info(\(ident: table))").all()
                        .map { try $0.decode(column: "name", as: String.self) }
                    pairs.append(contentsOf: columns.map { (table, $0) })
                }
                return pairs
            }
        }
    }
}
