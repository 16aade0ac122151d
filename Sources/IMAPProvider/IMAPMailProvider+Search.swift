import IMAP
import MailCore

extension IMAPMailProvider {
    public func search(_ request: SearchRequest) async throws -> MessagePage {
        throw MailError(.invalidQuery, detail: "not yet")
    }
}
