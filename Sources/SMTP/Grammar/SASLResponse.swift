import Foundation

/// One base64 line sent during `AUTH` (RFC 4954 §4): an initial response or an answer to a 334 challenge.
///
/// The text is base64 (or `=` for an empty initial response, or `*` to cancel), so it can never carry CR
/// or LF into the command stream. Traces print it as `<redacted>`.
public struct SASLResponse: Hashable, Sendable {
    /// The base64 text.
    public let base64: String

    /// Encodes `bytes` as base64; empty bytes give `=` (RFC 4954 §4: empty initial response).
    public init(bytes: some Collection<UInt8>) {
        base64 = bytes.isEmpty ? "=" : Data(bytes).base64EncodedString()
    }

    /// An empty answer to a challenge (a bare CRLF), as XOAUTH2 needs after an error challenge.
    public static let empty = SASLResponse(uncheckedBase64: "")
    /// `*`: cancel the exchange (RFC 4954 §4).
    public static let cancel = SASLResponse(uncheckedBase64: "*")

    private init(uncheckedBase64: String) { base64 = uncheckedBase64 }

    /// `AUTH PLAIN` initial response (RFC 4616): base64 of `NUL username NUL password`.
    /// - Throws: ``SMTPError/Code/invalidArgument`` if either contains NUL.
    public static func plain(username: String, password: String) throws -> SASLResponse {
        guard !username.utf8.contains(0), !password.utf8.contains(0) else {
            throw SMTPError.invalidArgument("NUL in user name or password")
        }
        return SASLResponse(bytes: [0] + Array(username.utf8) + [0] + Array(password.utf8))
    }

    /// One `AUTH LOGIN` answer (user name, then password), base64.
    public static func login(_ text: String) throws -> SASLResponse {
        guard !text.utf8.contains(0) else { throw SMTPError.invalidArgument("NUL in user name or password") }
        return SASLResponse(bytes: Array(text.utf8))
    }

    /// `AUTH XOAUTH2` initial response (Google/Microsoft): base64 of
    /// `user=<user>^Aauth=Bearer <token>^A^A` where `^A` is 0x01.
    /// - Throws: ``SMTPError/Code/invalidArgument`` if either contains 0x01, CR or LF.
    public static func xoauth2(user: String, accessToken: String) throws -> SASLResponse {
        let forbidden: Set<UInt8> = [0x00, 0x01, 0x0A, 0x0D]
        guard !user.utf8.contains(where: forbidden.contains), !accessToken.utf8.contains(where: forbidden.contains)
        else { throw SMTPError.invalidArgument("control character in user or access token") }
        return SASLResponse(bytes: Array("user=\(user)\u{1}auth=Bearer \(accessToken)\u{1}\u{1}".utf8))
    }
}
