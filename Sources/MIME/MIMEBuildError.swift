/// Why `MessageBuilder` refused a message. A public struct over a private code enum (STYLE §3), so new
/// reasons do not break callers. `description` names the header field only, never its content.
public struct MIMEBuildError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of refusal.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case headerInjection, invalidAddress, invalidMediaType, nonASCIIAddress, invalidMessageID
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A header value contains CR, LF or NUL (header or SMTP command injection).
        public static let headerInjection = Code(.headerInjection)
        /// An address is not an RFC 5322 addr-spec we can write.
        public static let invalidAddress = Code(.invalidAddress)
        /// An attachment's media type is not `type/subtype` made of RFC 2045 tokens.
        public static let invalidMediaType = Code(.invalidMediaType)
        /// An address has a non-ASCII local part but `BuildOptions.smtputf8` is off (RFC 6531).
        public static let nonASCIIAddress = Code(.nonASCIIAddress)
        /// A Message-ID, In-Reply-To or References id is not `<left@right>`.
        public static let invalidMessageID = Code(.invalidMessageID)

        /// The code's name, e.g. `headerInjection`.
        public var description: String { base.rawValue }
    }

    /// What kind of refusal this is.
    public let code: Code
    /// The header field (or part) concerned, e.g. `Subject`, `To`, `attachment 2 filename`.
    public let field: String

    /// An error of `code` about `field`.
    public init(_ code: Code, field: String) {
        self.code = code
        self.field = field
    }

    /// `"<code> in <field>"`: safe to log, holds no message content.
    public var description: String { "\(code) in \(field)" }
}
