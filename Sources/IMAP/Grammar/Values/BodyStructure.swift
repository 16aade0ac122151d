/// The MIME structure of a message as the server computed it (RFC 3501 §7.4.2 `body`).
///
/// Media types, subtypes and parameter names are lower-cased (servers differ: iCloud sends
/// `"text" "plain"`, most send `"TEXT" "PLAIN"`); the transfer encoding is upper-cased.
/// Wire: `("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92)`.
public indirect enum BodyStructure: Hashable, Sendable {
    /// A leaf part (`body-type-1part`).
    case singlePart(SinglePart)
    /// A multipart container (`body-type-mpart`).
    case multipart(Multipart)

    /// A `name=value` content parameter (`body-fld-param`).
    public struct Parameter: Hashable, Sendable {
        /// Lower-cased name, e.g. `charset`.
        public var name: String
        /// The value as sent.
        public var value: String
        /// Creates a parameter (the name is lower-cased).
        public init(name: String, value: String) {
            self.name = asciiLowercased(name)
            self.value = value
        }
    }

    /// `Content-Disposition` (`body-fld-dsp`), e.g. `("attachment" ("filename" "a.pdf"))`.
    public struct Disposition: Hashable, Sendable {
        /// Lower-cased kind, e.g. `attachment` or `inline`.
        public var kind: String
        /// Content parameters, in server order.
        public var parameters: [Parameter]
        /// Creates a disposition (the kind is lower-cased).
        public init(kind: String, parameters: [Parameter]) {
            self.kind = asciiLowercased(kind)
            self.parameters = parameters
        }
    }

    /// The fields every leaf part has (`body-fields`).
    public struct Fields: Hashable, Sendable {
        /// Content parameters, in server order.
        public var parameters: [Parameter]
        /// `Content-ID`.
        public var id: String?
        /// `Content-Description`.
        public var contentDescription: String?
        /// Upper-cased `Content-Transfer-Encoding`, `7BIT` when the server sent NIL.
        public var encoding: String
        /// Size of the encoded body in octets.
        public var octets: UInt64

        /// Creates body fields.
        public init(parameters: [Parameter] = [], id: String? = nil, contentDescription: String? = nil,
                    encoding: String = "7BIT", octets: UInt64 = 0) {
            self.parameters = parameters
            self.id = id
            self.contentDescription = contentDescription
            self.encoding = asciiUppercased(encoding)
            self.octets = octets
        }
    }

    /// What kind of leaf this is, with the data only that kind carries.
    public enum Kind: Hashable, Sendable {
        /// Any non-text, non-message type.
        case basic
        /// `text/*`, with its size in lines.
        case text(lines: UInt64)
        /// `message/rfc822` (or `message/global`): the embedded message's envelope and structure.
        case message(envelope: Envelope, body: BodyStructure, lines: UInt64)
    }

    /// Optional extension data shared by leaf and multipart parts (`body-ext-1part`/`body-ext-mpart`).
    public struct Extension: Hashable, Sendable {
        /// `Content-Disposition`, if sent.
        public var disposition: Disposition?
        /// `Content-Language` values.
        public var language: [String]
        /// `Content-Location`.
        public var location: String?
        /// Creates extension data.
        public init(disposition: Disposition? = nil, language: [String] = [], location: String? = nil) {
            self.disposition = disposition
            self.language = language
            self.location = location
        }
    }

    /// A leaf part.
    public struct SinglePart: Hashable, Sendable {
        /// Lower-cased media type, e.g. `text`.
        public var type: String
        /// Lower-cased subtype, e.g. `plain`.
        public var subtype: String
        /// MIME header fields of the part.
        public var fields: Fields
        /// Basic, text or message, with the data each carries.
        public var kind: Kind
        /// `Content-MD5`, when extension data was sent.
        public var md5: String?
        /// Extension data (disposition, language, location).
        public var `extension`: Extension

        /// Creates a leaf part (type and subtype are lower-cased).
        public init(type: String, subtype: String, fields: Fields, kind: Kind = .basic,
                    md5: String? = nil, extension: Extension = Extension()) {
            self.type = asciiLowercased(type)
            self.subtype = asciiLowercased(subtype)
            self.fields = fields
            self.kind = kind
            self.md5 = md5
            self.extension = `extension`
        }

        /// `type/subtype`, e.g. `text/plain`.
        public var mimeType: String { "\(type)/\(subtype)" }
    }

    /// A multipart container.
    public struct Multipart: Hashable, Sendable {
        /// The child parts, in order (part numbers 1…n).
        public var parts: [BodyStructure]
        /// Lower-cased subtype, e.g. `mixed` or `alternative`.
        public var subtype: String
        /// Parameters such as `boundary`, when extension data was sent.
        public var parameters: [Parameter]
        /// Extension data (disposition, language, location).
        public var `extension`: Extension

        /// Creates a multipart (the subtype is lower-cased).
        public init(parts: [BodyStructure], subtype: String, parameters: [Parameter] = [],
                    extension: Extension = Extension()) {
            self.parts = parts
            self.subtype = asciiLowercased(subtype)
            self.parameters = parameters
            self.extension = `extension`
        }
    }
}

extension BodyStructure {
    /// Every leaf part with its section path for `BODY[path]` (e.g. `[1, 2]` is `BODY[1.2]`).
    ///
    /// A single-part message's only part is `[1]`. Parts inside an attached `message/rfc822` are
    /// not descended into: the attachment is one leaf.
    public var leafParts: [(section: [Int], part: SinglePart)] {
        var out: [(section: [Int], part: SinglePart)] = []
        collectLeaves(path: [], into: &out)
        return out
    }

    private func collectLeaves(path: [Int], into out: inout [(section: [Int], part: SinglePart)]) {
        switch self {
        case .singlePart(let part):
            out.append((path.isEmpty ? [1] : path, part))
        case .multipart(let multipart):
            for (index, child) in multipart.parts.enumerated() {
                child.collectLeaves(path: path + [index + 1], into: &out)
            }
        }
    }
}
