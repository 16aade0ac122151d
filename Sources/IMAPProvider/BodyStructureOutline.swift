import IMAP

/// What `list_inbox` needs from a `BODYSTRUCTURE` (RFC 3501 §7.4.2): which part to take the snippet
/// from and whether the message has attachments.
///
/// The rules mirror the MIME engine's body selection (`MIME.BodyCollector`) so summaries agree with
/// `read_email`:
/// - a body text is a `text/plain` or `text/html` leaf that is not `Content-Disposition: attachment` and
///   has no file name;
/// - in `multipart/related` only the root (first part) can be body text, the others are inline resources;
/// - an attachment is any other leaf (including `message/rfc822`) unless it is inline (disposition
///   `inline`, or no disposition and a `Content-ID`) — inline resources do not count.
struct BodyStructureOutline: Hashable, Sendable {
    /// A body text leaf: its section path (`[1, 2]` is `BODY[1.2]`) and part description.
    struct TextPart: Hashable, Sendable {
        var section: [Int]
        var part: BodyStructure.SinglePart
        var isHTML: Bool { part.subtype == "html" }
    }

    /// Body text leaves in message order.
    private(set) var textParts: [TextPart] = []
    /// Whether any non-inline attachment exists.
    private(set) var hasAttachments = false

    init(_ structure: BodyStructure) {
        visit(structure, path: [], inRelatedNonRoot: false, inAlternative: false)
    }

    /// The part the snippet comes from: the first plain text, else the first HTML.
    var snippetPart: TextPart? {
        textParts.first { !$0.isHTML } ?? textParts.first
    }

    private mutating func visit(_ structure: BodyStructure, path: [Int], inRelatedNonRoot: Bool, inAlternative: Bool) {
        switch structure {
        case .multipart(let multipart):
            for (index, child) in multipart.parts.enumerated() {
                let nonRoot = multipart.subtype == "related" && index > 0
                visit(child, path: path + [index + 1], inRelatedNonRoot: nonRoot, inAlternative: multipart.subtype == "alternative")
            }
        case .singlePart(let part):
            let section = path.isEmpty ? [1] : path
            if Self.isBodyText(part), !inRelatedNonRoot {
                textParts.append(TextPart(section: section, part: part))
            } else if inAlternative, part.type == "text", part.subtype != "calendar", Self.filename(part) == nil {
                return  // text/enriched and similar alternatives are neither body nor attachment
            } else if !Self.isInline(part, inRelatedNonRoot: inRelatedNonRoot) {
                hasAttachments = true
            }
        }
    }

    static func isBodyText(_ part: BodyStructure.SinglePart) -> Bool {
        guard part.type == "text", part.subtype == "plain" || part.subtype == "html" else { return false }
        if part.extension.disposition?.kind == "attachment" { return false }
        return filename(part) == nil
    }

    /// Inline as `MIME.BodyCollector` decides: disposition `inline`; without a disposition, a `Content-ID`
    /// or a non-root part of `multipart/related`.
    static func isInline(_ part: BodyStructure.SinglePart, inRelatedNonRoot: Bool) -> Bool {
        if let disposition = part.extension.disposition { return disposition.kind == "inline" }
        return part.fields.id != nil || inRelatedNonRoot
    }

    /// `filename` from the disposition or `name` from the content type (RFC 2231 forms included).
    static func filename(_ part: BodyStructure.SinglePart) -> String? {
        let dispositionParameters = part.extension.disposition?.parameters ?? []
        let candidates = dispositionParameters + part.fields.parameters
        return candidates.first { ["filename", "filename*", "name", "name*"].contains($0.name) || $0.name.hasPrefix("filename*") }?.value
    }
}
