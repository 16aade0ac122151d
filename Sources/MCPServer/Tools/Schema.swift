import MCP

/// Small builders for the JSON Schemas in `tools/list`, so each tool states its parameters once.
enum Schema {
    static func object(_ properties: [String: Value], required: [String], additional: Bool = false) -> Value {
        .object([
            "type": "object",
            "properties": .object(properties),
            "required": .array(required.map { .string($0) }),
            "additionalProperties": .bool(additional),
        ])
    }

    static func string(_ description: String, format: String? = nil, maxLength: Int? = nil,
                       default value: String? = nil, minLength: Int? = nil) -> Value {
        var schema: [String: Value] = ["type": "string", "description": .string(description)]
        if let format { schema["format"] = .string(format) }
        if let maxLength { schema["maxLength"] = .int(maxLength) }
        if let minLength { schema["minLength"] = .int(minLength) }
        if let value { schema["default"] = .string(value) }
        return .object(schema)
    }

    static func integer(_ description: String, minimum: Int, maximum: Int? = nil, default value: Int) -> Value {
        var schema: [String: Value] = [
            "type": "integer", "description": .string(description),
            "minimum": .int(minimum), "default": .int(value),
        ]
        if let maximum { schema["maximum"] = .int(maximum) }
        return .object(schema)
    }

    static func boolean(_ description: String, default value: Bool) -> Value {
        .object(["type": "boolean", "description": .string(description), "default": .bool(value)])
    }

    static func stringArray(_ description: String, maxItems: Int, minItems: Int = 0, format: String? = nil) -> Value {
        var item: [String: Value] = ["type": "string"]
        if let format { item["format"] = .string(format) }
        var schema: [String: Value] = [
            "type": "array", "description": .string(description), "items": .object(item), "maxItems": .int(maxItems),
        ]
        if minItems > 0 { schema["minItems"] = .int(minItems) } else { schema["default"] = .array([]) }
        return .object(schema)
    }

    static func nullable(_ type: String) -> Value { .array([.string(type), "null"]) }

    /// `{name, email}` as summaries and messages return addresses.
    static let address: Value = .object([
        "type": "object",
        "properties": .object(["name": .object(["type": nullable("string")]), "email": .object(["type": "string"])]),
        "required": ["email"],
    ])

    static let addressList: Value = .object(["type": "array", "items": address])

    /// Attachments accepted by the send tools (seed: `{ filename, mime_type, data (base64) }`).
    static let outgoingAttachments: Value = .object([
        "type": "array",
        "description": "File attachments: each { filename, mime_type, data (base64) }. At most 20 items and 10 MB in total (decoded).",
        "maxItems": .int(SendLimits.maximumAttachments),
        "default": .array([]),
        "items": object([
            "filename": string("File name shown to recipients.", maxLength: 255, minLength: 1),
            "mime_type": string("MIME type, e.g. application/pdf.", maxLength: 255, minLength: 3),
            "data": string("File content, base64 encoded (standard alphabet, padding optional).", format: "byte"),
        ], required: ["filename", "mime_type", "data"]),
    ])

    static let idempotencyKey: Value = string(
        "Optional key that makes this send safe to retry: a repeat with the same key in this workspace returns the first result and sends nothing.",
        maxLength: SendLimits.maximumIdempotencyKeyLength, minLength: 1)

    /// One message summary, as list_inbox and search_emails return it.
    static let summary: Value = object([
        "message_id": string("Provider message id; pass it to read_email or reply_to_email."),
        "thread_id": .object(["type": nullable("string")]),
        "from": .object(["anyOf": [address, .object(["type": "null"])]]),
        "to": addressList,
        "cc": addressList,
        "subject": .object(["type": "string"]),
        "date": .object(["type": nullable("string"), "format": "date-time"]),
        "snippet": .object(["type": "string"]),
        "unread": .object(["type": "boolean"]),
        "has_attachments": .object(["type": "boolean"]),
        "size": .object(["type": "integer"]),
        "folder": .object(["type": "string"]),
    ], required: ["message_id", "subject", "unread", "folder"], additional: true)

    /// The shape list_inbox and search_emails share.
    static func page(extra: [String: Value]) -> Value {
        var properties: [String: Value] = [
            "inbox_id": .object(["type": "string"]),
            "messages": .object(["type": "array", "items": summary]),
            "total": .object(["type": nullable("integer"), "description": "Total matches when the provider knows it."]),
            "offset": .object(["type": "integer"]),
            "limit": .object(["type": "integer"]),
            "has_more": .object(["type": "boolean"]),
            "next_offset": .object(["type": nullable("integer")]),
            "notes": .object(["type": "array", "items": .object(["type": "string"])]),
        ]
        for (key, value) in extra { properties[key] = value }
        return object(properties, required: ["inbox_id", "messages", "has_more"], additional: true)
    }

    /// The shape send_email and reply_to_email return.
    static let sendResult: Value = object([
        "send_id": string("Ledger id of this send; pass it to get_delivery_status."),
        "delivery_status": .object(["type": "string", "enum": ["pending", "sent", "failed", "unknown"]]),
        "idempotency_key": .object(["type": nullable("string")]),
        "message_id": .object(["type": nullable("string"), "description": "Provider id of the sent message when known."]),
        "thread_id": .object(["type": nullable("string")]),
        "internet_message_id": .object(["type": nullable("string")]),
        "replayed": .object(["type": "boolean", "description": "True when this answer repeats an earlier send with the same idempotency key."]),
    ], required: ["send_id", "delivery_status"], additional: true)
}
