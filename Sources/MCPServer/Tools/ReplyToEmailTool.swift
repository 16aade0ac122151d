import Accounts
import Foundation
import MCP
import MailCore

/// `reply_to_email` (seed): a reply with In-Reply-To/References set automatically, optionally to all.
struct ReplyToEmailTool: ToolHandler {
    let name = "reply_to_email"
    let scopes: Set<Scope> = [.sendEmail]

    var definition: Tool {
        Tool(
            name: name, title: "Reply to email",
            description: """
                Reply to an existing email. The reply goes to the original's Reply-To (or From); reply_all adds \
                the original To and Cc (your own address excluded). Subject gets one "Re:" and threading headers \
                (In-Reply-To, References) are set so it threads for every recipient. Same attachment limits and \
                idempotency_key behaviour as send_email.
                """,
            inputSchema: Schema.object([
                "inbox_id": Schema.string("UUID of the inbox that contains the original message.", format: "uuid"),
                "message_id": Schema.string("Provider message ID of the email being replied to.",
                                            maxLength: 1_000, minLength: 1),
                "body": Schema.string("Plain-text reply body."),
                "html_body": Schema.string("Optional HTML version of the reply."),
                "reply_all": Schema.boolean("Reply to all original recipients (To + Cc).", default: false),
                "attachments": Schema.outgoingAttachments,
                "idempotency_key": Schema.idempotencyKey,
            ], required: ["inbox_id", "message_id", "body"]),
            annotations: .init(title: "Reply to email", readOnlyHint: false, destructiveHint: false,
                               idempotentHint: false, openWorldHint: true),
            outputSchema: Schema.sendResult
        )
    }

    func call(_ arguments: consuming [String: Value], context: ToolContext) async throws -> Value {
        let fingerprint = SendPipeline.fingerprint(arguments)
        let args = try ToolArguments(consume arguments, allowed: [
            "inbox_id", "message_id", "body", "html_body", "reply_all", "attachments", "idempotency_key",
        ])
        let inboxID = try args.uuid("inbox_id")
        let messageID = try args.requiredString("message_id", maxLength: 1_000)
        let body = try args.requiredString("body", allowEmpty: true)
        let html = try args.optionalString("html_body")
        let replyAll = try args.bool("reply_all", default: false)
        let key = try args.optionalString("idempotency_key", maxLength: SendLimits.maximumIdempotencyKeyLength)
        let attachments = try OutgoingArguments.attachments(args)
        _ = consume args  // releases the attachments' base64 (up to 13 MB), decoded above, before the send

        let pipeline = SendPipeline(tool: name, context: context)
        return try await pipeline.run(inboxID: inboxID, idempotencyKey: key, fingerprint: fingerprint) { mailbox in
            let own = mailbox.provider.ownAddresses
            guard let from = own.first else {
                throw MailError(.backendUnavailable, detail: "the inbox has no sending address")
            }
            let original = try await mailbox.provider.read(messageID: messageID, options: ReadOptions())
            let reply = ReplyComposer.reply(to: original, from: from, ownAddresses: own, replyAll: replyAll,
                                            textBody: body, htmlBody: html, attachments: attachments)
            if reply.to.isEmpty && reply.cc.isEmpty {
                throw ToolError(.invalidRecipient, "The original message has no address to reply to.")
            }
            return reply
        }
    }
}
