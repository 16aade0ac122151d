/// Gmail API resources as they arrive on the wire (discovery schemas `Message`, `MessagePart`,
/// `ListMessagesResponse`, `ListLabelsResponse`, `Profile`, and Google's error body). Internal:
/// nothing outside this target sees them. Every field is optional because partial responses
/// (`fields=`) and the `format` parameter leave members out.
enum GmailWire {
    struct MessageRef: Decodable, Sendable {
        var id: String
        var threadId: String?
    }

    struct ListMessagesResponse: Decodable, Sendable {
        var messages: [MessageRef]?
        var nextPageToken: String?
        var resultSizeEstimate: Int?
    }

    struct Header: Decodable, Sendable {
        var name: String
        var value: String
    }

    struct PartBody: Decodable, Sendable {
        var attachmentId: String?
        var size: Int?
        var data: String?
    }

    struct Part: Decodable, Sendable {
        var partId: String?
        var mimeType: String?
        var filename: String?
        var headers: [Header]?
        var body: PartBody?
        var parts: [Part]?

        func header(_ name: String) -> String? {
            headers?.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    struct Message: Decodable, Sendable {
        var id: String
        var threadId: String?
        var labelIds: [String]?
        var snippet: String?
        var sizeEstimate: Int?
        var internalDate: String?
        var payload: Part?
        var raw: String?
    }

    struct Label: Decodable, Sendable {
        var id: String
        var name: String?
        var type: String?
        /// Counts, sent by `users.labels.get` (not by `labels.list`).
        var messagesTotal: Int?
        var messagesUnread: Int?
    }

    struct ListLabelsResponse: Decodable, Sendable {
        var labels: [Label]?
    }

    struct Profile: Decodable, Sendable {
        var emailAddress: String
    }

    /// `{"error": {"code", "message", "status", "errors": [{"domain", "reason", "message"}], "details"}}`.
    struct ErrorEnvelope: Decodable, Sendable {
        struct Item: Decodable, Sendable {
            var reason: String?
            var domain: String?
        }
        struct Detail: Decodable, Sendable {
            var reason: String?
        }
        struct Body: Decodable, Sendable {
            var code: Int?
            var message: String?
            var status: String?
            var errors: [Item]?
            var details: [Detail]?
        }
        var error: Body

        /// Every `reason` in `errors` and `details` (legacy and AIP-193 shapes).
        var reasons: [String] {
            (error.errors ?? []).compactMap(\.reason) + (error.details ?? []).compactMap(\.reason)
        }
    }
}
