/// A set of UIDs, sent and received as a `sequence-set` (RFC 3501 §9), e.g. `1:3,7,10:*`.
///
/// Used by `UID FETCH`/`UID STORE`/`UID SEARCH UID …` and returned in `APPENDUID`/`COPYUID` and
/// `ESEARCH ALL`. `*` (the highest UID in use) is represented by `UInt32.max`.
public struct UIDSet: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    var storage: NumberRanges

    /// An empty set (cannot be sent; commands reject it).
    public init() { storage = NumberRanges() }

    /// The set of the given UIDs.
    public init<S: Sequence>(_ uids: S) where S.Element == UID {
        storage = NumberRanges(uids.map { $0.rawValue...$0.rawValue })
    }

    /// The set of the given UID ranges.
    public init<S: Sequence>(ranges: S) where S.Element == ClosedRange<UID> {
        storage = NumberRanges(ranges.map { $0.lowerBound.rawValue...$0.upperBound.rawValue })
    }

    /// A single range, e.g. `UIDSet(UID(1)...UID(10))`.
    public init(_ range: ClosedRange<UID>) { self.init(ranges: [range]) }

    /// `1:*`, every message in the mailbox.
    public static let all = UIDSet(ranges: [UID(1)...UID(UInt32.max)])

    public init(arrayLiteral elements: UID...) { self.init(elements) }

    init(storage: NumberRanges) { self.storage = storage }

    /// Whether the set is empty.
    public var isEmpty: Bool { storage.isEmpty }
    /// How many UIDs the set covers.
    public var count: UInt64 { storage.count }
    /// The ranges, ascending and merged.
    public var ranges: [ClosedRange<UID>] { storage.ranges.map { UID($0.lowerBound)...UID($0.upperBound) } }
    /// Whether `uid` is in the set.
    public func contains(_ uid: UID) -> Bool { storage.contains(uid.rawValue) }
    /// Adds `uid`.
    public mutating func insert(_ uid: UID) { storage.insert(uid.rawValue...uid.rawValue) }

    /// Every UID in ascending order, or `nil` if there would be more than `limit`.
    public func expanded(limit: Int = IMAPLimits().maxExpandedSetSize) -> [UID]? {
        storage.expanded(limit: limit)?.map(UID.init(rawValue:))
    }

    /// The wire form, e.g. `1:3,7`.
    public var description: String { storage.wireForm }
}

/// A set of message sequence numbers (RFC 3501 §2.3.1.2), wire form like `UIDSet`.
///
/// Sequence numbers shift when messages are expunged; prefer ``UIDSet`` except for "the newest N
/// messages" style ranges computed from `EXISTS`.
public struct SequenceSet: Hashable, Sendable, CustomStringConvertible {
    var storage: NumberRanges

    /// The set of the given ranges of sequence numbers.
    public init<S: Sequence>(ranges: S) where S.Element == ClosedRange<UInt32> {
        storage = NumberRanges(ranges)
    }

    /// A single range, e.g. `SequenceSet(81...100)`.
    public init(_ range: ClosedRange<UInt32>) { self.init(ranges: [range]) }

    /// Whether the set is empty.
    public var isEmpty: Bool { storage.isEmpty }
    /// The ranges, ascending and merged.
    public var ranges: [ClosedRange<UInt32>] { storage.ranges }
    /// The wire form, e.g. `81:100`.
    public var description: String { storage.wireForm }
}
