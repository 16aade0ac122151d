import Foundation
import MCP
import MailCore

/// Validation shared by `send_email` and `reply_to_email`: addresses, header values, attachments.
enum OutgoingArguments {
    /// Parses `alice@example.com` or `Alice <alice@example.com>`; a bad address is `invalid_recipient`
    /// (seed: "A recipient address failed RFC 5322 validation"), naming the field but not echoing the value.
    static func address(_ text: String, field: String) throws -> EmailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if hasLineBreakOrNUL(trimmed) {
            throw ToolError(.invalidRecipient, "\(field) contains a line break; addresses must be a single line.")
        }
        var name: String?
        var spec = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let display = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            let unquoted = display.count >= 2 && display.hasPrefix("\"") && display.hasSuffix("\"")
                ? String(display.dropFirst().dropLast()) : display
            name = unquoted.isEmpty ? nil : unquoted
            spec = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        }
        guard AddressValidator.isValid(spec) else {
            throw ToolError(.invalidRecipient, "\(field) is not a valid email address (RFC 5322 addr-spec).")
        }
        return EmailAddress(name: name, address: spec)
    }

    static func addresses(_ list: [String], field: String) throws -> [EmailAddress] {
        try list.enumerated().map { index, text in try address(text, field: "\(field)[\(index)]") }
    }

    /// True when `text` holds CR, LF or NUL (checked on scalars: `"\r\n"` is one `Character`).
    static func hasLineBreakOrNUL(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    /// Header values must be one line: CR or LF would let a caller inject headers.
    static func singleLine(_ value: String, parameter: String) throws(RPCError) {
        if hasLineBreakOrNUL(value) {
            throw .invalidParams("'\(parameter)' must not contain CR, LF or NUL characters")
        }
    }

    /// Decodes and checks `attachments` (seed: at most 20 items, 10 MB in total).
    static func attachments(_ args: ToolArguments) throws -> [OutgoingAttachment] {
        let items = try args.objectArray("attachments", maxCount: SendLimits.maximumAttachments)
        var result: [OutgoingAttachment] = []
        var total = 0
        for (index, item) in items.enumerated() {
            let field = "attachments[\(index)]"
            let fields = try ToolArguments(item, allowed: ["filename", "mime_type", "data"])
            let filename = try fields.requiredString("filename", maxLength: 255)
            try singleLine(filename, parameter: "\(field).filename")
            let mimeType = try fields.requiredString("mime_type", maxLength: 255)
            guard isMIMEType(mimeType) else {
                throw RPCError.invalidParams("'\(field).mime_type' must look like type/subtype, e.g. application/pdf")
            }
            guard let data = AttachmentData.decode(try fields.requiredString("data", allowEmpty: true)) else {
                throw RPCError.invalidParams("'\(field).data' is not valid base64")
            }
            total += data.count
            if total > SendLimits.maximumAttachmentBytes {
                throw ToolError(.attachmentTooLarge,
                    "Attachments total more than 10 MB (decoded); the limit is \(SendLimits.maximumAttachmentBytes) bytes.")
            }
            result.append(OutgoingAttachment(filename: filename, mimeType: mimeType.lowercased(), data: data))
        }
        return result
    }

    /// RFC 2045 §5.1 `type "/" subtype`, tokens only.
    static func isMIMEType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let tspecials = Set("()<>@,;:\\\"/[]?= ")
        return parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
                && !part.contains(where: { tspecials.contains($0) })
        }
    }
}
