import Foundation
import MailCore

/// Turns a Graph error response into `MailError`, in one place.
///
/// | HTTP | Graph code (examples) | MailError |
/// |---|---|---|
/// | 401 (after one refresh) | `InvalidAuthenticationToken` | `.authFailed` |
/// | 403 | `ErrorAccessDenied` | `.authFailed`: the grant lacks a scope or the mailbox is blocked; a reconnect is the remedy |
/// | 404 | `ErrorItemNotFound` | `.messageNotFound` (or the caller's choice, e.g. `.folderNotFound`) |
/// | 400 | `ErrorInvalidRecipients` | `.invalidRecipient` |
/// | 400 | anything else | the caller's choice (`.invalidQuery` for `$search`, else `.providerError`) |
/// | 413 | `ErrorRequestEntityTooLarge` | `.messageTooLarge` |
/// | 429, 503 | `ApplicationThrottled`, … | `.providerThrottled` with `Retry-After` seconds |
/// | other | | `.providerError` |
///
/// `detail` carries only the status and Graph's error code, never Graph's message text.
struct GraphErrorMapping {
    var notFound: MailError.Code = .messageNotFound
    var badRequest: MailError.Code = .providerError

    func error(status: Int, body: [UInt8], retryAfter: String?) -> MailError {
        let code = (try? JSONDecoder().decode(GraphErrorBody.self, from: Data(body)))?.error?.code
        let detail = "Graph HTTP \(status)" + (code.map { " \(Self.safe($0))" } ?? "")
        switch status {
        case 401, 403: return MailError(.authFailed, detail: detail)
        case 404: return MailError(notFound, detail: detail)
        case 413: return MailError(.messageTooLarge, detail: detail)
        case 429, 503: return MailError(.providerThrottled, detail: detail, retryAfter: Self.seconds(retryAfter))
        case 400 where code == "ErrorInvalidRecipients": return MailError(.invalidRecipient, detail: detail)
        case 400: return MailError(badRequest, detail: detail)
        default: return MailError(.providerError, detail: detail)
        }
    }

    /// `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
    static func seconds(_ header: String?) -> Int? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Int(header) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return max(0, Int(date.timeIntervalSinceNow.rounded(.up)))
    }

    /// Graph error codes are identifiers; keep only identifier characters so nothing else leaks into logs.
    private static func safe(_ code: String) -> String {
        String(code.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }.prefix(80))
    }
}
