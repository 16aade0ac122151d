import Foundation
import MCP
import MailCore

/// The one path every send takes: idempotency ledger → daily quota → provider → ledger.
///
/// - A repeat with the same idempotency key returns the first answer and sends nothing.
/// - A send refused before reaching the provider (quota, original message gone) leaves no ledger record,
///   so its key can be used again; one that reached the provider is recorded as `sent`, `failed` or
///   `unknown` (answer lost after the message was handed over — never resent automatically).
struct SendPipeline {
    let tool: String
    let context: ToolContext

    func run(inboxID: UUID, idempotencyKey: String?, fingerprint: String,
             compose: (ResolvedMailbox) async throws -> OutgoingMessage) async throws -> Value {
        let caller = context.caller
        let services = context.services
        let mailbox = try await context.mailbox(inboxID)
        let sendID: UUID
        switch try await services.beginSend(caller, inboxID: inboxID, tool: tool,
                                            idempotencyKey: idempotencyKey, fingerprint: fingerprint) {
        case .replay(let record): return try replay(record)
        case .proceed(let id): sendID = id
        }

        let message: OutgoingMessage
        let release: @Sendable () async -> Void
        do {
            message = try await compose(mailbox)
            switch try await services.reserveSend(caller) {
            case .granted(let giveBack): release = giveBack
            case .refused(let retryAfter):
                throw ToolError(.quotaExceeded,
                    "The workspace's daily send quota is used up; it resets at 00:00 UTC.", retryAfter: retryAfter)
            }
        } catch {
            await services.abandonSend(sendID, caller: caller)
            throw error
        }

        do {
            let receipt = try await mailbox.provider.send(message)
            let result = Self.result(sendID: sendID, status: "sent", key: idempotencyKey, receipt: receipt)
            await services.finishSend(sendID, caller: caller, status: "sent",
                                      providerMessageID: receipt.providerMessageID, result: result, errorCode: nil)
            return result
        } catch {
            let delivery = (error as? MailError)?.code == .deliveryUnknown ? "unknown" : "failed"
            if delivery == "failed" { await release() }
            var mapped = ErrorMapping.map(error)
            if case .toolError(var toolError) = mapped {
                toolError.details["send_id"] = .string(sendID.uuidString.lowercased())
                toolError.details["delivery_status"] = .string(delivery)
                mapped = .toolError(toolError)
            }
            let code: String = switch mapped {
            case .toolError(let e): e.code.rawValue
            case .protocolError(let e): "rpc:\(e.code)"
            }
            await services.finishSend(sendID, caller: caller, status: delivery, providerMessageID: nil,
                                      result: nil, errorCode: code)
            switch mapped {
            case .toolError(let e): throw e
            case .protocolError(let e): throw e
            }
        }
    }

    /// Answers a repeated idempotency key from the ledger.
    private func replay(_ record: SendRecordView) throws -> Value {
        if case .object(var result)? = record.result {
            result["replayed"] = true
            return .object(result)
        }
        let id = Value.string(record.sendID.uuidString.lowercased())
        switch record.deliveryStatus {
        case "failed", "unknown":
            let code = record.errorCode.flatMap(ToolError.Code.init(rawValue:)) ?? .providerError
            throw ToolError(code,
                "An earlier send with this idempotency_key ended as '\(record.deliveryStatus)'; it is not repeated. Use a new idempotency_key to send again\(record.deliveryStatus == "unknown" ? " only after checking with the recipient" : "").",
                details: ["send_id": id, "delivery_status": .string(record.deliveryStatus), "replayed": true])
        default:
            return .object(["send_id": id, "delivery_status": .string(record.deliveryStatus),
                            "idempotency_key": ResultEncoding.optional(record.idempotencyKey), "replayed": true])
        }
    }

    static func result(sendID: UUID, status: String, key: String?, receipt: SendReceipt) -> Value {
        .object([
            "send_id": .string(sendID.uuidString.lowercased()),
            "delivery_status": .string(status),
            "idempotency_key": ResultEncoding.optional(key),
            "message_id": ResultEncoding.optional(receipt.providerMessageID),
            "thread_id": ResultEncoding.optional(receipt.threadID),
            "internet_message_id": ResultEncoding.optional(receipt.internetMessageID),
            "replayed": false,
        ])
    }

    /// A stable digest of a send's arguments, so a reused key with different content can be told apart
    /// (``ArgumentFingerprint``: hashed in place, never written out as JSON first).
    static func fingerprint(_ arguments: [String: Value]) -> String {
        ArgumentFingerprint.digest(arguments.filter { $0.key != "idempotency_key" })
    }
}
