/// Builds the `MIMEEntity` tree of a message: header framing, then multipart framing, recursively,
/// within `MIMELimits` (depth, part count). Never fails: what cannot be framed stays a leaf.
struct EntityParser {
    let limits: MIMELimits
    private(set) var partCount = 0

    init(limits: MIMELimits) {
        self.limits = limits
    }

    /// Parses a message (the top level or an embedded `message/rfc822`) whose parts are numbered
    /// under `base` ("" at the top).
    mutating func parseMessage(_ bytes: ArraySlice<UInt8>, base: String, depth: Int) -> MIMEEntity {
        parseEntity(bytes, path: base, isMessageRoot: true, fallback: .textPlain, depth: depth)
    }

    private static func child(_ base: String, _ index: Int) -> String {
        base.isEmpty ? "\(index)" : "\(base).\(index)"
    }

    private mutating func parseEntity(
        _ bytes: ArraySlice<UInt8>, path: String, isMessageRoot: Bool, fallback: ContentType, depth: Int
    ) -> MIMEEntity {
        partCount += 1
        let (headerBytes, body) = HeaderParser.split(bytes)
        let headers = HeaderParser.parse(headerBytes, limits: limits)
        var contentType = ContentType(headerValue: headers["Content-Type"], fallback: fallback)
        let disposition = headers["Content-Disposition"].map { ContentDisposition(headerValue: $0) }
        var entity = MIMEEntity(
            headers: headers, contentType: contentType,
            transferEncoding: TransferEncoding(headerValue: headers["Content-Transfer-Encoding"]),
            disposition: disposition, body: body, children: [], partPath: path)
        let canDescend = depth < limits.maximumDepth && partCount < limits.maximumPartCount
        if contentType.isMultipart {
            if canDescend, let children = parseMultipart(entity, path: path, depth: depth) {
                entity.children = children
                return entity
            }
            // Unframeable multipart: show its body as text rather than lose it.
            contentType = ContentType(type: "text", subtype: "plain", parameters: contentType.charset.map { ["charset": $0] } ?? [:])
            entity.contentType = contentType
        }
        if isMessageRoot && !contentType.isMultipart {
            entity.partPath = Self.child(path, 1)
        }
        if contentType.isEmbeddedMessage && canDescend {
            let inner = entity.transferEncoding == .base64 || entity.transferEncoding == .quotedPrintable
                ? ArraySlice(entity.decodedBody) : body
            entity.children = [parseMessage(inner, base: entity.partPath, depth: depth + 1)]
        }
        return entity
    }

    /// The parts of a multipart, or `nil` when no delimiter frames any part.
    private mutating func parseMultipart(_ entity: MIMEEntity, path: String, depth: Int) -> [MIMEEntity]? {
        let declared = entity.contentType.boundary.flatMap { $0.isEmpty ? nil : $0 }
        guard let boundary = declared ?? MultipartFramer.guessBoundary(entity.body) else { return nil }
        let remaining = max(0, limits.maximumPartCount - partCount)
        let framed = MultipartFramer.split(entity.body, boundary: boundary, maximumParts: remaining)
        guard !framed.parts.isEmpty else { return nil }
        let fallback: ContentType = entity.contentType.subtype == "digest" ? .messageRFC822 : .textPlain
        var children: [MIMEEntity] = []
        for (index, part) in framed.parts.enumerated() {
            guard partCount < limits.maximumPartCount else { break }
            children.append(parseEntity(part, path: Self.child(path, index + 1), isMessageRoot: false,
                                        fallback: fallback, depth: depth + 1))
        }
        return children
    }
}
