/// MCP protocol revisions this server speaks, and what differs between them for a stateless server.
///
/// Negotiation (MCP lifecycle): the client proposes a version in `initialize`; a supported one is echoed,
/// anything else gets the latest. After initialize, HTTP clients send `MCP-Protocol-Version` (required from
/// 2025-06-18); a missing header means 2025-03-26, an unknown one is answered with HTTP 400.
public enum ProtocolVersion {
    /// Supported revisions, oldest first.
    public static let supported = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]
    /// The newest supported revision.
    public static let latest = "2025-11-25"
    /// Assumed when a request carries no `MCP-Protocol-Version` header (Streamable HTTP §Protocol Version Header).
    public static let assumedWithoutHeader = "2025-03-26"

    /// The version to answer an `initialize` proposing `requested`.
    public static func negotiate(_ requested: String?) -> String {
        guard let requested, supported.contains(requested) else { return latest }
        return requested
    }

    /// JSON-RPC batches exist in 2024-11-05 and 2025-03-26 and were removed in 2025-06-18.
    public static func allowsBatching(_ version: String) -> Bool {
        version <= "2025-03-26"
    }
}
