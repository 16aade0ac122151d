/// The one error type of the `Accounts` module: a public struct over a code enum (STYLE §3).
///
/// `description` never contains secrets: it names the offending token for scope lists and the
/// rule that failed, nothing else.
public struct AccountsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable {
        /// A scope list was empty.
        case emptyScopeList
        /// A scope list contained a name that is not a known scope.
        case unknownScope
        /// A plan name is not one of `free`, `pro`, `enterprise`.
        case unknownPlan
        /// A rate-limit window or quota number is not positive.
        case invalidLimit
    }

    /// The failure kind.
    public let code: Code
    /// Safe human-readable detail (the unknown token, the bad number).
    public let detail: String?

    /// Creates an error.
    public init(_ code: Code, detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .emptyScopeList: return "no scopes given: use read:email and/or send:email"
        case .unknownScope: return "unknown scope \"\(detail ?? "")\": use read:email and/or send:email"
        case .unknownPlan: return "unknown plan \"\(detail ?? "")\": use free, pro or enterprise"
        case .invalidLimit: return "invalid limit: \(detail ?? "must be positive")"
        }
    }
}
