import Accounts
import Foundation
import MCP

/// `get_delivery_status`: what happened to an earlier send, by `send_id` or `idempotency_key`.
///
/// The seed's retry guidance says "Do not auto-retry send_email on provider_error — the message may have
/// been accepted; check delivery_status first": this is where an agent checks.
struct GetDeliveryStatusTool: ToolHandler {
    let name = "get_delivery_status"
    let scopes: Set<Scope> = [.sendEmail, .readEmail]

    var definition: Tool {
        Tool(
            name: name, title: "Get delivery status",
            description: """
                Look up an earlier send_email or reply_to_email by send_id or idempotency_key (one of them). \
                delivery_status is pending (still being sent), sent, failed (nothing was sent; safe to send \
                again with a new idempotency_key) or unknown (the provider's answer was lost; the message may \
                have been sent — do not resend without checking).
                """,
            inputSchema: Schema.object([
                "send_id": Schema.string("send_id returned by send_email or reply_to_email.", format: "uuid"),
                "idempotency_key": Schema.string("The idempotency_key the send was made with.",
                                                 maxLength: SendLimits.maximumIdempotencyKeyLength, minLength: 1),
            ], required: []),
            annotations: .init(title: "Get delivery status", readOnlyHint: true, destructiveHint: false,
                               idempotentHint: true, openWorldHint: false),
            outputSchema: Schema.object([
                "send_id": .object(["type": "string"]),
                "idempotency_key": .object(["type": Schema.nullable("string")]),
                "delivery_status": .object(["type": "string", "enum": ["pending", "sent", "failed", "unknown"]]),
                "tool": .object(["type": "string"]),
                "inbox_id": .object(["type": "string"]),
                "created_at": .object(["type": "string", "format": "date-time"]),
                "error_code": .object(["type": Schema.nullable("string")]),
                "message_id": .object(["type": Schema.nullable("string")]),
            ], required: ["send_id", "delivery_status"], additional: true)
        )
    }

    func call(_ arguments: [String: Value], context: ToolContext) async throws -> Value {
        let args = try ToolArguments(arguments, allowed: ["send_id", "idempotency_key"])
        let sendID: UUID? = try args.optionalString("send_id").map { text throws(RPCError) in
            guard let id = UUID(uuidString: text) else { throw .invalidParams("'send_id' must be a UUID") }
            return id
        }
        let key = try args.optionalString("idempotency_key", maxLength: SendLimits.maximumIdempotencyKeyLength)
        guard sendID != nil || key != nil else {
            throw RPCError.invalidParams("one of 'send_id' or 'idempotency_key' is required")
        }
        guard let record = try await context.services.sendRecord(sendID: sendID, idempotencyKey: key,
                                                                 caller: context.caller) else {
            throw ToolError(.messageNotFound, "No send with this send_id or idempotency_key exists in this workspace.")
        }
        var messageID: Value = .null
        if case .object(let result)? = record.result, let id = result["message_id"] { messageID = id }
        return .object([
            "send_id": .string(record.sendID.uuidString.lowercased()),
            "idempotency_key": ResultEncoding.optional(record.idempotencyKey),
            "delivery_status": .string(record.deliveryStatus),
            "tool": .string(record.tool),
            "inbox_id": .string(record.inboxID.uuidString.lowercased()),
            "created_at": ResultEncoding.date(record.createdAt),
            "error_code": ResultEncoding.optional(record.errorCode),
            "message_id": messageID,
        ])
    }
}
