import Foundation

/// The pre-authenticated `uploadUrl` of an attachment upload session: sequential `PUT`s with
/// `Content-Range: bytes {start}-{end}/{total}` and no `Authorization` header; `DELETE` cancels.
/// The last chunk answers 201 with a `Location` naming the new attachment.
extension MicrosoftStore {
    func uploadChunk(_ request: StandInHTTPRequest, sessionID: String) -> StandInHTTPResponse {
        guard var session = uploads[sessionID], request.query["authtoken"] == session.authToken, session.expires > Date() else {
            return .graphError(404, "uploadSessionNotFound", "Upload session not found.")
        }
        guard request.headers["authorization"] == nil else {
            return .graphError(401, "InvalidAuthenticationToken", "Do not send an Authorization header to a pre-authenticated upload URL.")
        }
        if request.method == "DELETE" {
            uploads.removeValue(forKey: sessionID)
            return StandInHTTPResponse(status: 204)
        }
        guard request.method == "PUT" else { return .graphError(405, "MethodNotAllowed", "Use PUT to upload a byte range.") }
        guard let range = Self.contentRange(request.headers["content-range"]), range.total == session.total else {
            return .graphError(400, "invalidRange", "The Content-Range header is missing or invalid.")
        }
        guard range.start == session.received.count else {
            return .graphError(416, "fragmentOutOfOrder", "Uploaded fragment is out of order; next expected byte is \(session.received.count).")
        }
        let length = range.end - range.start + 1
        guard range.end >= range.start, range.end < range.total, length == request.body.count else {
            return .graphError(400, "fragmentLengthMismatch", "Declared range does not match the uploaded byte count.")
        }
        guard length <= configuration.maxRequestBytes else {
            return .graphError(413, "maxFragmentLengthExceeded", "Fragments must be 4 MB or less.")
        }
        let isLast = range.end == range.total - 1
        guard isLast || length % Self.chunkGranularity == 0 else {
            return .graphError(400, "invalidRange", "Fragments other than the last must be a multiple of 320 KiB.")
        }
        session.received += request.body
        guard isLast else {
            uploads[sessionID] = session
            return .json(200, ["expirationDateTime": GraphDate.string(session.expires), "nextExpectedRanges": ["\(session.received.count)"]])
        }
        uploads.removeValue(forKey: sessionID)
        let attachment = StandInAttachment(
            name: session.name, contentType: session.contentType, isInline: session.isInline,
            contentID: session.contentID, bytes: session.received
        )
        messages[session.messageID]?.attachments.append(attachment)
        let location = "http://\(request.headers["host"] ?? "127.0.0.1")/v1.0/me/messages('\(session.messageID)')/attachments('\(attachment.id)')"
        return StandInHTTPResponse(status: 201, headers: [("Location", location), ("Content-Length", "0")])
    }

    /// `bytes {start}-{end}/{total}`.
    static func contentRange(_ header: String?) -> (start: Int, end: Int, total: Int)? {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let parts = header.dropFirst(6).split(separator: "/")
        guard parts.count == 2, let total = Int(parts[1]) else { return nil }
        let bounds = parts[0].split(separator: "-")
        guard bounds.count == 2, let start = Int(bounds[0]), let end = Int(bounds[1]) else { return nil }
        return (start, end, total)
    }
}
