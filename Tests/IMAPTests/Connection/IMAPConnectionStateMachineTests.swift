@testable import IMAP
import NIOCore
import Testing

@Suite("Connection state machine")
struct IMAPConnectionStateMachineTests {
    typealias Machine = IMAPConnectionStateMachine

    static func command(_ command: Command, tag: String = "A1", options: CommandEncoder.Options = .init()) throws -> EncodedCommand {
        try CommandEncoder(options: options).encode(command, tag: tag)
    }

    static func tagged(_ tag: String, _ status: TaggedResponse.Status, _ text: String = "done", code: ResponseCode? = nil) -> Response {
        .tagged(TaggedResponse(tag: tag, status: status, text: ResponseText(code: code, text: text)))
    }

    @Test("greeting OK, PREAUTH and BYE")
    func greeting() {
        var machine = Machine(expectGreeting: true)
        let ok = machine.receive(.untaggedOK("ready", code: .capability(["IMAP4rev1"])))
        #expect(ok == [.greetingReceived(.success(.init(preauthenticated: false, text: ResponseText(code: .capability(["IMAP4rev1"]), text: "ready"))))])

        var preauth = Machine(expectGreeting: true)
        #expect(preauth.receive(.untagged(.condition(.preauth, ResponseText(text: "hi"))))
                == [.greetingReceived(.success(.init(preauthenticated: true, text: ResponseText(text: "hi"))))])

