/// One header field (RFC 5322 §2.2) as it appeared: name, unfolded value, and decoded value.
///
/// Wire example: `Subject: =?UTF-8?Q?Caf=C3=A9?=\r\n  menu` → `name: "Subject"`,
/// `rawValue: "=?UTF-8?Q?Caf=C3=A9?=  menu"`, `decodedValue: "Café  menu"`.
public struct HeaderField: Hashable, Sendable {
    /// The field name as written (compare case-insensitively).
    public var name: String
    /// The value unfolded (CRLF removed, whitespace kept) and trimmed, encoded words not decoded.
    /// Raw 8-bit octets were read as UTF-8, else in the entity's declared charset, else windows-1252.
    public var rawValue: String

    /// A field from its name and unfolded raw value.
    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
    }

    /// The value with RFC 2047 encoded words decoded, for display.
    public var decodedValue: String { EncodedWords.decode(rawValue) }
}

/// The header fields of an entity, in message order, with case-insensitive look-up.
public struct MessageHeaders: Hashable, Sendable, RandomAccessCollection {
    /// The fields in message order.
    public var fields: [HeaderField]

    /// Headers from fields in message order.
    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// `RandomAccessCollection` conformance over `fields`.
    public var startIndex: Int { fields.startIndex }
    /// `RandomAccessCollection` conformance over `fields`.
    public var endIndex: Int { fields.endIndex }
    /// The field at `position`, in message order.
    public subscript(position: Int) -> HeaderField { fields[position] }

    /// The first field called `name` (case-insensitive). Duplicates of single-instance fields such as
    /// `Subject` are resolved by taking the first, as most clients do.
    public func header(named name: String) -> HeaderField? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }
    }

    /// Every field called `name` (case-insensitive), in order.
    public func headers(named name: String) -> [HeaderField] {
        let lowered = name.lowercased()
        return fields.filter { $0.name.lowercased() == lowered }
    }

    /// The raw value of the first field called `name`.
    public subscript(name: String) -> String? { header(named: name)?.rawValue }
}
