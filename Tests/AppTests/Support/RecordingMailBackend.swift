import Accounts
import App
import Foundation
import MailCore

/// A stand-in mail provider for service-core tests: it accepts sends and counts them exactly, serves a
/// fixed message list, and can be told to fail in provider-like ways. It stands in for the external mail
/// service (as the Google and Microsoft stand-ins do), not for any MCPEmails code: the whole path above
/// `MailProvider` — HTTP, auth, limits, ledger, storage — is the real one.
final class RecordingMailBackend: MailBackend, @unchecked Sendable {
    let kind: ProviderKind
    private let lock = NSLock()
    private var _sent: [OutgoingMessage] = []
    private var _failure: MailError?
    private var _delay: Duration = .zero
    private var _searchFailure: MailError?
    private var _sendsStarted = 0

    init(kind: ProviderKind = .imap) { self.kind = kind }

    var sent: [OutgoingMessage] { lock.withLock { _sent } }
    /// Sends that have reached this provider, finished or not.
    var sendsStarted: Int { lock.withLock { _sendsStarted } }
    /// The next sends fail with this error (nil: succeed).
    func failSends(with error: MailError?) { lock.withLock { _failure = error } }
    /// Searches fail with this error (nil: succeed).
    func failSearches(with error: MailError?) { lock.withLock { _searchFailure = error } }
    var searchFailure: MailError? { lock.withLock { _searchFailure } }
    /// Each send takes this long (to overlap concurrent sends).
    func delaySends(_ delay: Duration) { lock.withLock { _delay = delay } }

    func makeProvider(inbox: Inbox, credentials: [UInt8], hooks: MailboxHooks) async throws -> any MailProvider {
        Provider(backend: self, address: EmailAddress(address: inbox.address))
    }

    fileprivate func record(_ message: OutgoingMessage) async throws -> SendReceipt {
        let (failure, delay) = lock.withLock { () -> (MailError?, Duration) in
            _sendsStarted += 1
            return (_failure, _delay)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if let failure { throw failure }
        return lock.withLock {
            _sent.append(message)
            return SendReceipt(providerMessageID: "sent-\(_sent.count)", threadID: message.threadID,
                               internetMessageID: "<\(UUID().uuidString)@test>")
        }
    }

    static let messages: [Message] = (1...3).map { n in
        Message(
            summary: MessageSummary(messageID: "m\(n)", threadID: "t\(n)", from: EmailAddress(name: "Sender \(n)", address: "sender\(n)@example.com"),
                                    to: [EmailAddress(address: "owner@example.com")], subject: "Subject \(n)",
                                    date: Date(timeIntervalSince1970: 1_770_000_000 + Double(n)), snippet: "Snippet \(n)",
                                    unread: n == 1, size: 100 * n),
            internetMessageID: "<m\(n)@example.com>", textBody: String(repeating: "Body \(n). ", count: n))
    }

    struct Provider: MailProvider {
        let backend: RecordingMailBackend
        let address: EmailAddress
        var ownAddresses: [EmailAddress] { [address] }

        func list(_ request: ListRequest) async throws -> MessagePage {
            let all = RecordingMailBackend.messages.map(\.summary).filter { !request.unreadOnly || $0.unread }
            let page = Array(all.dropFirst(request.offset).prefix(request.limit))
            return MessagePage(messages: page, total: all.count, hasMore: request.offset + page.count < all.count)
        }

        func read(messageID: String, options: ReadOptions) async throws -> Message {
            guard let message = RecordingMailBackend.messages.first(where: { $0.summary.messageID == messageID }) else {
                throw MailError.messageNotFound
            }
            return message
        }

        func search(_ request: SearchRequest) async throws -> MessagePage {
            if let failure = backend.searchFailure { throw failure }
            let hits = RecordingMailBackend.messages.map(\.summary).filter { $0.subject.contains(request.query) }
            return MessagePage(messages: hits, total: hits.count, hasMore: false)
        }

        func send(_ message: OutgoingMessage) async throws -> SendReceipt {
            try await backend.record(message)
        }
    }
}
