import Foundation
import IMAP
import MIME
import MailCore
import SMTP

/// The one place where IMAP, SMTP and MIME errors become `MailError` (tools) or ``IMAPAccountError``
/// (account verification). Details are safe text: codes, command names, host names and server replies
/// (SMTP replies have addresses redacted), never credentials or message content.
enum ErrorMapping {
    /// What the failing operation was, where a protocol error means something specific.
    enum Operation {
        case mailbox
        case search
        case send
    }

    /// Maps any error thrown by an operation to `MailError`.
    static func mailError(_ error: any Error, during operation: Operation = .mailbox) -> MailError {
        switch error {
        case let error as MailError: return error
        case let error as IMAPError: return mailError(imap: error, during: operation)
        case let error as SMTPError: return mailError(smtp: error)
        case let error as MIMEBuildError: return mailError(build: error)
        case is CancellationError: return MailError(.providerError, detail: "the operation was cancelled")
        default: return MailError(.providerError, detail: "unexpected failure: \(type(of: error))")
        }
    }

    static func mailError(imap error: IMAPError, during operation: Operation) -> MailError {
        switch error.code {
        case .authenticationFailed:
            return MailError(.authFailed, detail: serverWords(error) ?? "the IMAP server refused the login")
        case .invalidArgument where operation == .search:
            return MailError(.invalidQuery, detail: error.hint ?? "a search term cannot be sent")
        case .commandRejected where operation == .search && error.command == "UID SEARCH":
            if case .badCharset? = error.responseCode {
                return MailError(.invalidQuery, detail: "the server cannot search non-ASCII text (BADCHARSET)")
            }
            return MailError(.invalidQuery, detail: "the IMAP server rejected the search: \(serverWords(error) ?? "no reason given")")
        case .commandRejected:
            let command = error.command ?? "command"
            return MailError(.providerError, detail: "IMAP \(command) failed: \(serverWords(error) ?? "no reason given")")
        case .timeout:
            return MailError(.providerError, detail: "the IMAP server did not answer in time", retryAfter: 5)
        case .connectionFailed, .connectionClosed, .tlsFailure:
            return MailError(.providerError, detail: "IMAP connection problem (\(error.code)): \(error.hint ?? "")", retryAfter: 5)
        default:
            return MailError(.providerError, detail: "IMAP error (\(error.code))")
        }
    }

    static func mailError(smtp error: SMTPError) -> MailError {
        let enhanced = error.reply.map { reply in
            "\(reply.code)" + (reply.enhancedStatus.map { " \($0)" } ?? "")
        }
        switch error.code {
        case .authFailed:
            return MailError(.authFailed, detail: "the SMTP server refused the login: \(error.reply?.redactedSummary ?? "no reply")")
        case .recipientRejected:
            let indices = error.recipientIndices.map(String.init).joined(separator: ", ")
            return MailError(.invalidRecipient,
                             detail: "recipient #\(indices) (0-based, To+Cc+Bcc order) refused by the server (\(enhanced ?? "no code"))")
        case .invalidArgument where !error.recipientIndices.isEmpty:
            let indices = error.recipientIndices.map(String.init).joined(separator: ", ")
            return MailError(.invalidRecipient, detail: "recipient #\(indices) (0-based, To+Cc+Bcc order) cannot be sent over SMTP")
        case .messageTooLarge:
            return MailError(.messageTooLarge, detail: error.hint ?? "the SMTP server refused the size (\(enhanced ?? "no code"))")
        case .deliveryUnknown:
            return MailError(.deliveryUnknown, detail: "the SMTP answer to the message data was lost")
        case .unsupported:
            return MailError(.providerError, detail: "the SMTP server lacks a needed feature: \(error.hint ?? "")")
        case .commandRejected:
            let command = error.command ?? "command"
            return MailError(.providerError, detail: "SMTP \(command) refused: \(error.reply?.redactedSummary ?? "")",
                             retryAfter: error.reply?.isTransientNegative == true ? 30 : nil)
        default:
            return MailError(.providerError, detail: "SMTP problem (\(error.code)): \(error.hint ?? "")", retryAfter: 5)
        }
    }

    static func mailError(build error: MIMEBuildError) -> MailError {
        if error.code == .invalidAddress || error.code == .nonASCIIAddress {
            return MailError(.invalidRecipient, detail: "\(error.code) in \(error.field)")
        }
        return MailError(.providerError, detail: "the message could not be built: \(error.code) in \(error.field)")
    }