        var bye = Machine(expectGreeting: true)
        let actions = bye.receive(.untagged(.condition(.bye, ResponseText(text: "too many connections"))))
        #expect(actions.count == 2)
        guard case .greetingReceived(.failure(let error)) = actions.first else { Issue.record("no failure"); return }
        #expect(error.code == .connectionClosed)
        #expect(error.serverText == "too many connections")
        #expect(bye.isClosed)
    }

    @Test("a command collects its untagged data until its tagged completion")
    func commandLifecycle() throws {
        var machine = Machine(expectGreeting: false)
        let first = try machine.start(Self.command(.noop))
        #expect(first.text == "A1 NOOP\r\n")
        #expect(machine.receive(.untagged(.exists(3))).isEmpty)
        let done = machine.receive(Self.tagged("A1", .ok))
        let expected = IMAPCommandResult(tagged: TaggedResponse(tag: "A1", status: .ok, text: ResponseText(text: "done")), untagged: [.exists(3)])
        #expect(done == [.commandCompleted(tag: "A1", .success(expected))])
        // Untagged data between commands is not attached to anything.
        #expect(machine.receive(.untagged(.expunge(1))).isEmpty)
        _ = try machine.start(Self.command(.noop, tag: "A2"))
        guard case .commandCompleted(_, .success(let second)) = machine.receive(Self.tagged("A2", .no)).first else {
            Issue.record("no completion"); return
        }
        #expect(second.untagged.isEmpty)
        #expect(second.tagged.status == .no)
    }

    @Test("synchronizing literals: each chunk waits for a continuation request")
    func literals() throws {
        var machine = Machine(expectGreeting: false)
        let command = try Self.command(.login(username: "u\"1", password: "p\"2"))
        #expect(command.chunks.count == 3)
        _ = try machine.start(command)
        #expect(machine.receive(.continuation(ContinuationRequest(text: ResponseText(text: "go")))) == [.write(command.chunks[1])])
        #expect(machine.receive(.continuation(ContinuationRequest(text: ResponseText(text: "go")))) == [.write(command.chunks[2])])
        guard case .commandCompleted(_, .success)? = machine.receive(Self.tagged("A1", .ok)).first else { Issue.record("no completion"); return }
    }

    @Test("a server that rejects a literal instead of continuing completes the command")
    func literalRejected() throws {
        var machine = Machine(expectGreeting: false)
        _ = try machine.start(Self.command(.login(username: "u\"1", password: "p")))
        guard case .commandCompleted(_, .success(let result))? = machine.receive(Self.tagged("A1", .no, "too big")).first else {
            Issue.record("no completion"); return
        }
        #expect(result.tagged.status == .no)
        #expect(!machine.isClosed)
    }

    @Test("an unanswerable SASL challenge gets an empty response; other stray continuations are fatal")
    func continuations() throws {
        var auth = Machine(expectGreeting: false)
        _ = try auth.start(Self.command(.authenticate(mechanism: "XOAUTH2", initialResponse: [1]), options: .init(saslIR: true)))
        #expect(auth.receive(.continuation(ContinuationRequest(text: ResponseText(text: "eyJzdGF0dXMiOiI0MDAifQ==")))) == [.write(EncodedCommand.Chunk(ByteBuffer(string: "\r\n")))])

        var stray = Machine(expectGreeting: false)
        _ = try stray.start(Self.command(.noop))
        let actions = stray.receive(.continuation(ContinuationRequest(text: ResponseText(text: ""))))
        guard case .commandCompleted(_, .failure(let error))? = actions.first else { Issue.record("no failure"); return }
        #expect(error.code == .malformedResponse)
        #expect(actions.last == .close(stray.closeReason ?? IMAPError(.malformedResponse)))
    }

    @Test("a tagged response with a foreign tag is fatal")
    func foreignTag() throws {
        var machine = Machine(expectGreeting: false)
        _ = try machine.start(Self.command(.noop))
        guard case .commandCompleted(_, .failure(let error))? = machine.receive(Self.tagged("B9", .ok)).first else {
            Issue.record("no failure"); return
        }
        #expect(error.code == .malformedResponse)
        #expect(machine.isClosed)
    }

    @Test("one command at a time; nothing after close")
    func exclusivity() throws {
        var machine = Machine(expectGreeting: false)
        _ = try machine.start(Self.command(.noop))
        #expect(throws: IMAPError.self) { try machine.start(Self.command(.noop, tag: "A2")) }
        _ = machine.channelClosed(IMAPError.closed("gone"))
        #expect(throws: IMAPError.self) { try machine.start(Self.command(.noop, tag: "A3")) }
        #expect(machine.receive(Self.tagged("A1", .ok)).isEmpty)
    }

    @Test("timeout fails the command and closes; a late timer for another tag does nothing")
    func timeout() throws {
        var machine = Machine(expectGreeting: false)
        _ = try machine.start(Self.command(.uidFetch([UID(1)], [.uid])))
        #expect(machine.timedOut(tag: "A7", after: .seconds(1)).isEmpty)
        let actions = machine.timedOut(tag: "A1", after: .seconds(1))
        guard case .commandCompleted("A1", .failure(let error))? = actions.first, case .close? = actions.last else {
            Issue.record("unexpected \(actions)"); return
        }
        #expect(error.code == .timeout)
        #expect(error.command == "UID FETCH")
    }

    @Test("a dropped connection fails the command with the BYE text; LOGOUT's BYE then close succeeds")
    func drops() throws {
        var machine = Machine(expectGreeting: false)
        _ = try machine.start(Self.command(.noop))
        _ = machine.receive(.untagged(.condition(.bye, ResponseText(text: "Server shutting down"))))
        guard case .commandCompleted(_, .failure(let error))? = machine.channelClosed(IMAPError.closed("eof")).first else {
            Issue.record("no failure"); return
        }
        #expect(error.code == .connectionClosed)
        #expect(error.serverText == "Server shutting down")

        var logout = Machine(expectGreeting: false)
        _ = try logout.start(Self.command(.logout))
        _ = logout.receive(.untagged(.condition(.bye, ResponseText(text: "Logging out"))))
        guard case .commandCompleted(_, .success)? = logout.channelClosed(IMAPError.closed("eof")).first else {
            Issue.record("logout should succeed"); return
        }
    }
}
