import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Send ledger")
struct SendLedgerTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("50 simultaneous begins with one idempotency key: exactly one is new", arguments: Engine.allCases)
    func exactlyOnce(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let (workspace, inbox) = (UUID(), UUID())
            let ledger = stores.sendLedger
            let results = try await concurrently(50) { _ in
                try await ledger.begin(
                    workspaceID: workspace, inboxID: inbox, tool: "send_email", idempotencyKey: "order-42",
                    requestFingerprint: "fp", now: Self.now)
            }
            let new = results.compactMap { result -> UUID? in
                if case .new(let id) = result { return id }
                return nil
            }
            #expect(new.count == 1)
            for result in results {
                if case .existing(let record, let mismatch) = result {
                    #expect(record.id == new.first)
                    #expect(record.status == .pending)
                    #expect(mismatch == false)
                }
            }
        }
    }

    @Test("complete, then repeats return the first result; keys are per workspace", arguments: Engine.allCases)
    func lifecycle(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let (workspace, other, inbox) = (UUID(), UUID(), UUID())
            let ledger = stores.sendLedger
            guard case .new(let sendID) = try await ledger.begin(
                workspaceID: workspace, inboxID: inbox, tool: "send_email", idempotencyKey: "k1",
                requestFingerprint: "fp1", now: Self.now) else {
                Issue.record("first begin was not new")
                return
            }
            let completedAt = Self.now.addingTimeInterval(2)
            try await ledger.complete(
                sendID: sendID, status: .sent, providerMessageID: "<m1@example.com>",
                resultJSON: #"{"send_id":"x"}"#, errorCode: nil, now: completedAt)
            let expected = SendRecord(
                id: sendID, workspaceID: workspace, inboxID: inbox, tool: "send_email", idempotencyKey: "k1",
                requestFingerprint: "fp1", status: .sent, providerMessageID: "<m1@example.com>",
                resultJSON: #"{"send_id":"x"}"#, errorCode: nil, createdAt: Self.now, completedAt: completedAt)
            #expect(try await ledger.get(sendID: sendID, workspaceID: workspace) == expected)
            #expect(try await ledger.get(idempotencyKey: "k1", workspaceID: workspace) == expected)
            #expect(try await ledger.get(sendID: sendID, workspaceID: other) == nil)
            #expect(try await ledger.get(idempotencyKey: "k1", workspaceID: other) == nil)

            let repeatSame = try await ledger.begin(
                workspaceID: workspace, inboxID: inbox, tool: "send_email", idempotencyKey: "k1",
                requestFingerprint: "fp1", now: Self.now)
            #expect(repeatSame == .existing(expected, fingerprintMismatch: false))
            let repeatDifferent = try await ledger.begin(
                workspaceID: workspace, inboxID: inbox, tool: "send_email", idempotencyKey: "k1",
                requestFingerprint: "fp2", now: Self.now)
            #expect(repeatDifferent == .existing(expected, fingerprintMismatch: true))

            let otherWorkspace = try await ledger.begin(
                workspaceID: other, inboxID: inbox, tool: "send_email", idempotencyKey: "k1",
                requestFingerprint: "fp1", now: Self.now)
            guard case .new = otherWorkspace else {
                Issue.record("the same key in another workspace must be independent")
                return
            }
        }
    }

    @Test("sends without an idempotency key are always new", arguments: Engine.allCases)
    func withoutKey(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = UUID()
            for _ in 0..<3 {
                let result = try await stores.sendLedger.begin(
                    workspaceID: workspace, inboxID: UUID(), tool: "reply_to_email", idempotencyKey: nil,
                    requestFingerprint: "fp", now: Self.now)
                guard case .new(let id) = result else {
                    Issue.record("begin without key was not new")
                    return
                }
                try await stores.sendLedger.complete(
                    sendID: id, status: .unknown, providerMessageID: nil, resultJSON: nil, errorCode: "provider_error",
                    now: Self.now)
                let record = try await stores.sendLedger.get(sendID: id, workspaceID: workspace)
                #expect(record?.status == .unknown)
                #expect(record?.errorCode == "provider_error")
            }
        }
    }
}

extension SendLedgerTests {
    @Test("discard removes only a pending record; the key can then start afresh", arguments: Engine.allCases)
    func discard(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let (workspace, inbox) = (UUID(), UUID())
            let ledger = stores.sendLedger
            guard case .new(let first) = try await ledger.begin(
                workspaceID: workspace, inboxID: inbox, tool: "send_email", idempotencyKey: "k",
                requestFingerprint: "fp", now: Self.now) else {
                Issue.record("not new")
                return
            }
            try await ledger.discard(sendID: first, workspaceID: UUID())
            #expect(try await ledger.get(sendID: first, workspaceID: workspace) != nil)
            try await ledger.discard(sendID: first, workspaceID: workspace)
            #expect(try await ledger.get(sendID: first, workspaceID: workspace) == nil)
            guard case .new(let second) = try await ledger.begin(
                workspaceID: workspace, inboxID: inbox, tool: "send_email", idempotencyKey: "k",
                requestFingerprint: "fp", now: Self.now) else {
                Issue.record("not new after discard")
                return
            }
            try await ledger.complete(sendID: second, status: .sent, providerMessageID: "m", resultJSON: nil, errorCode: nil, now: Self.now)
            try await ledger.discard(sendID: second, workspaceID: workspace)
            #expect(try await ledger.get(sendID: second, workspaceID: workspace)?.status == .sent)
        }
    }
}
