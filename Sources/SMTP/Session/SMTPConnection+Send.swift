import NIOCore

/// What the server said when it accepted a message.
public struct SMTPSendResult: Hashable, Sendable {
    /// The reply to the final `.`, e.g. `250 2.0.0 Ok: queued as 4B2C1F7A75`.
    public let reply: SMTPReply
    /// How many recipients the message was submitted for.
    public let recipientCount: Int
}

extension SMTPConnection {
    /// Submits one message: `MAIL FROM`, one `RCPT TO` per recipient, `DATA`, the dot-stuffed message, `.`.
    ///
    /// - Recipients are all-or-nothing: if the server refuses any of them, the transaction is reset, nothing is
    ///   sent, and ``SMTPError/Code/recipientRejected`` names every refused index (in `recipients`' order).
    /// - The size is checked against the server's `SIZE` first (``SMTPError/Code/messageTooLarge``);
    ///   `BODY=8BITMIME` and `SMTPUTF8` are declared when the message or addresses need them, and the send
    ///   fails with ``SMTPError/Code/unsupported`` if the server lacks them.
    /// - Once the final `.` has been written, a lost connection or a timeout before the reply throws
    ///   ``SMTPError/Code/deliveryUnknown``: the server may have accepted the message. Never resend blindly.
    ///
    /// - Parameters:
    ///   - sender: the envelope sender (`MAIL FROM`); `nil` sends the null path `<>`.
    ///   - recipients: envelope recipients (To, Cc and Bcc together).
    ///   - message: the RFC 5322 message, CRLF line endings preferred (bare LF is converted).
    public func send(from sender: String?, recipients: [String], message: [UInt8]) async throws -> SMTPSendResult {
        let reversePath = try sender.map { try SMTPPath($0) }
        let paths = try Self.forwardPaths(recipients)
        let parameters = try mailParameters(sender: reversePath, recipients: paths, message: message)

        let mailReply = try await transport.exchange(
            .mailFrom(reversePath, parameters), within: options.timeouts.mailFrom)
        guard mailReply.isPositiveCompletion else { throw Self.rejection("MAIL", mailReply) }
        try await addRecipients(paths)

        let dataReply = try await transport.exchange(.data, within: options.timeouts.dataInitiation)
        guard dataReply.code == 354 else { throw Self.rejection("DATA", dataReply) }
        let final = try await writeMessage(message)
        guard final.isPositiveCompletion else { throw Self.rejection("DATA", final) }
        return SMTPSendResult(reply: final, recipientCount: paths.count)
    }

    private static func forwardPaths(_ recipients: [String]) throws -> [SMTPPath] {
        guard !recipients.isEmpty else { throw SMTPError.invalidArgument("no recipients") }
        return try recipients.enumerated().map { index, address in
            do {
                return try SMTPPath(address)
            } catch var error as SMTPError {
                error.recipientIndices = [index]
                throw error
            }
        }
    }

    /// SIZE, BODY and SMTPUTF8 for this message, checking what the server offers.
    private func mailParameters(sender: SMTPPath?, recipients: [SMTPPath], message: [UInt8]) throws -> MailParameters {
        if let limit = capabilities.maximumMessageSize, message.count > limit {
            throw SMTPError(.messageTooLarge, hint: "\(message.count) octets; the server accepts at most \(limit)",
                            command: "MAIL")
        }
        let requirements = MessageRequirements(message: message)
        let needsUTF8 = requirements.hasEightBitHeaders || (sender?.needsSMTPUTF8 ?? false)
            || recipients.contains(where: \.needsSMTPUTF8)
        if needsUTF8 && !capabilities.supportsSMTPUTF8 {
            throw SMTPError(.unsupported, hint: "non-ASCII addresses or headers need SMTPUTF8, which the server lacks",
                            command: "MAIL")
        }
        if requirements.hasEightBitData && !capabilities.supportsEightBitMIME {
            throw SMTPError(.unsupported, hint: "8-bit message data needs 8BITMIME, which the server lacks",
                            command: "MAIL")
        }
        return MailParameters(
            size: capabilities.supports("SIZE") ? message.count : nil,
            body: requirements.hasEightBitData ? .eightBitMIME : nil,
            smtpUTF8: needsUTF8)
    }

    /// One RCPT per recipient; if any is refused, RSET and throw naming all refused indices.
    private func addRecipients(_ paths: [SMTPPath]) async throws {
        var refused: [Int] = []
        var firstRefusal: SMTPReply?
        for (index, path) in paths.enumerated() {
            let reply = try await transport.exchange(.rcptTo(path), within: options.timeouts.rcptTo)
            if !reply.isPositiveCompletion {
                refused.append(index)
                firstRefusal = firstRefusal ?? reply
            }
        }
        guard let firstRefusal else { return }
        try? await reset()
        var error = SMTPError(.recipientRejected, command: "RCPT", reply: firstRefusal)
        error.recipientIndices = refused
        throw error
    }

    /// Streams the message in chunks, then the terminating dot, and reads the final reply.
    ///
    /// Failures before the dot leave nothing delivered; failures after it are ``SMTPError/Code/deliveryUnknown``.
    private func writeMessage(_ message: [UInt8]) async throws -> SMTPReply {
        var encoder = SMTPDataEncoder()
        let chunkSize = options.dataChunkSize
        var offset = 0
        while offset < message.count {
            let end = min(offset + chunkSize, message.count)
            var buffer = transport.channel.allocator.buffer(capacity: end - offset + 64)
            encoder.encode(message[offset..<end], into: &buffer)
            try await transport.withTimeout(options.timeouts.dataBlock, step: "DATA") {
                try await self.transport.writeBuffer(buffer)
                // The writer hands writes to the event loop without waiting and suspends only once the loop
                // reported the channel unwritable; waiting for the loop here keeps a fast encoder from
                // queueing the whole message in front of it.
                try await self.transport.channel.eventLoop.submit {}.get()
            }
            offset = end
        }
        var terminator = transport.channel.allocator.buffer(capacity: 8)
        encoder.finish(into: &terminator)
        // Up to here nothing can have ended the data: a known-dead connection is not "unknown".
        try transport.checkUsable()
        logger.trace("C: <\(message.count) octets of message data> .")
        do {
            return try await transport.withTimeout(options.timeouts.dataTermination, step: "DATA") {
                try await self.transport.writeBuffer(terminator)
                return try await self.transport.readReply()
            }
        } catch let error as SMTPError where error.code == .malformedReply {
            throw SMTPError(.deliveryUnknown, hint: "the reply to the final dot did not parse", command: "DATA")
        } catch let error as SMTPError {
            throw SMTPError(.deliveryUnknown, hint: "\(error.code) after the final dot; the server may have "
                            + "accepted the message", command: "DATA")
        } catch {
            throw SMTPError(.deliveryUnknown, hint: "the answer to the final dot was lost", command: "DATA")
        }
    }

    /// A negative reply as the right error: too large, or rejected.
    static func rejection(_ command: String, _ reply: SMTPReply) -> SMTPError {
        if reply.code == 552 || reply.enhancedStatus?.isMessageTooLarge == true {
            return SMTPError(.messageTooLarge, command: command, reply: reply)
        }
        return SMTPError.rejected(command, reply)
    }
}
