/// A mailbox: an optional display name and an addr-spec (RFC 5322 §3.4).
///
/// Wire example: `"Alice Example" <alice@example.com>` → `name: "Alice Example"`, `address: "alice@example.com"`.
public struct EmailAddress: Hashable, Sendable, Codable {
    /// Decoded display name, if any (encoded words already decoded).
    public var name: String?
    /// The addr-spec, `local@domain`.
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Lower-cased address for comparisons (local parts are case-sensitive by the RFC, but no real
    /// provider treats them so, and reply-all de-duplication must not send twice to `Bob@x` and `bob@x`).
    public var normalizedAddress: String { address.lowercased() }
}
