import NIOCore

/// The pure protocol state of one IMAP connection: greeting, the command in flight, and the
/// session facts that untagged data changes (RFC 3501 §3, §7). No I/O: every input returns the
/// actions the connection must perform (STYLE §4).
///
/// One command runs at a time. Its chunks after the first are released one per continuation
/// request (synchronizing literals, SASL steps); its untagged responses are collected until the
/// tagged completion with its tag arrives.
struct IMAPConnectionStateMachine {
    /// What the connection must do next.
    enum Action: Equatable {
        /// Send these bytes.
        case write(EncodedCommand.Chunk)
        /// The greeting arrived (or the greeting phase failed).
        case greetingReceived(Result<GreetingInfo, IMAPError>)
        /// The command with this tag finished (tagged response and its untagged data) or failed.
        case commandCompleted(tag: String, Result<IMAPCommandResult, IMAPError>)
        /// Close the channel for this reason.
        case close(IMAPError)
    }

    /// The greeting: `OK` or `PREAUTH`, with its text.
    struct GreetingInfo: Equatable {
        var preauthenticated: Bool
        var text: ResponseText
    }

    private struct Running {
        var tag: String
        var name: String
        var pendingChunks: [EncodedCommand.Chunk]
        var untagged: [UntaggedResponse] = []
        var isAuthentication: Bool
        var isLogout: Bool
    }

    private enum State {
        case awaitingGreeting
        case idle
        case running(Running)
        case closed(IMAPError)
    }

    private var state: State
    /// `BYE` text, once the server said goodbye.
    private(set) var bye: ResponseText?

    /// Starts waiting for a greeting, or idle when the greeting was consumed elsewhere (STARTTLS).
    init(expectGreeting: Bool) {
        state = expectGreeting ? .awaitingGreeting : .idle
    }

    /// Whether the connection can no longer be used.
    var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// The reason the connection closed, if it did.
    var closeReason: IMAPError? {
        if case .closed(let error) = state { return error }
        return nil
    }

    /// Begins `command`; returns its first chunk to write, or throws when the connection is unusable.
    mutating func start(_ command: EncodedCommand) throws -> EncodedCommand.Chunk {
        switch state {
        case .closed(let error): throw error
        case .awaitingGreeting, .running: throw IMAPError(.invalidArgument, hint: "another command is in progress")
        case .idle: break
        }
        var chunks = command.chunks
        guard !chunks.isEmpty else { throw IMAPError(.invalidArgument, hint: "empty command") }
        let first = chunks.removeFirst()
        state = .running(Running(tag: command.tag, name: command.name, pendingChunks: chunks,
                                 isAuthentication: command.name == "AUTHENTICATE", isLogout: command.name == "LOGOUT"))
        return first
    }

    /// Handles one response from the server.
    mutating func receive(_ response: Response) -> [Action] {
        switch (state, response) {
        case (.closed, _):
            return []
        case (.awaitingGreeting, .untagged(.condition(let status, let text))):
            return receiveGreeting(status, text)
        case (.awaitingGreeting, _):
            return fail(IMAPError.malformed("expected a greeting"))
        case (_, .untagged(let untagged)):
            return receiveUntagged(untagged)
        case (.running(var running), .continuation):
            if running.pendingChunks.isEmpty {
                // A SASL challenge we have no answer for (e.g. an XOAUTH2 error): send an empty
                // response so the server finishes with a tagged NO (RFC 4422 §3.6, RFC 7628 §3.2.3).
                guard running.isAuthentication else { return fail(IMAPError.malformed("unexpected continuation request")) }
                return [.write(EncodedCommand.Chunk(ByteBuffer(string: "\r\n")))]
            }
            let next = running.pendingChunks.removeFirst()
            state = .running(running)
            return [.write(next)]
        case (.running(let running), .tagged(let tagged)) where tagged.tag == running.tag:
            state = .idle
            return [.commandCompleted(tag: running.tag, .success(IMAPCommandResult(tagged: tagged, untagged: running.untagged)))]
        default:
            return fail(IMAPError.malformed("response does not match the command in progress"))
        }
    }

    private mutating func receiveGreeting(_ status: UntaggedStatus, _ text: ResponseText) -> [Action] {
        switch status {
        case .ok, .preauth:
            state = .idle
            return [.greetingReceived(.success(GreetingInfo(preauthenticated: status == .preauth, text: text)))]
        case .bye:
            bye = text
            return fail(IMAPError.closed("server refused the connection", serverText: text.text))
        case .no, .bad:
            return fail(IMAPError.malformed("greeting was \(status.rawValue)"))
        }
    }

    private mutating func receiveUntagged(_ untagged: UntaggedResponse) -> [Action] {
        if case .condition(.bye, let text) = untagged { bye = text }
        guard case .running(var running) = state else { return [] }
        running.untagged.append(untagged)
        state = .running(running)
        return []
    }

    /// The command with `tag` ran out of time: fail it and close.
    mutating func timedOut(tag: String, after duration: Duration) -> [Action] {
        guard case .running(let running) = state, running.tag == tag else { return [] }
        var error = IMAPError(.timeout, hint: "\(running.name) got no answer within \(duration)")
        error.command = running.name
        return fail(error)
    }

    /// The channel closed (or failed) with `error`.
    mutating func channelClosed(_ error: IMAPError) -> [Action] {
        if case .closed = state { return [] }
        if case .running(let running) = state, running.isLogout, bye != nil {
            // LOGOUT answered with BYE and the server hung up before (or instead of) the tagged OK.
            let ok = TaggedResponse(tag: running.tag, status: .ok, text: bye ?? ResponseText(text: ""))
            state = .closed(error)
            return [.commandCompleted(tag: running.tag, .success(IMAPCommandResult(tagged: ok, untagged: running.untagged)))]
        }
        var reason = error
        if let bye, reason.code == .connectionClosed, reason.serverText == nil { reason.serverText = bye.text }
        return fail(reason, close: false)
    }

    private mutating func fail(_ error: IMAPError, close: Bool = true) -> [Action] {
        let previous = state
        state = .closed(error)
        var actions: [Action] = []
        switch previous {
        case .awaitingGreeting: actions.append(.greetingReceived(.failure(error)))
        case .running(let running):
            var commandError = error
            commandError.command = commandError.command ?? running.name
            actions.append(.commandCompleted(tag: running.tag, .failure(commandError)))
        case .idle, .closed: break
        }
        if close { actions.append(.close(error)) }
        return actions
    }
}

/// What a completed command returned: its tagged completion and the untagged data sent meanwhile.
public struct IMAPCommandResult: Hashable, Sendable {
    /// The tagged `OK`/`NO`/`BAD`.
    public var tagged: TaggedResponse
    /// Untagged responses received while the command ran, in order.
    public var untagged: [UntaggedResponse]

    /// Creates a result.
    public init(tagged: TaggedResponse, untagged: [UntaggedResponse]) {
        self.tagged = tagged
        self.untagged = untagged
    }
}
