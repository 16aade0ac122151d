import Foundation
import TestSupport

/// Reads a test user's INBOX over IMAPS with Python's `imaplib` (the IMAP client target is built separately,
/// so SMTP tests do not depend on it).
enum MailboxProbe {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let script = """
        import base64, imaplib, json, ssl, sys, time
        host, port, ca, user, password, expected, timeout = sys.argv[1:8]
        context = ssl.create_default_context(cafile=ca)
        deadline = time.monotonic() + float(timeout)
        while True:
            imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=context)
            imap.login(user, password)
            count = int(imap.select("INBOX", readonly=True)[1][0])
            if count >= int(expected) or time.monotonic() > deadline:
                messages = []
                for number in range(1, count + 1):
                    data = imap.fetch(str(number), "(BODY.PEEK[])")[1]
                    messages.append(base64.b64encode(data[0][1]).decode())
                imap.logout()
                print(json.dumps(messages))
                break
            imap.logout()
            time.sleep(0.1)
        """

    /// The raw messages in `user`'s INBOX, polling (bounded by `timeout`) until at least `expected` arrived.
    /// Returns what is there when the time runs out, so callers compare the count themselves.
    static func inbox(
        of user: String, on server: MailTestServer, expected: Int, timeout: Double = 15
    ) async throws -> [[UInt8]] {
        let output = try await run([
            "python3", "-c", script, server.host, String(server.imapsPort), server.tlsCAPath, user,
            server.password, String(expected), String(timeout),
        ])
        guard let encoded = try JSONSerialization.jsonObject(with: output) as? [String] else {
            throw Failure(description: "probe printed no JSON list")
        }
        return try encoded.map { text in
            guard let data = Data(base64Encoded: text) else { throw Failure(description: "probe printed bad base64") }
            return [UInt8](data)
        }
    }

    /// Runs a command and returns its standard output; fails on a non-zero exit.
    private static func run(_ arguments: [String]) async throws -> Data {
        let result = try await ChildProcess.run("/usr/bin/env", arguments, timeout: .seconds(60))
        guard result.status == 0 else {
            throw Failure(description: "IMAP probe failed (\(result.status)): \(result.errorText)")
        }
        return result.standardOutput
    }
}
