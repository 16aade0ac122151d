/// A message's unique identifier inside one mailbox (RFC 3501 §2.3.1.1, `uniqueid = nz-number`).
///
/// UIDs only mean something together with the mailbox's ``UIDValidity``: when that changes, every
/// UID the client remembered is stale.
public struct UID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 32-bit value as sent on the wire (never 0 for a real message).
    public var rawValue: UInt32
    /// Wraps a raw UID.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Wraps a raw UID.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    public static func < (lhs: UID, rhs: UID) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The decimal form, e.g. `4827`.
    public var description: String { String(rawValue) }
}

/// The `UIDVALIDITY` of a mailbox (RFC 3501 §2.3.1.1): when it changes, all cached UIDs are void.
///
/// Wire: `* OK [UIDVALIDITY 3857529045] UIDs valid`.
public struct UIDValidity: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 32-bit value as sent on the wire.
    public var rawValue: UInt32
    /// Wraps a raw value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Wraps a raw value.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// The decimal form.
    public var description: String { String(rawValue) }
}
