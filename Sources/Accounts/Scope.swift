import Foundation

/// What an API key may do. Read tools need ``readEmail``, send tools ``sendEmail``.
public enum Scope: String, Codable, CaseIterable, Sendable, Comparable {
    /// `list_inbox`, `read_email`, `search_emails`, `get_delivery_status`.
    case readEmail = "read:email"
    /// `send_email`, `reply_to_email`.
    case sendEmail = "send:email"

    /// Parses a comma-separated list such as `read:email,send:email`.
    ///
    /// Spaces around names are ignored and duplicates collapse. An empty list or an unknown name
    /// throws ``AccountsError`` naming the offending token.
    public static func parseList(_ text: String) throws(AccountsError) -> Set<Scope> {
        var scopes = Set<Scope>()
        for token in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = token.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard let scope = Scope(rawValue: name.lowercased()) else {
                throw AccountsError(.unknownScope, detail: name)
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw AccountsError(.emptyScopeList) }
        return scopes
    }

    /// The canonical comma-separated form, sorted: `read:email,send:email`.
    public static func formatList(_ scopes: Set<Scope>) -> String {
        scopes.sorted().map(\.rawValue).joined(separator: ",")
    }

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
}
