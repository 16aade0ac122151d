import Foundation

extension SMTPConnection {
    /// Logs in with a user name and password (RFC 4954): `AUTH PLAIN` with an initial response when offered,
    /// otherwise `AUTH LOGIN`.
    ///
    /// - Throws: ``SMTPError/Code/authFailed`` with the server's reply (e.g. `535 5.7.8 Authentication
    ///   credentials invalid`); ``SMTPError/Code/unsupported`` when the server offers neither mechanism
    ///   (often because it wants TLS first); connection errors. The password never appears in errors or traces.
    public func authenticate(username: String, password: String) async throws {
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains(SASLMechanism.plain.name) {
            let initial = try SASLResponse.plain(username: username, password: password)
            try await finishAuth(try await authExchange(.auth(mechanism: .plain, initialResponse: initial)))
        } else if mechanisms.contains(SASLMechanism.login.name) {
            try await authenticateLogin(username: username, password: password)
        } else {
            throw SMTPError(.unsupported, hint: mechanisms.isEmpty
                ? "the server offers no AUTH on this connection"
                : "the server offers neither AUTH PLAIN nor AUTH LOGIN", command: "AUTH")
        }
    }

    /// Logs in with `AUTH LOGIN` only (user name and password answered to two 334 challenges).
    public func authenticateLogin(username: String, password: String) async throws {
        var reply = try await authExchange(.auth(mechanism: .login, initialResponse: nil))
        for answer in [try SASLResponse.login(username), try SASLResponse.login(password)] {
            guard reply.code == 334 else { break }
            reply = try await authExchange(.authResponse(answer))
        }
        try await finishAuth(reply)
    }

    /// Logs in with an OAuth 2.0 access token (`AUTH XOAUTH2`, used by Gmail and Outlook).
    ///
    /// On a bad token the server sends a 334 with a base64 JSON error; we answer with an empty line and
    /// report the final 5xx as ``SMTPError/Code/authFailed``.
    public func authenticateXOAUTH2(user: String, accessToken: String) async throws {
        guard capabilities.authMechanisms.contains(SASLMechanism.xoauth2.name) else {
            throw SMTPError(.unsupported, hint: "the server does not offer AUTH XOAUTH2", command: "AUTH")
        }
        let initial = try SASLResponse.xoauth2(user: user, accessToken: accessToken)
        var reply = try await authExchange(.auth(mechanism: .xoauth2, initialResponse: initial))
        var hint: String?
        if reply.code == 334 {
            hint = Data(base64Encoded: reply.text).map { String(decoding: $0, as: UTF8.self) }
            reply = try await authExchange(.authResponse(.empty))
        }
        try await finishAuth(reply, hint: hint)
    }

    private func authExchange(_ command: SMTPCommand) async throws -> SMTPReply {
        try await transport.exchange(command, within: options.timeouts.command)
    }

    /// 235 means success; a lingering 334 is cancelled; anything else is a refusal.
    private func finishAuth(_ reply: SMTPReply, hint: String? = nil) async throws {
        if reply.code == 235 {
            isAuthenticated = true
            return
        }
        if reply.code == 334 {
            let final = try await authExchange(.authResponse(.cancel))
            throw SMTPError(.authFailed, hint: "unexpected challenge", command: "AUTH", reply: final)
        }
        if reply.code == 504 {
            throw SMTPError(.unsupported, hint: "mechanism not supported", command: "AUTH", reply: reply)
        }
        throw SMTPError(.authFailed, hint: hint, command: "AUTH", reply: reply)
    }
}
