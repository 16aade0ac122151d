import IMAP
import NIOCore
import Testing

/// A response-parser fixture: wire input and the outcome it must have (STYLE §5).
///
/// Every fixture is checked twice: all bytes in one chunk, and one byte at a time, so framing
/// across arbitrary packet boundaries is exercised on every input.
struct ParseFixture: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// Exactly these responses, and nothing left buffered.
        case responses([Response])
        /// No complete response yet (and no error): the parser waits for more bytes.
        case incomplete
        /// The parser throws an `IMAPError` with this code.
        case failure(IMAPError.Code)
        /// Complete responses for which the predicate holds, and nothing left buffered.
        case satisfies(@Sendable ([Response]) -> Bool)
    }

    var name: String
    var input: String
    var expected: Expected

    init(_ name: String, _ input: String, _ expected: Expected) {
        self.name = name
        self.input = input
        self.expected = expected
    }

    /// One expected response.
    init(_ name: String, _ input: String, _ response: Response) {
        self.init(name, input, .responses([response]))
    }

    var testDescription: String { name }

    /// Runs the fixture in one chunk and byte by byte.
    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(input.utf8)
        check(chunks: [bytes], mode: "one chunk", sourceLocation: sourceLocation)
        check(chunks: bytes.map { [$0] }, mode: "byte by byte", sourceLocation: sourceLocation)
    }

    private func check(chunks: [[UInt8]], mode: String, sourceLocation: SourceLocation) {
        let outcome = ParseFixture.run(chunks: chunks)
        switch expected {
        case .responses(let responses):
            #expect(outcome.error == nil, "\(mode): unexpected error \(String(describing: outcome.error))", sourceLocation: sourceLocation)
            #expect(outcome.responses == responses, "\(mode)", sourceLocation: sourceLocation)
            #expect(!outcome.leftover, "\(mode): bytes left over", sourceLocation: sourceLocation)
        case .incomplete:
            #expect(outcome.error == nil, "\(mode): unexpected error \(String(describing: outcome.error))", sourceLocation: sourceLocation)
            #expect(outcome.responses.isEmpty, "\(mode)", sourceLocation: sourceLocation)
            #expect(outcome.leftover, "\(mode): expected buffered bytes", sourceLocation: sourceLocation)
        case .failure(let code):
            #expect(outcome.error?.code == code, "\(mode): got \(String(describing: outcome.error))", sourceLocation: sourceLocation)
        case .satisfies(let predicate):
            #expect(outcome.error == nil, "\(mode): unexpected error \(String(describing: outcome.error))", sourceLocation: sourceLocation)
            #expect(predicate(outcome.responses), "\(mode): \(outcome.responses)", sourceLocation: sourceLocation)
            #expect(!outcome.leftover, "\(mode): bytes left over", sourceLocation: sourceLocation)
        }
    }

    struct Outcome {
        var responses: [Response] = []
        var error: IMAPError?
        var leftover = false
    }

    /// Feeds `chunks` to a fresh parser, draining after each; stops at the first error.
    static func run(chunks: [[UInt8]], limits: IMAPLimits = IMAPLimits()) -> Outcome {
        var parser = ResponseParser(limits: limits)
        var outcome = Outcome()
        do {
            for chunk in chunks {
                parser.append(ByteBuffer(bytes: chunk))
                while let response = try parser.next() { outcome.responses.append(response) }
            }
        } catch let error as IMAPError {
            outcome.error = error
        } catch {
            Issue.record("non-IMAPError thrown: \(error)")
        }
        outcome.leftover = parser.hasBufferedBytes
        return outcome
    }

    /// Parses a complete input in one chunk and returns its single response, or records an issue.
    static func single(_ input: String, sourceLocation: SourceLocation = #_sourceLocation) -> Response? {
        let outcome = run(chunks: [Array(input.utf8)])
        #expect(outcome.error == nil, "\(String(describing: outcome.error))", sourceLocation: sourceLocation)
        #expect(outcome.responses.count == 1, sourceLocation: sourceLocation)
        return outcome.responses.first
    }

    /// The FETCH response in a complete single-response input.
    static func fetch(_ input: String, sourceLocation: SourceLocation = #_sourceLocation) -> FetchResponse? {
        guard case .untagged(.fetch(let fetch)) = single(input, sourceLocation: sourceLocation) else {
            Issue.record("not a FETCH response", sourceLocation: sourceLocation)
            return nil
        }
        return fetch
    }
}

/// Shorthands for expected values.
extension Response {
    static func ok(_ tag: String, _ text: String, code: ResponseCode? = nil) -> Response {
        .tagged(TaggedResponse(tag: tag, status: .ok, text: ResponseText(code: code, text: text)))
    }

    static func untaggedOK(_ text: String, code: ResponseCode? = nil) -> Response {
        .untagged(.condition(.ok, ResponseText(code: code, text: text)))
    }
}

extension ByteBuffer {
    /// The readable bytes as a UTF-8 string (tests only).
    var text: String { String(buffer: self) }
}

extension EncodedCommand.Chunk {
    /// The chunk's octets as a UTF-8 string (tests only).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
