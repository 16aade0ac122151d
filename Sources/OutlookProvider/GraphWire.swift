import Foundation

// Wire types of Microsoft Graph v1.0 (property names as in Graph's `microsoft.graph.*` resources).
// Internal: nothing above this target sees them. Every property is optional because `$select` returns
// only what was asked for.

/// A collection page: `value`, `@odata.nextLink`, `@odata.count`.
struct GraphCollection<Element: Decodable>: Decodable {
    var value: [Element]
    var nextLink: String?
    var count: Int?

    enum CodingKeys: String, CodingKey {
        case value
        case nextLink = "@odata.nextLink"
        case count = "@odata.count"
    }
}

/// `microsoft.graph.emailAddress`.
struct GraphEmailAddress: Codable, Hashable {
    var name: String?
    var address: String?
}

/// `microsoft.graph.recipient`.
struct GraphRecipient: Codable, Hashable {
    var emailAddress: GraphEmailAddress?
}

/// `microsoft.graph.itemBody`: `contentType` is `text` or `html`.
struct GraphItemBody: Codable, Hashable {
    var contentType: String?
    var content: String?
}

/// `microsoft.graph.internetMessageHeader`.
struct GraphHeader: Codable, Hashable {
    var name: String
    var value: String
}

/// `microsoft.graph.singleValueLegacyExtendedProperty` (`id` like `Integer 0xe08`, `value` a string).
struct GraphExtendedProperty: Decodable {
    var id: String
    var value: String?
}

/// `microsoft.graph.message`, the properties this provider selects.
struct GraphMessage: Decodable {
    var id: String
    var conversationId: String?
    var internetMessageId: String?
    var subject: String?
    var from: GraphRecipient?
    var toRecipients: [GraphRecipient]?
    var ccRecipients: [GraphRecipient]?
    var bccRecipients: [GraphRecipient]?
    var replyTo: [GraphRecipient]?
    var receivedDateTime: String?
    var bodyPreview: String?
    var isRead: Bool?
    var hasAttachments: Bool?
    var body: GraphItemBody?
    var internetMessageHeaders: [GraphHeader]?
    var parentFolderId: String?
    var singleValueExtendedProperties: [GraphExtendedProperty]?
}

/// `microsoft.graph.attachment` and its subtypes, told apart by `@odata.type`.
struct GraphAttachment: Decodable {
    var odataType: String?
    var id: String
    var name: String?
    var contentType: String?
    var size: Int?
    var isInline: Bool?
    var contentId: String?
    var contentBytes: String?

    enum CodingKeys: String, CodingKey {
        case odataType = "@odata.type"
        case id, name, contentType, size, isInline, contentId, contentBytes
    }
}

/// `microsoft.graph.mailFolder`.
struct GraphMailFolder: Decodable {
    var id: String
    var displayName: String?
    var childFolderCount: Int?
}

/// `microsoft.graph.user`, the two properties that name the mailbox.
struct GraphUser: Decodable {
    var mail: String?
    var userPrincipalName: String?
}

/// `microsoft.graph.uploadSession`.
struct GraphUploadSession: Decodable {
    var uploadUrl: String
    var nextExpectedRanges: [String]?
}

/// Graph's error body `{"error": {"code": …, "message": …, "innerError": {…}}}`.
struct GraphErrorBody: Decodable {
    struct Detail: Decodable {
        var code: String?
        var message: String?
    }

    var error: Detail?
}

/// Graph timestamps (`2024-05-01T10:00:00Z`, sometimes with fractional seconds).
enum GraphTimestamp {
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}

/// An upload session's answer to a chunk that was not the last.
struct GraphUploadProgress: Decodable {
    var nextExpectedRanges: [String]?
}
