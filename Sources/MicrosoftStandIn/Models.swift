import Foundation

/// A mailbox participant as Graph's `recipient` / `emailAddress` resources carry it.
public struct StandInRecipient: Hashable, Sendable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// `{"emailAddress": {"name": …, "address": …}}`.
    var json: [String: Any] {
        var email: [String: Any] = ["address": address]
        email["name"] = name ?? address
        return ["emailAddress": email]
    }

    /// Reads a Graph `recipient` object; `nil` when it has no address.
    init?(json: Any?) {
        guard let object = json as? [String: Any], let email = object["emailAddress"] as? [String: Any],
              let address = email["address"] as? String else { return nil }
        self.init(name: email["name"] as? String, address: address)
    }
}

/// The three attachment kinds of Graph v1.0 (`attachmentType` in `attachmentItem`).
public enum StandInAttachmentKind: String, Sendable {
    case file, item, reference

    var odataType: String {
        switch self {
        case .file: "#microsoft.graph.fileAttachment"
        case .item: "#microsoft.graph.itemAttachment"
        case .reference: "#microsoft.graph.referenceAttachment"
        }
    }
}

/// One attachment of a stored message.
public struct StandInAttachment: Hashable, Sendable {
    public var id: String
    public var kind: StandInAttachmentKind
    public var name: String
    public var contentType: String
    public var isInline: Bool
    public var contentID: String?
    /// File bytes (file attachments) or the item's MIME (item attachments); empty for references.
    public var bytes: [UInt8]
    public var lastModified: Date

    public init(
        id: String = StandInID.make(prefix: "AAMkAtt"), kind: StandInAttachmentKind = .file, name: String,
        contentType: String, isInline: Bool = false, contentID: String? = nil, bytes: [UInt8], lastModified: Date = Date()
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.contentType = contentType
        self.isInline = isInline
        self.contentID = contentID
        self.bytes = bytes
        self.lastModified = lastModified
    }

    /// Graph's `size` counts the stored item, a little more than the file; we report the byte count plus
    /// a fixed overhead so callers cannot confuse it with the decoded length by accident.
    public var size: Int { bytes.count + (kind == .reference ? 0 : 220) }
}

/// A message as the stand-in stores it.
public struct StandInMessage: Hashable, Sendable {
    public var id: String
    public var folderID: String
    public var conversationID: String
    public var internetMessageID: String
    public var subject: String
    /// `"text"` or `"html"`: the body's native format.
    public var bodyType: String
    public var body: String
    public var from: StandInRecipient?
    public var to: [StandInRecipient]
    public var cc: [StandInRecipient]
    public var bcc: [StandInRecipient]
    public var replyTo: [StandInRecipient]
    public var received: Date
    public var sent: Date
    public var isRead: Bool
    public var isDraft: Bool
    /// `internetMessageHeaders` (name, value), e.g. In-Reply-To and References.
    public var headers: [StandInHeader]
    public var attachments: [StandInAttachment]

    public init(
        id: String = StandInID.make(prefix: "AAMkAGI2"), folderID: String = "inbox",
        conversationID: String = StandInID.make(prefix: "AAQkAGI2"),
        internetMessageID: String = "<\(UUID().uuidString.lowercased())@stand-in.outlook.test>",
        subject: String, bodyType: String = "text", body: String, from: StandInRecipient?,
        to: [StandInRecipient] = [], cc: [StandInRecipient] = [], bcc: [StandInRecipient] = [],
        replyTo: [StandInRecipient] = [], received: Date = Date(), sent: Date? = nil, isRead: Bool = false,
        isDraft: Bool = false, headers: [StandInHeader] = [], attachments: [StandInAttachment] = []
    ) {
        self.id = id
        self.folderID = folderID
        self.conversationID = conversationID
        self.internetMessageID = internetMessageID
        self.subject = subject
        self.bodyType = bodyType
        self.body = body
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.received = received
        self.sent = sent ?? received
        self.isRead = isRead
        self.isDraft = isDraft
        self.headers = headers
        self.attachments = attachments
    }

    /// `PidTagMessageSize` as the stand-in computes it: body plus attachments plus a header allowance.
    public var size: Int { 600 + body.utf8.count + attachments.reduce(0) { $0 + $1.bytes.count } }

    /// Graph's `hasAttachments`: true when the message has a non-inline attachment.
    public var hasAttachments: Bool { attachments.contains { !$0.isInline } }

    /// The value of an internet message header, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// One `internetMessageHeader`.
public struct StandInHeader: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A mail folder. Well-known folders have their Graph well-known name.
public struct StandInFolder: Hashable, Sendable {
    public var id: String
    public var displayName: String
    public var parentID: String?
    public var wellKnownName: String?

    public init(id: String = StandInID.make(prefix: "AAMkFold"), displayName: String, parentID: String? = nil, wellKnownName: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.parentID = parentID
        self.wellKnownName = wellKnownName
    }
}

/// Opaque ids shaped like Exchange's: a prefix plus URL-safe base64 ending in `=`.
public enum StandInID {
    /// A fresh id such as `AAMkAGI2Zm9v…=`.
    public static func make(prefix: String) -> String {
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + encoded + "="
    }
}
