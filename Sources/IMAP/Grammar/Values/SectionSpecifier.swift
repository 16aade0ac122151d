/// Which part of a message `BODY[…]` names (RFC 3501 §6.4.5 `section-spec`).
///
/// Examples: `BODY[]` (whole message), `BODY[HEADER.FIELDS (FROM SUBJECT)]`, `BODY[1.2]`,
/// `BODY[2.MIME]`, `BODY[TEXT]`.
public struct SectionSpecifier: Hashable, Sendable, CustomStringConvertible {
    /// What to take from the addressed part.
    public enum Kind: Hashable, Sendable {
        /// The whole part (or message when ``SectionSpecifier/part`` is empty).
        case complete
        /// `HEADER`: the RFC 5322 header.
        case header
        /// `HEADER.FIELDS (…)`: only the named header fields (names upper-cased).
        case headerFields([String])
        /// `HEADER.FIELDS.NOT (…)`: all header fields except the named ones.
        case headerFieldsNot([String])
        /// `TEXT`: the body without the header.
        case text
        /// `MIME`: the MIME header of a part (only with a part number).
        case mime
    }

    /// Part numbers, e.g. `[1, 2]` for `1.2`; empty for the top-level message.
    public var part: [Int]
    /// What to take from the part.
    public var kind: Kind

    /// Creates a section specifier.
    public init(part: [Int] = [], kind: Kind = .complete) {
        self.part = part
        self.kind = kind
    }

    /// `BODY[]`.
    public static let complete = SectionSpecifier()
    /// `BODY[HEADER]`.
    public static let header = SectionSpecifier(kind: .header)
    /// `BODY[TEXT]`.
    public static let text = SectionSpecifier(kind: .text)

    /// The same section with header field names upper-cased, as the parser reports them.
    public var normalized: SectionSpecifier {
        switch kind {
        case .headerFields(let names): return SectionSpecifier(part: part, kind: .headerFields(names.map(asciiUppercased)))
        case .headerFieldsNot(let names): return SectionSpecifier(part: part, kind: .headerFieldsNot(names.map(asciiUppercased)))
        default: return self
        }
    }

    /// The text inside the brackets, e.g. `1.2.HEADER.FIELDS (FROM TO)`.
    public var description: String {
        let partText = part.map(String.init).joined(separator: ".")
        let kindText: String
        switch kind {
        case .complete: kindText = ""
        case .header: kindText = "HEADER"
        case .headerFields(let names): kindText = "HEADER.FIELDS (\(names.joined(separator: " ")))"
        case .headerFieldsNot(let names): kindText = "HEADER.FIELDS.NOT (\(names.joined(separator: " ")))"
        case .text: kindText = "TEXT"
        case .mime: kindText = "MIME"
        }
        if partText.isEmpty { return kindText }
        if kindText.isEmpty { return partText }
        return "\(partText).\(kindText)"
    }
}

/// A data item to request in `FETCH`/`UID FETCH` (RFC 3501 §6.4.5, RFC 3516, RFC 7162).
public enum FetchAttribute: Hashable, Sendable {
    case uid
    case flags
    case internalDate
    case rfc822Size
    case envelope
    /// `BODYSTRUCTURE` (with extension data).
    case bodyStructure
    /// `BODY[section]<origin.count>`; `peek` sends `BODY.PEEK` so `\Seen` is not set.
    case body(section: SectionSpecifier, peek: Bool = true, partial: ClosedRange<UInt32>? = nil)
    /// `BINARY[part]<origin.count>` (RFC 3516): the part with its transfer encoding removed.
    case binary(part: [Int], peek: Bool = true, partial: ClosedRange<UInt32>? = nil)
    /// `BINARY.SIZE[part]` (RFC 3516).
    case binarySize(part: [Int])
    /// `MODSEQ` (RFC 7162).
    case modSeq
    /// `X-GM-MSGID` (Gmail).
    case gmailMessageID
    /// `X-GM-THRID` (Gmail).
    case gmailThreadID
    /// `X-GM-LABELS` (Gmail).
    case gmailLabels
}
