/// A `Content-Type` (RFC 2045 §5): media type, subtype and parameters.
///
/// Wire example: `text/plain; charset="iso-8859-1"; format=flowed` → `type: "text"`,
/// `subtype: "plain"`, `parameters: ["charset": "iso-8859-1", "format": "flowed"]`.
public struct ContentType: Hashable, Sendable {
    /// Lower-cased top-level type, e.g. `multipart`.
    public var type: String
    /// Lower-cased subtype, e.g. `alternative`.
    public var subtype: String
    /// Parameters by lower-cased name, RFC 2231 sections joined and decoded.
    public var parameters: [String: String]

    /// A content type from its parts (lower-case them yourself).
    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// The RFC 2045 §5.2 default, `text/plain; charset=us-ascii`.
    public static let textPlain = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])
    /// The default inside `multipart/digest` (RFC 2046 §5.1.5).
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// Parses a header value; a missing or unusable value gives `fallback`.
    public init(headerValue: String?, fallback: ContentType = .textPlain) {
        guard let headerValue else {
            self = fallback
            return
        }
        let (primary, parameters) = HeaderParameters.parse(headerValue)
        let pieces = primary.split(separator: "/", maxSplits: 1).map { String($0).trimmingASCIIWhitespace() }
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
            // RFC 2045 §5.2: an invalid type means text/plain, but keep the charset if one was given.
            self = fallback
            if let charset = parameters["charset"] { self.parameters["charset"] = charset }
            return
        }
        self.init(type: pieces[0], subtype: pieces[1], parameters: parameters)
    }

    /// `type/subtype`.
    public var mimeType: String { "\(type)/\(subtype)" }
    /// The `charset` parameter.
    public var charset: String? { parameters["charset"] }
    /// The `boundary` parameter of a multipart (RFC 2046 §5.1.1).
    public var boundary: String? { parameters["boundary"] }
    /// The `name` parameter (an old way to give a filename).
    public var name: String? { parameters["name"] }
    /// Whether this is any `multipart/*` (RFC 2046 §5.1).
    public var isMultipart: Bool { type == "multipart" }
    /// `message/rfc822` or `message/global` (RFC 6532): an embedded message.
    public var isEmbeddedMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }
    /// RFC 3676 `format=flowed`.
    public var isFlowed: Bool { parameters["format"]?.lowercased() == "flowed" }
    /// RFC 3676 `delsp=yes`.
    public var deletesSpace: Bool { parameters["delsp"]?.lowercased() == "yes" }
}

/// A `Content-Disposition` (RFC 2183): `inline` or `attachment`, with a filename.
///
/// Wire example: `attachment; filename*=UTF-8''%E2%82%AC.pdf` → `type: "attachment"`, `filename: "€.pdf"`.
public struct ContentDisposition: Hashable, Sendable {
    /// Lower-cased disposition type (`inline`, `attachment`, or anything else seen).
    public var type: String
    /// Parameters by lower-cased name, RFC 2231 sections joined and decoded.
    public var parameters: [String: String]

    /// Parses a header value such as `attachment; filename="a.pdf"`.
    public init(headerValue: String) {
        let (primary, parameters) = HeaderParameters.parse(headerValue)
        self.type = primary
        self.parameters = parameters
    }

    /// Disposition type `attachment`.
    public var isAttachment: Bool { type == "attachment" }
    /// Disposition type `inline`.
    public var isInline: Bool { type == "inline" }
    /// The `filename` parameter.
    public var filename: String? { parameters["filename"] }
}
