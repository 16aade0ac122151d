import NIOCore

/// Incremental IMAP response parser: feed it bytes as they arrive, take complete responses out.
///
/// Framing happens first (``ResponseFramer``): a response is handed to the grammar only once all
/// its lines and literals are buffered, so callers never see "need more bytes" — ``next()`` just
/// returns `nil`. Malformed input and exceeded ``IMAPLimits`` throw ``IMAPError``; after an error the
/// parser keeps throwing it, because the stream can no longer be trusted.
///
/// ```swift
/// var parser = ResponseParser()
/// parser.append(ByteBuffer(string: "* 3 EXISTS\r\na1 OK done\r\n"))
/// while let response = try parser.next() { … }   // .untagged(.exists(3)), .tagged(…)
/// ```
public struct ResponseParser: Sendable {
    private var framer: ResponseFramer
    private var failure: IMAPError?
    /// The limits in force.
    public let limits: IMAPLimits

    /// Creates a parser with the given limits.
    public init(limits: IMAPLimits = IMAPLimits()) {
        self.limits = limits
        self.framer = ResponseFramer(limits: limits)
    }

    /// Adds bytes received from the server.
    public mutating func append(_ bytes: ByteBuffer) {
        framer.append(bytes)
    }

    /// Adds bytes received from the server.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        framer.append(ByteBuffer(bytes: Array(bytes)))
    }

    /// Whether bytes are buffered that do not yet form a complete response.
    public var hasBufferedBytes: Bool { framer.hasBufferedBytes }

    /// The next complete response, or `nil` until more bytes arrive.
    /// - Throws: ``IMAPError`` (malformed response or limit exceeded).
    public mutating func next() throws -> Response? {
        if let failure { throw failure }
        do {
            guard let frame = try framer.nextFrame() else { return nil }
            return try ResponseParser.parse(frame: frame, limits: limits)
        } catch let error as IMAPError {
            failure = error
            throw error
        }
    }

    /// Parses one complete response frame.
    static func parse(frame: ByteBuffer, limits: IMAPLimits) throws -> Response {
        var cursor = ParseCursor(frame: frame, limits: limits)
        do {
            let response = try parseResponse(&cursor)
            try cursor.expectLineEnd()
            return response
        } catch let error as IMAPError {
            throw error
        } catch {
            throw cursor.failure("unexpected parser failure")
        }
    }

    // response = continue-req / response-data / response-tagged
    static func parseResponse(_ cursor: inout ParseCursor) throws -> Response {
        switch cursor.peek() {
        case UInt8(ascii: "+"):
            return .continuation(try parseContinueReq(&cursor))
        case UInt8(ascii: "*"):
            cursor.advance()
            try cursor.expectSpace()
            return .untagged(try parseResponseData(&cursor))
        default:
            return .tagged(try parseResponseTagged(&cursor))
        }
    }

    // continue-req = "+" SP (resp-text / base64) CRLF
    static func parseContinueReq(_ cursor: inout ParseCursor) throws -> ContinuationRequest {
        try cursor.expect(UInt8(ascii: "+"), "expected '+'")
        cursor.skipSpaces()
        return ContinuationRequest(text: try parseRespText(&cursor))
    }

    // response-tagged = tag SP resp-cond-state CRLF
    // resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
    static func parseResponseTagged(_ cursor: inout ParseCursor) throws -> TaggedResponse {
        let tag = try parseTag(&cursor)
        try cursor.expectSpace()
        let keyword = asciiUppercased(try cursor.parseAtom())
        guard let status = TaggedResponse.Status(rawValue: keyword) else {
            throw cursor.failure("expected OK, NO or BAD after the tag")
        }
        cursor.skipSpaces()
        return TaggedResponse(tag: tag, status: status, text: try parseRespText(&cursor))
    }

    // tag = 1*<any ASTRING-CHAR except "+">
    static func parseTag(_ cursor: inout ParseCursor) throws -> String {
        let tag = try cursor.parseAtom(allowBracket: true)
        guard !tag.contains("+") else { throw cursor.failure("tag contains '+'") }
        return tag
    }

    // resp-text = ["[" resp-text-code "]" SP] text
    static func parseRespText(_ cursor: inout ParseCursor) throws -> ResponseText {
        var code: ResponseCode?
        if cursor.peek() == UInt8(ascii: "[") {
            let saved = cursor.mark
            cursor.advance()
            if let parsed = try? parseRespTextCode(&cursor), cursor.consume(UInt8(ascii: "]")) {
                code = parsed
                cursor.skipSpaces()
            } else {
                // Not a well-formed code (e.g. text that merely starts with '['): keep it as text.
                cursor.restore(saved)
            }
        }
        let text = ParseCursor.text(cursor.parseRestOfLine())
        return ResponseText(code: code, text: text)
    }
}
