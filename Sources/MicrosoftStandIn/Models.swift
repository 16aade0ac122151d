import Foundation

/// A mailbox participant as Graph's `recipient` / `emailAddress` resources carry it.
public struct StandInRecipient: Hashable, Sendable {
    /// Display name (Graph `emailAddress.name`).
    public var name: String?
    /// The SMTP address (Graph `emailAddress.address`).
    public var address: String

    /// A recipient with an optional display name.
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
    /// Graph id.
    public var id: String
    /// File, item or reference attachment.
    public var kind: StandInAttachmentKind
    /// Graph `name`.
    public var name: String
    /// Graph `contentType` (MIME type).
    public var contentType: String
    /// Graph `isInline`.
    public var isInline: Bool
    /// Graph `contentId` (file attachments).
    public var contentID: String?
    /// File bytes (file attachments) or the item's MIME (item attachments); empty for references.
    public var bytes: [UInt8]
    /// Graph `lastModifiedDateTime`.
    public var lastModified: Date

    /// An attachment; the id is generated like Exchange's.
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
    /// Graph id.
    public var id: String
    /// Graph `parentFolderId`.
    public var folderID: String
    /// Graph `conversationId` (the thread).
    public var conversationID: String
    /// Graph `internetMessageId`, with angle brackets.
    public var internetMessageID: String
    /// Graph `subject`.
    public var subject: String
    /// `"text"` or `"html"`: the body's native format.
    public var bodyType: String
    /// Body content in `bodyType`.
    public var body: String
    /// Graph `from` (and `sender`).
    public var from: StandInRecipient?
    /// Graph `toRecipients`.
    public var to: [StandInRecipient]
    /// Graph `ccRecipients`.
    public var cc: [StandInRecipient]
    /// Graph `bccRecipients`.
    public var bcc: [StandInRecipient]
    /// Graph `replyTo`.
    public var replyTo: [StandInRecipient]
    /// Graph `receivedDateTime`.
    public var received: Date
    /// Graph `sentDateTime`.
    public var sent: Date
    /// Graph `isRead`.
    public var isRead: Bool
    /// Graph `isDraft`.
    public var isDraft: Bool
    /// `internetMessageHeaders` (name, value), e.g. In-Reply-To and References.
    public var headers: [StandInHeader]
    /// Attachments in order.
    public var attachments: [StandInAttachment]

    /// A message; ids, conversation id and Message-ID are generated unless given.
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
    /// Graph `name`.
    public var name: String
    /// Header value.
    public var value: String
    /// A header line.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A mail folder. Well-known folders have their Graph well-known name.
public struct StandInFolder: Hashable, Sendable {
    /// Graph id.
    public var id: String
    /// Graph `displayName`.
    public var displayName: String
    /// Parent folder id; `nil` at the top level.
    public var parentID: String?
    /// Graph well-known name (`inbox`, `sentitems`, …), if any.
    public var wellKnownName: String?

    /// A folder.
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
