import MailCore

/// Resolves tool folders to Gmail label ids (Gmail has labels, not folders): the seed's names map to
/// system labels (INBOX, SENT, DRAFT, TRASH); any other name is matched case-insensitively against
/// `users.labels.list` (user labels by name, system labels by id), cached per provider and
/// re-read once when a name is missing (a label created after the cache was filled).
actor GmailLabelDirectory {
    /// System label ids that may be named directly (`folder: "STARRED"`).
    static let systemLabels: Set<String> = [
        "INBOX", "SENT", "DRAFT", "TRASH", "SPAM", "STARRED", "IMPORTANT", "UNREAD", "CHAT",
        "CATEGORY_PERSONAL", "CATEGORY_SOCIAL", "CATEGORY_PROMOTIONS", "CATEGORY_UPDATES", "CATEGORY_FORUMS",
    ]

    private let api: GmailAPIClient
    private let path: String
    /// Lower-cased label name → label id.
    private var byName: [String: String]?
    private var names: [String: String] = [:]

    init(api: GmailAPIClient, userPath: String) {
        self.api = api
        self.path = userPath + "/labels"
    }

    /// The label id for `folder`, or `MailError(.folderNotFound)`.
    func labelID(for folder: Folder) async throws -> String {
        switch folder {
        case .inbox: return "INBOX"
        case .sent: return "SENT"
        case .drafts: return "DRAFT"
        case .trash: return "TRASH"
        case .named(let name):
            if Self.systemLabels.contains(name.uppercased()) { return name.uppercased() }
            if let id = try await cachedLookup(name, refresh: false) { return id }
            if let id = try await cachedLookup(name, refresh: true) { return id }
            throw MailError(.folderNotFound, detail: "no Gmail label with that name")
        }
    }

    /// `users.labels.get`: how many messages carry `labelID`, and how many of those are unread (exact
    /// counts kept by Gmail, unlike `messages.list`'s `resultSizeEstimate`).
    func counts(of labelID: String) async throws -> (total: Int, unread: Int)? {
        let label = try await api.json(
            .init(path: path + "/" + GmailAPIClient.percentEncode(labelID), operation: .labels), as: GmailWire.Label.self)
        guard let total = label.messagesTotal else { return nil }
        return (total, label.messagesUnread ?? 0)
    }

    /// The user-visible name of a user label id, reading the label list once if needed.
    /// A failure to read it only costs the name (the caller falls back), so it is not thrown.
    func name(of labelID: String) async -> String? {
        if byName == nil { _ = try? await cachedLookup("", refresh: true) }
        return names[labelID]
    }

    private func cachedLookup(_ name: String, refresh: Bool) async throws -> String? {
        if refresh || byName == nil {
            let answer = try await api.json(.init(path: path, operation: .labels), as: GmailWire.ListLabelsResponse.self)
            var map: [String: String] = [:]
            for label in answer.labels ?? [] {
                map[label.id.lowercased()] = label.id
                if let labelName = label.name {
                    map[labelName.lowercased()] = label.id
                    names[label.id] = labelName
                }
            }
            byName = map
        }
        return byName?[name.lowercased()]
    }
}
