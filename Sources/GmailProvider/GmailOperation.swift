/// Which tool-level operation an API call serves; the error mapping depends on it (a 404 means
/// `message_not_found` only where a message id was named, a lost answer matters only for sends).
enum GmailOperation: String, Sendable {
    case list, search, readMessage, modifyMessage, attachment, labels, profile, send

    /// Calls whose id came from the agent: 404 means the message does not exist.
    var namesMessage: Bool { self == .readMessage || self == .modifyMessage || self == .attachment }
}
