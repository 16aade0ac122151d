/// The one error type every mail backend throws. A public struct over a private code enum, so new
/// cases do not break callers (STYLE §3). `MCPServer` maps it to the seed's error codes in one place.
///
/// `description` never contains credentials, message content or addresses: only a fixed phrase per
/// code and an optional `detail` that backends must fill with safe text (server status lines are fine,
/// user data is not).
public struct MailError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as far as an agent needs to know.
    public enum Code: String, Hashable, Sendable {
        /// The message id does not exist, was deleted, or its folder's UIDVALIDITY changed.
        case messageNotFound
        /// The named folder does not exist on this inbox.
        case folderNotFound
        /// The provider refused our credentials (wrong password, revoked or expired token).
        case authFailed
        /// A recipient address was refused (by our validation or by the server, e.g. SMTP 550 5.1.1).
        case invalidRecipient
        /// The message is larger than the provider accepts.
        case messageTooLarge
        /// The search did not finish in time.
        case searchTimeout
        /// The query could not be parsed or is not supported by this backend.
        case invalidQuery
        /// The provider answered with an unexpected error or could not be reached.
        case providerError
        /// The provider throttled us; `retryAfter` says when to try again.
        case providerThrottled
        /// A send was written but its answer was lost: the message may or may not have gone out.
        case deliveryUnknown
        /// This inbox's backend is not available in this build or configuration.
        case backendUnavailable
    }

    public let code: Code
    /// Safe, human-readable detail (never secrets, message content or addresses).
    public let detail: String?
    /// Seconds after which a retry makes sense, when the provider said so.
    public let retryAfter: Int?

    public init(_ code: Code, detail: String? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.detail = detail
        self.retryAfter = retryAfter
    }

    public static let messageNotFound = MailError(.messageNotFound)
    public static let authFailed = MailError(.authFailed)

    public var description: String {
        if let detail { return "\(code.rawValue): \(detail)" }
        return code.rawValue
    }
}
