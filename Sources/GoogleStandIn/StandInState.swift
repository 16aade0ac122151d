import MailCore
import Foundation

/// Everything the stand-in remembers, guarded by one mutex in `GoogleStandIn`.
struct StandInState: Sendable {
    struct PendingCode: Sendable {
        var user: String
        var redirectURI: String
        var scopes: [String]
        var challenge: String?
        var challengeMethod: String?
        var issueRefreshToken: Bool
        var expiresAt: Date
    }

    struct AccessGrant: Sendable {
        var user: String
        var scopes: [String]
        var expiresAt: Date
    }

    struct RefreshGrant: Sendable {
        var user: String
        var scopes: [String]
        var revoked = false
    }

    var consent: GoogleConsent = .deny
    var codes: [String: PendingCode] = [:]
    var accessTokens: [String: AccessGrant] = [:]
    var refreshTokens: [String: RefreshGrant] = [:]
    /// Users who granted offline access before (Google then omits refresh tokens unless `prompt=consent`).
    var offlineGrants: Set<String> = []
    var mailboxes: [String: Mailbox] = [:]
    var counts: [String: Int] = [:]
    var faults: [String: [GoogleFault]] = [:]
    var violations: [String] = []
    /// Redirect URIs registered after start (e.g. an app whose port is known only once it runs).
    var extraRedirectURIs: Set<String> = []
    private var serial: UInt64 = 0

    func isRegistered(redirectURI: String, _ configuration: GoogleStandInConfiguration) -> Bool {
        configuration.redirectURIs.contains(redirectURI) || extraRedirectURIs.contains(redirectURI)
    }

    /// A fresh opaque token with `prefix` (`ya29.`, `1//`, `4/0A`), unique and unguessable enough for tests.
    mutating func token(_ prefix: String) -> String {
        serial += 1
        var generator = SystemRandomNumberGenerator()
        let random = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Base64URL.encode(random) + String(serial, radix: 36)
    }

    /// A new message id: 16 lower-case hex digits, increasing.
    mutating func messageID() -> String {
        serial += 1
        let value = 0x18c0_0000_0000_0000 as UInt64 + serial &* 0x1_0001
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    mutating func mailbox(_ address: String) -> Mailbox {
        let key = address.lowercased()
        if let existing = mailboxes[key] { return existing }
        let created = Mailbox(address: key)
        mailboxes[key] = created
        return created
    }

    mutating func withMailbox<T>(_ address: String, _ body: (inout Mailbox) -> T) -> T {
        var box = mailbox(address)
        let result = body(&box)
        mailboxes[box.address] = box
        return result
    }

    mutating func nextFault(_ endpoint: String) -> GoogleFault? {
        guard var queue = faults[endpoint], !queue.isEmpty else { return nil }
        let fault = queue.removeFirst()
        faults[endpoint] = queue
        return fault
    }

    /// Stores a message in `address`'s mailbox, threading it; returns the stored message.
    mutating func store(
        raw: [UInt8], in address: String, labelIds: [String], internalDate: Int64, requestedThread: String?
    ) -> StoredMessage {
        let id = messageID()
        return withMailbox(address) { box in
            box.historyId += 1
            var message = StoredMessage(
                id: id, threadId: id, labelIds: labelIds, internalDate: internalDate, raw: raw, historyId: box.historyId
            )
            if let thread = box.thread(for: message.parsed, requested: requestedThread) { message.threadId = thread }
            box.messages[id] = message
            return message
        }
    }
}
