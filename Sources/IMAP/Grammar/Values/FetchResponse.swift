import NIOCore

/// One message's data from `* n FETCH (…)` (RFC 3501 §7.4.2 `msg-att`), merged per message.
///
/// Only items the server sent are non-`nil`. Body sections keep the section they answer, because
/// a single response may carry several (`BODY[HEADER.FIELDS (…)]` and `BODY[1]<0>`).
/// Wire: `* 12 FETCH (UID 4827 FLAGS (\Seen) RFC822.SIZE 44827 BODY[TEXT]<0> {5}\r\nHello)`.
public struct FetchResponse: Hashable, Sendable {
    /// The message sequence number.
    public var sequenceNumber: UInt32
    /// `UID`.
    public var uid: UID?
    /// `FLAGS`.
    public var flags: [Flag]?
    /// `INTERNALDATE`: when the server received the message.
    public var internalDate: InternalDate?
    /// `RFC822.SIZE` in octets.
    public var rfc822Size: UInt64?
    /// `ENVELOPE`.
    public var envelope: Envelope?
    /// `BODYSTRUCTURE` (or the non-extensible `BODY`).
    public var bodyStructure: BodyStructure?
    /// `BODY[…]`, `BINARY[…]`, `RFC822*` data, in the order received.
    public var sections: [FetchedSection]
    /// `BINARY.SIZE[part]` answers.
    public var binarySizes: [[Int]: UInt64]
    /// `MODSEQ` (RFC 7162).
    public var modSeq: UInt64?
    /// `X-GM-MSGID` (Gmail).
    public var gmailMessageID: UInt64?
    /// `X-GM-THRID` (Gmail): the conversation id.
    public var gmailThreadID: UInt64?
    /// `X-GM-LABELS` (Gmail).
    public var gmailLabels: [String]?

    /// An empty response for `sequenceNumber`.
    public init(sequenceNumber: UInt32) {
        self.sequenceNumber = sequenceNumber
        self.sections = []
        self.binarySizes = [:]
    }

    /// The data of the first `BODY[section]` (or `BINARY[…]` when `binary`) received for `section`.
    public func section(_ section: SectionSpecifier, binary: Bool = false) -> FetchedSection? {
        let wanted = section.normalized
        return sections.first { $0.section == wanted && $0.isBinary == binary }
    }

    /// Adds `other`'s items to this response (servers may split one message over several FETCHes).
    public mutating func merge(_ other: FetchResponse) {
        uid = other.uid ?? uid
        flags = other.flags ?? flags
        internalDate = other.internalDate ?? internalDate
        rfc822Size = other.rfc822Size ?? rfc822Size
        envelope = other.envelope ?? envelope
        bodyStructure = other.bodyStructure ?? bodyStructure
        sections.append(contentsOf: other.sections)
        binarySizes.merge(other.binarySizes) { _, new in new }
        modSeq = other.modSeq ?? modSeq
        gmailMessageID = other.gmailMessageID ?? gmailMessageID
        gmailThreadID = other.gmailThreadID ?? gmailThreadID
        gmailLabels = other.gmailLabels ?? gmailLabels
    }
}

/// One `BODY[section]<origin>` / `BINARY[part]<origin>` item of a FETCH response.
public struct FetchedSection: Hashable, Sendable {
    /// The section it answers (`RFC822` is ``SectionSpecifier/complete``, `RFC822.HEADER` is header…).
    public var section: SectionSpecifier
    /// The `<origin>` offset for partial fetches.
    public var origin: UInt32?
    /// Whether this is `BINARY[…]` data (transfer encoding already removed).
    public var isBinary: Bool
    /// The bytes; `nil` when the server sent `NIL`.
    public var data: ByteBuffer?

    /// Creates a fetched section.
    public init(section: SectionSpecifier, origin: UInt32? = nil, isBinary: Bool = false, data: ByteBuffer?) {
        self.section = section
        self.origin = origin
        self.isBinary = isBinary
        self.data = data
    }
}
