import Accounts
import Foundation
import MCP
import MailCore

/// `send_email` (seed): a new email from a connected inbox.
struct SendEmailTool: ToolHandler {
    let name = "send_email"
    let scopes: Set<Scope> = [.sendEmail]

    var definition: Tool {
        Tool(
            name: name, title: "Send email",
            description: """
                Send a new email from a connected inbox: plain-text body, optional HTML (sent as \
                multipart/alternative), CC/BCC, Reply-To and attachments (at most 20, 10 MB in total). Pass an \
                idempotency_key to make retries safe; never retry blindly after provider_error — check \
                get_delivery_status first.
                """,
            inputSchema: Schema.object([
                "inbox_id": Schema.string("UUID of the inbox to send from.", format: "uuid"),
                "to": Schema.stringArray("Recipient email addresses (\"a@example.com\" or \"Name <a@example.com>\"). Max 50.",
                                         maxItems: SendLimits.maximumRecipientsPerField, minItems: 1),
                "subject": Schema.string("Email subject line. Max 998 characters, one line.",
                                         maxLength: SendLimits.maximumSubjectLength),
                "body": Schema.string("Plain-text email body."),
                "cc": Schema.stringArray("CC recipients. Max 50.", maxItems: SendLimits.maximumRecipientsPerField),
                "bcc": Schema.stringArray("BCC recipients (never shown to other recipients). Max 50.",
                                          maxItems: SendLimits.maximumRecipientsPerField),
                "html_body": Schema.string("HTML version of the body (multipart/alternative). Caller is responsible for safe HTML."),
                "reply_to": Schema.string("Reply-To header address.", format: "email", maxLength: 320),
                "attachments": Schema.outgoingAttachments,
                "idempotency_key": Schema.idempotencyKey,
            ], required: ["inbox_id", "to", "subject", "body"]),
            annotations: .init(title: "Send email", readOnlyHint: false, destructiveHint: false,
                               idempotentHint: false, openWorldHint: true),
            outputSchema: Schema.sendResult
        )
    }

    func call(_ arguments: consuming [String: Value], context: ToolContext) async throws -> Value {
        let fingerprint = SendPipeline.fingerprint(arguments)
        let args = try ToolArguments(consume arguments, allowed: [
            "inbox_id", "to", "subject", "body", "cc", "bcc", "html_body", "reply_to", "attachments", "idempotency_key",
        ])
        let inboxID = try args.uuid("inbox_id")
        let max = SendLimits.maximumRecipientsPerField
        let toText = try args.stringArray("to", maxCount: max, required: true)
        let ccText = try args.stringArray("cc", maxCount: max)
        let bccText = try args.stringArray("bcc", maxCount: max)
        let subject = try args.requiredString("subject", maxLength: SendLimits.maximumSubjectLength, allowEmpty: true)
        try OutgoingArguments.singleLine(subject, parameter: "subject")
        let body = try args.requiredString("body", allowEmpty: true)
        let html = try args.optionalString("html_body")
        let replyToText = try args.optionalString("reply_to", maxLength: 320)
        let key = try args.optionalString("idempotency_key", maxLength: SendLimits.maximumIdempotencyKeyLength)
        let attachments = try OutgoingArguments.attachments(args)
        _ = consume args  // releases the attachments' base64 (up to 13 MB), decoded above, before the send
        let to = try OutgoingArguments.addresses(toText, field: "to")
        let cc = try OutgoingArguments.addresses(ccText, field: "cc")
        let bcc = try OutgoingArguments.addresses(bccText, field: "bcc")
        let replyTo = try replyToText.map { try OutgoingArguments.address($0, field: "reply_to") }

        let pipeline = SendPipeline(tool: name, context: context)
        return try await pipeline.run(inboxID: inboxID, idempotencyKey: key, fingerprint: fingerprint) { mailbox in
            guard let from = mailbox.provider.ownAddresses.first else {
                throw MailError(.backendUnavailable, detail: "the inbox has no sending address")
            }
            return OutgoingMessage(from: from, to: to, cc: cc, bcc: bcc, replyTo: replyTo, subject: subject,
                                   textBody: body, htmlBody: html, attachments: attachments)
        }
    }
}
