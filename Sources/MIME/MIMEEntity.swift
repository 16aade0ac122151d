/// One entity of a parsed message (RFC 2045 §2.4): its header, its still-encoded body, and its parts.
///
/// A multipart's `children` are its body parts; a `message/rfc822` entity has one child, the embedded
/// message's root entity. `partPath` is the IMAP body section number (RFC 3501 §6.4.5), e.g. `"1.2"`.
public struct MIMEEntity: Hashable, Sendable {
    /// This entity's header fields.
    public var headers: MessageHeaders
    /// `Content-Type`, or its default (`text/plain`, or `message/rfc822` inside a digest).
    public var contentType: ContentType
    /// `Content-Transfer-Encoding` (default 7bit).
    public var transferEncoding: TransferEncoding
    /// `Content-Disposition`, when present.
    public var disposition: ContentDisposition?
    /// The body exactly as in the message (transfer encoding not removed). For a multipart, the whole
    /// body including delimiters.
    public var body: ArraySlice<UInt8>
    /// Body parts of a multipart, or the embedded message of a `message/rfc822` entity.
    public var children: [MIMEEntity]
    /// IMAP section number of this part; the root entity of a single-part message is `"1"`; a
    /// top-level multipart is `""`.
    public var partPath: String

    /// The body with its transfer encoding removed.
    public var decodedBody: [UInt8] { transferEncoding.decode(body) }

    /// The body as text in its declared charset (see `TransferEncoding.decodeBody`).
    public var decodedText: String {
        TransferEncoding.decodeBody(
            body, transferEncoding: transferEncoding.token, charset: contentType.charset,
            flowed: contentType.isFlowed, delSp: contentType.deletesSpace)
    }

    /// `Content-ID` without angle brackets.
    public var contentID: String? {
        guard let raw = headers["Content-ID"] else { return nil }
        let trimmed = raw.trimmingASCIIWhitespace().trimming(charactersIn: "<>").trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The filename from `Content-Disposition` or, failing that, the `Content-Type` `name` parameter.
    public var filename: String? {
        let name = disposition?.filename ?? contentType.name
        guard let name, !name.trimmingASCIIWhitespace().isEmpty else { return nil }
        return name
    }
}
