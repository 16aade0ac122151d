import MailCore
import Foundation

/// `users.messages.send` in its three documented shapes: JSON `{raw, threadId}`, media upload
/// (`uploadType=media`, `Content-Type: message/rfc822`) and multipart upload (`uploadType=multipart`,
/// `multipart/related` with JSON metadata then the message). Gmail takes the recipients from the
/// To, Cc and Bcc headers, keeps Bcc in the sender's Sent copy and removes it from delivered copies.
enum GmailSend {
    static func send(_ c: GmailHandlers.Context, _ state: inout StandInState) -> StandInResponse {
        let submission: Result<(raw: [UInt8], threadId: String?), GoogleErrorBody>
        if c.upload {
            submission = uploaded(c, &state)
        } else {
            let raw = c.body?["raw"]?.stringValue.flatMap { Base64URL.decode($0) }
            submission = raw.map { .success(($0, c.body?["threadId"]?.stringValue)) }
                ?? .failure(.invalidArgument("'raw' RFC822 payload message string or uploading message via /upload/* URL required"))
        }
        switch submission {
        case .failure(let error):
            return .google(error)
        case .success(let (raw, threadId)):
            return deliver(raw: raw, threadId: threadId, from: c.user, &state)
        }
    }

    private static func uploaded(
        _ c: GmailHandlers.Context, _ state: inout StandInState
    ) -> Result<(raw: [UInt8], threadId: String?), GoogleErrorBody> {
        let maxSize = c.method.mediaUpload?.maxSize ?? Int.max
        let contentType = c.request.header("content-type") ?? ""
        let accept = c.method.mediaUpload?.accept ?? []
        func accepted(_ type: String) -> Bool {
            accept.contains { pattern in
                pattern.hasSuffix("/*") ? type.lowercased().hasPrefix(pattern.dropLast()) : type.lowercased() == pattern
            }
        }
        if c.request.queryValue("uploadType") == "media" {
            guard accepted(contentType) else {
                state.violations.append("send upload: media Content-Type '\(contentType)' not in \(accept)")
                return .failure(.invalidArgument("Media type '\(contentType)' is not supported."))
            }
            guard c.request.body.count <= maxSize else { return .failure(.payloadTooLarge(limit: maxSize, upload: true)) }
            return .success((c.request.body, nil))
        }
        let (type, parameters) = LitePart.parseParameterized(contentType)
        guard type == "multipart/related", let boundary = parameters["boundary"] else {
            state.violations.append("send upload: multipart upload needs multipart/related with a boundary, got '\(contentType)'")
            return .failure(.invalidArgument("Invalid multipart request"))
        }
        let parts = LitePart.splitMultipart(c.request.body[...], boundary: boundary).map(LitePart.splitHeader)
        guard parts.count == 2 else {
            state.violations.append("send upload: multipart/related must have metadata and media parts, got \(parts.count)")
            return .failure(.invalidArgument("Invalid multipart request"))
        }
        let metadataType = LitePart.firstValue("Content-Type", in: LitePart.parseHeaders(parts[0].0)) ?? ""
        guard metadataType.lowercased().hasPrefix("application/json"), let metadata = JSONValue.parse(parts[0].1) else {
            state.violations.append("send upload: first part must be application/json metadata")
            return .failure(.invalidArgument("Invalid multipart request"))
        }
        let metadataViolations = c.validator.validateBody(metadata, method: c.method, requireAnnotated: false)
        let mediaType = LitePart.firstValue("Content-Type", in: LitePart.parseHeaders(parts[1].0)) ?? ""
        guard metadataViolations.isEmpty, accepted(mediaType) else {
            state.violations += metadataViolations.isEmpty ? ["send upload: media part type '\(mediaType)' not in \(accept)"] : metadataViolations
            return .failure(.invalidArgument(metadataViolations.first ?? "Media type '\(mediaType)' is not supported."))
        }
        let raw = Array(parts[1].1)
        guard raw.count <= maxSize else { return .failure(.payloadTooLarge(limit: maxSize, upload: true)) }
        return .success((raw, metadata["threadId"]?.stringValue))
    }

    private static func deliver(raw: [UInt8], threadId: String?, from user: String, _ state: inout StandInState) -> StandInResponse {
        let parsed = LitePart(raw[...])
        let recipients = ["To", "Cc", "Bcc"].flatMap { name in
            parsed.headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.flatMap { AddressesLite.parse($0.value) }
        }
        guard !recipients.isEmpty else { return .google(.invalidArgument("Recipient address required")) }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let toSelf = recipients.contains(user)
        let sent = state.store(
            raw: raw, in: user, labelIds: toSelf ? ["SENT", "INBOX", "UNREAD"] : ["SENT"], internalDate: now,
            requestedThread: threadId
        )
        let delivered = withoutBcc(raw)
        var seen: Set<String> = [user]
        for recipient in recipients where seen.insert(recipient).inserted {
            _ = state.store(raw: delivered, in: recipient, labelIds: ["INBOX", "UNREAD"], internalDate: now, requestedThread: nil)
        }
        return .json(MessageRenderer.reference(sent))
    }

    /// The message with every `Bcc` field (and its continuation lines) removed from the header.
    static func withoutBcc(_ raw: [UInt8]) -> [UInt8] {
        let (header, body) = LitePart.splitHeader(raw[...])
        var kept: [ArraySlice<UInt8>] = []
        var skipping = false
        for line in LitePart.lines(header) {
            if let first = line.first, first == 32 || first == 9 {
                if !skipping { kept.append(line) }
                continue
            }
            skipping = String(decoding: line.prefix(4), as: UTF8.self).lowercased() == "bcc:"
            if !skipping { kept.append(line) }
        }
        // `header` ends just before the first LF of the blank-line break ("…\r" for CRLF messages).
        let blankLine: [UInt8] = header.last == 13 ? [13, 10] : [10]
        return Array(kept.joined(separator: [10])) + [10] + blankLine + body
    }
}
