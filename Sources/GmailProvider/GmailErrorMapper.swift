import AsyncHTTPClient
import Foundation
import MailCore
import NIOCore
import NIOHTTP1

/// The one place Gmail answers and transport failures become `MailError` (Gmail "Resolve errors"
/// guide): 404 → message not found (where a message was named); 401 after the retry and 403
/// permission reasons → auth failed; 429 and 403 usage-limit reasons → throttled with `retryAfter`;
/// 5xx → provider error; a send whose answer was lost → delivery unknown. Details carry status and
/// reason only, never Google's message text (it may echo a query or an address).
enum GmailErrorMapper {
    /// `errors[].reason` values of 403 answers that mean "slow down", not "forbidden".
    static let throttleReasons: Set<String> = [
        "rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded",
        "RATE_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED",
    ]

    static func map(
        status: Int, headers: HTTPHeaders, body: ByteBuffer, operation: GmailOperation, defaultRetryAfter: Int,
        now: Date = Date()
    ) -> MailError {
        let envelope = try? JSONDecoder().decode(GmailWire.ErrorEnvelope.self, from: Data(body.readableBytesView))
        let reasons = envelope?.reasons ?? []
        let reasonText = reasons.first ?? envelope?.error.status ?? "no reason"
        let message = envelope?.error.message ?? ""
        func throttled() -> MailError {
            let seconds = retryAfter(headers: headers, message: message, now: now) ?? defaultRetryAfter
            return MailError(.providerThrottled, detail: "Gmail API rate limit (\(reasonText))", retryAfter: seconds)
        }
        switch status {
        case 400:
            if operation.namesMessage { return MailError(.messageNotFound) }
            if message.contains("exceeds the limit") { return MailError(.messageTooLarge, detail: "Gmail request too large") }
            if operation == .search { return MailError(.invalidQuery, detail: "Gmail rejected the query (\(reasonText))") }
            return MailError(.providerError, detail: "Gmail API answered 400 (\(reasonText))")
        case 401:
            return MailError(.authFailed, detail: "Gmail rejected the access token")
        case 403:
            if !Set(reasons).isDisjoint(with: throttleReasons) { return throttled() }
            return MailError(.authFailed, detail: "Gmail refused the request (\(reasonText)); reconnect the inbox to grant access")
        case 404:
            if operation.namesMessage { return MailError(.messageNotFound) }
            return MailError(.providerError, detail: "Gmail API answered 404 for \(operation.rawValue)")
        case 413:
            return MailError(.messageTooLarge, detail: "Gmail refused the upload size")
        case 429:
            return throttled()
        case 500...599:
            let seconds = retryAfter(headers: headers, message: message, now: now)
            return MailError(.providerError, detail: "Gmail API answered \(status) (\(reasonText))", retryAfter: seconds)
        default:
            return MailError(.providerError, detail: "Gmail API answered \(status) (\(reasonText))")
        }
    }

    /// Seconds to wait: `Retry-After` as delta-seconds or HTTP-date (RFC 9110 §10.2.3), else the
    /// `Retry after 2026-01-01T00:00:00.000Z` timestamp Gmail puts in 429 messages.
    static func retryAfter(headers: HTTPHeaders, message: String, now: Date) -> Int? {
        if let value = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Int(value), seconds >= 0 { return seconds }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            if let date = formatter.date(from: value) { return max(1, Int(date.timeIntervalSince(now).rounded(.up))) }
        }
        if let range = message.range(of: "Retry after ") {
            let stamp = message[range.upperBound...].split(separator: " ").first.map(String.init) ?? ""
            let iso = ISO8601DateFormatter()
            iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let date = iso.date(from: stamp) ?? ISO8601DateFormatter().date(from: stamp)
            if let date { return max(1, Int(date.timeIntervalSince(now).rounded(.up))) }
        }
        return nil
    }

    /// A failure without an HTTP answer. For a send, anything that may have happened after the request
    /// started going out is `deliveryUnknown`: the message may have been accepted, and sends are never retried.
    static func transport(_ error: any Error, operation: GmailOperation) -> MailError {
        let beforeWriting = isBeforeRequestWritten(error)
        if operation == .send && !beforeWriting {
            return MailError(.deliveryUnknown, detail: "the connection to Gmail failed after the message was sent; check the Sent folder before retrying")
        }
        if let client = error as? HTTPClientError, client == .readTimeout || client == .deadlineExceeded {
            return MailError(.providerError, detail: "Gmail API timed out")
        }
        return MailError(.providerError, detail: "Gmail API unreachable")
    }

    /// Failures that happen before a single byte of the request is written (no connection).
    static func isBeforeRequestWritten(_ error: any Error) -> Bool {
        if let client = error as? HTTPClientError {
            return [
                .connectTimeout, .getConnectionFromPoolTimeout, .invalidURL, .emptyHost, .emptyScheme,
                .alreadyShutdown, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
            ].contains(client)
        }
        if let io = error as? IOError {
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(io.errnoCode)
        }
        // NIOPosix's connection-establishment error (all connect attempts failed).
        return String(describing: type(of: error)).contains("NIOConnectionError")
    }
}
