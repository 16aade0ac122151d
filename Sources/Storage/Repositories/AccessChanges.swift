import Synchronization

/// A count of changes this process made to who may do what: a key revoked, a workspace's plan changed.
///
/// Anything that keeps key lookups in memory (the server's `AuthCache`) remembers the generation it saw
/// and starts over when it moved, so such changes made through this process's ``Stores`` — dashboard,
/// tests — apply to the very next request. Changes made by another process are not counted here.
public final class AccessChanges: Sendable {
    private let value = Atomic<UInt64>(0)

    public init() {}

    /// The current generation; it grows with every change.
    public var generation: UInt64 { value.load(ordering: .acquiring) }

    func record() {
        value.wrappingAdd(1, ordering: .releasing)
    }
}
