/// Decides `has_attachments` from Gmail's part tree (types, filenames and part headers, no bodies)
/// with the rules our MIME engine applies when reading (RFC 2046, RFC 2387, RFC 2183), so that
/// `list_inbox` and `read_email` agree: a non-inline part that is not a body text is an attachment.
///
/// - `text/plain` and `text/html` leaves without a filename and not `Content-Disposition: attachment`
///   are bodies; other `text/*` alternatives without a filename are ignored.
/// - Non-root children of `multipart/related` without a disposition are inline resources.
/// - Any other leaf (and `message/rfc822`) is an attachment unless it is inline: disposition
///   `inline`, or no disposition but a `Content-ID`.
enum GmailAttachmentDetector {
    static func hasAttachment(_ part: GmailWire.Part) -> Bool {
        visit(part, inRelatedAsResource: false, inAlternative: false, depth: 0)
    }

    private static func visit(_ part: GmailWire.Part, inRelatedAsResource: Bool, inAlternative: Bool, depth: Int) -> Bool {
        guard depth < 32 else { return false }
        let type = (part.mimeType ?? "text/plain").lowercased()
        let children = part.parts ?? []
        if type.hasPrefix("multipart/") && !children.isEmpty {
            let related = type == "multipart/related"
            let alternative = type == "multipart/alternative"
            return children.enumerated().contains { index, child in
                visit(child, inRelatedAsResource: related && index > 0, inAlternative: alternative, depth: depth + 1)
            }
        }
        let disposition = part.header("Content-Disposition").map(Self.dispositionType)
        let hasFilename = !(part.filename ?? "").isEmpty
        if !type.hasPrefix("message/") {
            if (type == "text/plain" || type == "text/html") && !hasFilename && disposition != "attachment" { return false }
            if inAlternative && type.hasPrefix("text/") && type != "text/calendar" && !hasFilename { return false }
        }
        if inRelatedAsResource && disposition == nil { return false }
        let inline = disposition.map { $0 == "inline" } ?? (part.header("Content-ID") != nil)
        return !inline
    }

    private static func dispositionType(_ value: String) -> String {
        value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}