    /// `[CODE] text` from a rejected command, if the server said anything.
    static func serverWords(_ error: IMAPError) -> String? {
        let code = error.responseCode.map { "[\($0.name)] " } ?? ""
        let text = error.serverText ?? ""
        let words = (code + text).trimmingCharacters(in: .whitespaces)
        return words.isEmpty ? nil : words
    }
}

// MARK: - Account verification

extension ErrorMapping {
    /// Maps a failure while verifying `server` at `host:port` to a human message without `secret`.
    static func accountError(
        _ error: any Error, server: IMAPAccountError.Server, host: String, port: Int, secret: String
    ) -> IMAPAccountError {
        let place = "\(server.rawValue) server \(host):\(port)"
        let (kind, message): (IMAPAccountError.Kind, String)
        switch error {
        case let error as IMAPAccountError:
            return error
        case let error as IMAPError:
            (kind, message) = describe(imap: error, place: place)
        case let error as SMTPError:
            (kind, message) = describe(smtp: error, place: place)
        default:
            (kind, message) = (.serverError, "Checking the \(place) failed unexpectedly (\(type(of: error))).")
        }
        return IMAPAccountError(kind, server: server, message: redact(message, secret: secret))
    }

    private static func describe(imap error: IMAPError, place: String) -> (IMAPAccountError.Kind, String) {
        switch error.code {
        case .authenticationFailed:
            return (.authFailed, "Login to the \(place) was refused: \(serverWords(error) ?? "no reason given").")
        case .tlsFailure:
            return (.tlsFailure, "TLS with the \(place) failed: \(tlsReason(error.hint ?? "handshake failed")).")
        case .connectionFailed:
            return (.unreachable, "Could not connect to the \(place): \(error.hint ?? "unreachable").")
        case .timeout:
            return (.timeout, "The \(place) did not answer in time: \(error.hint ?? "timeout").")
        case .malformedResponse:
            return (.serverError, "The \(place) does not answer like an IMAP server (\(error.hint ?? "unexpected data")); "
                    + "check the port and the security mode.")
        case .connectionClosed:
            return (.serverError, "The \(place) closed the connection: \(serverWords(error) ?? error.hint ?? "no reason given").")
        default:
            return (.serverError, "The \(place) answered unexpectedly: \(error).")
        }
    }

    private static func describe(smtp error: SMTPError, place: String) -> (IMAPAccountError.Kind, String) {
        let reply = error.reply?.redactedSummary
        switch error.code {
        case .authFailed:
            return (.authFailed, "Login to the \(place) was refused: \(reply ?? error.hint ?? "no reason given").")
        case .tlsFailure:
            return (.tlsFailure, "TLS with the \(place) failed: \(tlsReason(error.hint ?? reply ?? "handshake failed")).")
        case .malformedReply:
            return (.serverError, "The \(place) does not answer like an SMTP server (\(error.hint ?? "unexpected data")); "
                    + "check the port and the security mode.")
        case .connectFailed:
            return (.unreachable, "Could not connect to the \(place): \(error.hint ?? "unreachable").")
        case .timeout:
            return (.timeout, "The \(place) did not answer in time: \(error.hint ?? "timeout").")
        case .unsupported:
            return (.serverError, "The \(place) lacks what we need: \(error.hint ?? "unsupported").")
        default:
            return (.serverError, "The \(place) answered unexpectedly: \(error).")
        }
    }

    /// A readable TLS failure: the common BoringSSL/NIOSSL reasons spelled out, source paths dropped.
    static func tlsReason(_ hint: String) -> String {
        if hint.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED); if the server uses a private "
                + "certificate authority, provide its CA certificate"
        }
        if hint.contains("failedToValidateHostname") || hint.contains("unableToValidateCertificate") {
            return "the server's certificate is not valid for this host name"
        }
        if hint.contains("WRONG_VERSION_NUMBER") || hint.contains("did not speak TLS") {
            return "the port does not speak TLS (try the other security mode or port)"
        }
        guard let at = hint.range(of: " at /") else { return hint }
        return String(hint[..<at.lowerBound])
    }

    /// Removes `secret` from `text` should a server ever echo it.
    static func redact(_ text: String, secret: String) -> String {
        guard secret.count >= 3 else { return text }
        return text.replacingOccurrences(of: secret, with: "<redacted>")
    }
}
