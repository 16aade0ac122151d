/// Ordered, non-overlapping ranges of 32-bit message numbers: the storage behind ``UIDSet`` and
/// ``SequenceSet`` (RFC 3501 `sequence-set`). `*` ("the largest number in use") is `UInt32.max`.
struct NumberRanges: Hashable, Sendable {
    private(set) var ranges: [ClosedRange<UInt32>] = []

    init() {}

    init<S: Sequence>(_ ranges: S) where S.Element == ClosedRange<UInt32> {
        for range in ranges { insert(range) }
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// How many numbers the ranges cover (may exceed `Int32` for `1:*`).
    var count: UInt64 {
        ranges.reduce(0) { $0 + UInt64($1.upperBound - $1.lowerBound) + 1 }
    }

    /// Inserts `range`, merging it with any range it touches.
    mutating func insert(_ range: ClosedRange<UInt32>) {
        var low = range.lowerBound
        var high = range.upperBound
        var kept: [ClosedRange<UInt32>] = []
        kept.reserveCapacity(ranges.count + 1)
        for existing in ranges {
            // Ranges merge when they overlap or are adjacent (UInt64 so `max + 1` cannot overflow).
            let touches = UInt64(existing.lowerBound) <= UInt64(high) + 1
                && UInt64(low) <= UInt64(existing.upperBound) + 1
            if touches {
                low = min(low, existing.lowerBound)
                high = max(high, existing.upperBound)
            } else {
                kept.append(existing)
            }
        }
        kept.append(low...high)
        kept.sort { $0.lowerBound < $1.lowerBound }
        ranges = kept
    }

    func contains(_ value: UInt32) -> Bool {
        ranges.contains { $0.contains(value) }
    }

    /// Every number, in ascending order; `nil` when that would be more than `limit` numbers.
    func expanded(limit: Int) -> [UInt32]? {
        guard count <= UInt64(limit) else { return nil }
        var out: [UInt32] = []
        out.reserveCapacity(Int(count))
        for range in ranges { out.append(contentsOf: range) }
        return out
    }

    /// `sequence-set` wire form, e.g. `1:3,7,10:*`.
    var wireForm: String {
        ranges.map { range -> String in
            let high = range.upperBound == UInt32.max ? "*" : String(range.upperBound)
            if range.lowerBound == range.upperBound { return high }
            return "\(range.lowerBound):\(high)"
        }.joined(separator: ",")
    }
}
