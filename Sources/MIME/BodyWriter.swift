import MailCore

/// Writes the MIME body of an outgoing message into one buffer (see `MessageBuilder`).
struct BodyWriter {
    let message: OutgoingMessage
    let options: BuildOptions
    var output: [UInt8] = []
    private let text: [UInt8]
    private let html: [UInt8]?

    init(message: OutgoingMessage, options: BuildOptions) {
        self.message = message
        self.options = options
        self.text = Self.crlf(message.textBody)
        self.html = message.htmlBody.map(Self.crlf)
    }

    /// Upper bound of the body size, so the output is allocated once.
    var estimatedSize: Int {
        let attachments = message.attachments.reduce(0) { $0 + Base64.encodedLength(of: $1.data.count) + 1024 }
        return 4096 + (text.count + (html?.count ?? 0)) * 13 / 4 + attachments
    }

    mutating func writeRoot() {
        if message.attachments.isEmpty {
            writeContent()
            // Every line of a message ends in CRLF (RFC 5322 §2.1), the last one too.
            if output.count >= 2, output[output.count - 2] != 13 || output[output.count - 1] != 10 { append("\r\n") }
            return
        }
        let boundary = makeBoundary()
        writeMultipartHeader("mixed", boundary)
        openPart(boundary, first: true)
        writeContent()
        for attachment in message.attachments {
            openPart(boundary, first: false)
            writeAttachment(attachment)
        }
        closeMultipart(boundary)
    }

    /// The text, or text and HTML as `multipart/alternative`.
    private mutating func writeContent() {
        guard let html else {
            writeText(text, subtype: "plain")
            return
        }
        let boundary = makeBoundary()
        writeMultipartHeader("alternative", boundary)
        openPart(boundary, first: true)
        writeText(text, subtype: "plain")
        openPart(boundary, first: false)
        writeText(html, subtype: "html")
        closeMultipart(boundary)
    }

    private mutating func writeMultipartHeader(_ subtype: String, _ boundary: String) {
        append("Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"\r\n\r\n")
    }

    /// The delimiter before a part; the CRLF before it belongs to it (RFC 2046 §5.1.1).
    private mutating func openPart(_ boundary: String, first: Bool) {
        append(first ? "--\(boundary)\r\n" : "\r\n--\(boundary)\r\n")
    }

    private mutating func closeMultipart(_ boundary: String) {
        append("\r\n--\(boundary)--\r\n")
    }

    private mutating func writeText(_ bytes: [UInt8], subtype: String) {
        let longLine = Self.longestLine(bytes) > HeaderWriter.maximumLineLength
        let eightBit = bytes.contains { $0 >= 0x80 }
        let controls = bytes.contains(0)
        let encoding: TransferEncoding
        if !eightBit && !longLine && !controls {
            encoding = .sevenBit
        } else if options.allow8bit && !longLine && !controls {
            encoding = .eightBit
        } else {
            encoding = .quotedPrintable
        }
        append("Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: \(encoding.token)\r\n\r\n")
        if encoding == .quotedPrintable { QuotedPrintable.encode(bytes, into: &output) } else { output += bytes }
    }

    private mutating func writeAttachment(_ attachment: OutgoingAttachment) {
        let type = attachment.mimeType.lowercased()
        var header = HeaderWriter()
        header.field("Content-Type", ([type + ";"] + Self.parameters("name", attachment.filename)).joined(separator: " "))
        header.field("Content-Disposition", (["attachment;"] + Self.parameters("filename", attachment.filename)).joined(separator: " "))
        header.field("Content-Transfer-Encoding", "base64")
        output += header.bytes
        append("\r\n")
        attachment.data.withUnsafeBufferPointer { Base64.encode($0, into: &output) }
        // Base64 output ends with CRLF, which the next delimiter would repeat.
        if output.count >= 2, output[output.count - 2] == 13, output[output.count - 1] == 10 { output.removeLast(2) }
    }

    private static func parameters(_ name: String, _ value: String) -> [String] {
        let sections = HeaderWriter.parameter(name, value)
        return sections.enumerated().map { $0.offset < sections.count - 1 ? $0.element + ";" : $0.element }
    }

    private mutating func append(_ string: String) {
        output += Array(string.utf8)
    }

    /// A boundary not occurring in any text body (asks the generator again, then adds a counter).
    private func makeBoundary() -> String {
        for attempt in 0..<16 {
            var boundary = options.boundaryGenerator()
            if attempt > 7 { boundary += "_\(attempt)" + RandomToken.make(length: 8) }
            let valid = !boundary.isEmpty && boundary.utf8.count <= 70
                && boundary.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "\"") }
            if valid && !contains(text, boundary) && !(html.map { contains($0, boundary) } ?? false) { return boundary }
        }
        return BuildOptions.randomBoundary()
    }

    private func contains(_ bytes: [UInt8], _ boundary: String) -> Bool {
        let needle = Array("--\(boundary)".utf8)
        guard bytes.count >= needle.count else { return false }
        return bytes.indices.dropLast(needle.count - 1).contains { bytes[$0] == needle[0] && bytes[$0...].starts(with: needle) }
    }

    /// UTF-8 with every line break (CRLF, LF, CR) written as CRLF.
    static func crlf(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 64)
        var previousCR = false
        for byte in text.utf8 {
            if byte == 10 {
                if !previousCR { bytes += [13, 10] }
                previousCR = false
            } else if byte == 13 {
                bytes += [13, 10]
                previousCR = true
            } else {
                bytes.append(byte)
                previousCR = false
            }
        }
        return bytes
    }

    private static func longestLine(_ bytes: [UInt8]) -> Int {
        var longest = 0
        var current = 0
        for byte in bytes {
            if byte == 10 { longest = max(longest, current - 1); current = 0 } else { current += 1 }
        }
        return max(longest, current)
    }
}
