import NIOCore

extension IMAPConnection {
    /// `CAPABILITY` (RFC 3501 §6.1.1): re-reads the server's capabilities.
    @discardableResult
    public func refreshCapabilities() async throws -> Set<Capability> {
        let result = try await run(.capability)
        for case .capability(let list) in result.untagged { capabilities = Set(list) }
        return capabilities
    }

    /// `NOOP` (RFC 3501 §6.1.2): keeps the connection alive and collects pending updates
    /// (EXISTS/EXPUNGE), which are applied to ``selectedMailbox``.
    public func noop() async throws {
        _ = try await run(.noop)
    }

    /// `LOGOUT` (RFC 3501 §6.1.3), then closes the connection. Never throws: a connection that is
    /// already gone is simply closed.
    public func logout() async {
        if !isClosed { _ = try? await execute(.logout, timeout: .seconds(5)) }
        await close()
    }

    /// `LOGIN user password` (RFC 3501 §6.2.3). Arguments are redacted in traces.
    /// - Throws: ``IMAPError/Code/authenticationFailed`` with the server's response code and text.
    public func login(username: String, password: String) async throws {
        try await authenticate(with: .login(username: username, password: password))
    }

    /// `AUTHENTICATE PLAIN` (RFC 4616), with SASL-IR when the server offers it (RFC 4959).
    public func authenticatePlain(username: String, password: String, authorizationIdentity: String = "") async throws {
        let response = Array(authorizationIdentity.utf8) + [0] + Array(username.utf8) + [0] + Array(password.utf8)
        try await authenticate(with: .authenticate(mechanism: "PLAIN", initialResponse: response))
    }

    /// `AUTHENTICATE XOAUTH2` (Google/Microsoft OAuth 2.0 for IMAP) with a bearer `accessToken`.
    /// On failure the server's error challenge is answered with an empty response, as required.
    public func authenticateXOAUTH2(user: String, accessToken: String) async throws {
        let response = Array("user=\(user)\u{1}auth=Bearer \(accessToken)\u{1}\u{1}".utf8)
        try await authenticate(with: .authenticate(mechanism: "XOAUTH2", initialResponse: response))
    }

    private func authenticate(with command: Command) async throws {
        let result = try await execute(command)
        guard result.tagged.status == .ok else {
            var error = IMAPError.rejected(command.name, result.tagged)
            error.code = result.tagged.status == .no ? .authenticationFailed : .commandRejected
            throw error
        }
        isAuthenticated = true
        // Servers usually send the new capabilities with the OK (or as untagged data, already
        // observed); ask only when they did not.
        let sentCapabilities = result.untagged.contains { if case .capability = $0 { return true } else { return false } }
        if case .capability(let list)? = result.tagged.text.code {
            capabilities = Set(list)
        } else if !sentCapabilities {
            try await refreshCapabilities()
        }
    }

    /// `ENABLE` (RFC 5161); returns what the server enabled. Enabling `UTF8=ACCEPT` switches mailbox
    /// names and strings on this connection to raw UTF-8.
    @discardableResult
    public func enable(_ extensions: [Capability]) async throws -> Set<Capability> {
        guard capabilities.contains(.enable) else { throw IMAPError(.unsupported, hint: "server does not support ENABLE") }
        let result = try await run(.enable(extensions))
        var enabled: Set<Capability> = []
        for case .enabled(let list) in result.untagged { enabled.formUnion(list) }
        return enabled
    }

    /// `ID` (RFC 2971): tells the server who we are; returns what it says about itself.
    @discardableResult
    public func id(_ fields: [IDField]?) async throws -> [IDField]? {
        let result = try await run(.id(fields))
        for case .id(let serverFields) in result.untagged { return serverFields }
        return nil
    }

    /// `LIST reference pattern` (RFC 3501 §6.3.8), with `RETURN (SPECIAL-USE)` when the server
    /// supports it (RFC 6154) so `\Sent`, `\Drafts`, `\Trash`… come back as attributes.
    public func list(reference: String = "", pattern: String = "*") async throws -> [MailboxInfo] {
        let specialUse = capabilities.contains(.specialUse) && capabilities.contains(.listExtended)
        let result = try await run(.list(reference: MailboxName(wireName: reference), pattern: pattern, returnSpecialUse: specialUse))
        return result.untagged.compactMap { if case .list(let info) = $0 { return info } else { return nil } }
    }

    /// `STATUS` (RFC 3501 §6.3.10) of a mailbox that need not be selected.
    public func status(_ mailbox: MailboxName, items: [StatusAttribute] = [.messages, .uidNext, .uidValidity, .unseen]) async throws -> MailboxStatus {
        let result = try await run(.status(mailbox, items))
        for case .status(_, let status) in result.untagged { return status }
        return MailboxStatus()
    }

    /// `CREATE` (RFC 3501 §6.3.3).
    public func create(_ mailbox: MailboxName) async throws {
        _ = try await run(.create(mailbox))
    }
}
