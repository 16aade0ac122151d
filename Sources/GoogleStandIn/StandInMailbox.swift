import Foundation

/// One stored Gmail message: the RFC 822 bytes plus Gmail's own attributes.
public struct StoredMessage: Sendable {
    /// Gmail message id (16 hex digits).
    public let id: String
    public internal(set) var threadId: String
    public internal(set) var labelIds: [String]
    /// Milliseconds since the epoch (Gmail `internalDate`).
    public let internalDate: Int64
    /// The message as stored (for sent mail: as submitted, Bcc included, like Gmail's Sent copy).
    public let raw: [UInt8]
    var historyId: Int
    let parsed: LitePart

    init(id: String, threadId: String, labelIds: [String], internalDate: Int64, raw: [UInt8], historyId: Int) {
        self.id = id
        self.threadId = threadId
        self.labelIds = labelIds
        self.internalDate = internalDate
        self.raw = raw
        self.historyId = historyId
        self.parsed = LitePart(raw[...])
    }

    /// First header value named `name` (encoded words decoded).
    public func header(_ name: String) -> String? { parsed.header(name) }

    /// Every header field name in order (for asserting e.g. that no `Bcc` reached a recipient).
    public var headerNames: [String] { parsed.headers.map(\.name) }

    /// The `Message-ID` header including angle brackets.
    var messageIDHeader: String? { header("Message-ID") }

    /// Message-IDs in `References` and `In-Reply-To`.
    var referencedIDs: [String] {
        ((header("References") ?? "") + " " + (header("In-Reply-To") ?? ""))
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
    }

    var hasAttachment: Bool { parsed.leaves.contains { !$0.filename.isEmpty } }

    /// Plain text used for snippets and bare-word search.
    var bodyText: String {
        if let plain = parsed.leaves.first(where: { $0.mimeType == "text/plain" && $0.filename.isEmpty }) {
            return plain.text
        }
        if let html = parsed.leaves.first(where: { $0.mimeType == "text/html" && $0.filename.isEmpty }) {
            return HTMLLite.text(html.text)
        }
        return ""
    }
}

/// Gmail's system labels, as `labels.list` reports them.
enum SystemLabels {
    static let ids = [
        "CHAT", "SENT", "INBOX", "IMPORTANT", "TRASH", "DRAFT", "SPAM", "CATEGORY_FORUMS", "CATEGORY_UPDATES",
        "CATEGORY_PERSONAL", "CATEGORY_PROMOTIONS", "CATEGORY_SOCIAL", "STARRED", "UNREAD",
    ]
}

/// One user's mailbox in the stand-in.
struct Mailbox: Sendable {
    let address: String
    var messages: [String: StoredMessage] = [:]
    /// User labels: id (`Label_1`, …) → name.
    var userLabels: [String: String] = [:]
    var historyId = 1000

    init(address: String) { self.address = address }

    func labelExists(_ id: String) -> Bool { SystemLabels.ids.contains(id) || userLabels[id] != nil }

    /// Messages newest first (internalDate, then id).
    var newestFirst: [StoredMessage] {
        messages.values.sorted { ($0.internalDate, $0.id) > ($1.internalDate, $1.id) }
    }

    /// The thread a new message joins: `requested` when it exists and the message references one of
    /// its messages with a matching subject (Gmail's documented rule for `threadId` on insert/send);
    /// otherwise, without a requested thread, any thread it references (recipient-side threading).
    func thread(for message: LitePart, requested: String?) -> String? {
        let references = Set(((message.header("References") ?? "") + " " + (message.header("In-Reply-To") ?? ""))
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init))
        guard !references.isEmpty else { return nil }
        let subject = Self.baseSubject(message.header("Subject") ?? "")
        let candidates = messages.values.filter { stored in
            guard let id = stored.messageIDHeader, references.contains(id) else { return false }
            return Self.baseSubject(stored.header("Subject") ?? "") == subject
        }
        if let requested { return candidates.contains { $0.threadId == requested } ? requested : nil }
        return candidates.max { $0.internalDate < $1.internalDate }?.threadId
    }

    /// Subject without reply/forward prefixes, for Gmail's "subjects must match" threading rule.
    static func baseSubject(_ subject: String) -> String {
        var text = subject.trimmingCharacters(in: .whitespaces)
        while let colon = text.firstIndex(of: ":"),
              ["re", "fw", "fwd", "aw", "sv"].contains(text[..<colon].lowercased()) {
            text = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return text.lowercased()
    }
}

/// Tag stripping and entity handling for snippets.
enum HTMLLite {
    static func text(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true; out.append(" "); continue }
            if ch == ">" { inTag = false; continue }
            if !inTag { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Gmail snippets are HTML-escaped plain text.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
