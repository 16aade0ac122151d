import Logging

/// The mail backends this build serves. Each provider target contributes one `MailBackend`; an inbox
/// whose kind has no backend here gets a clear `provider_error` from its tools.
public enum Backends {
    public static func all(logger: Logger) -> [any MailBackend] {
        []
    }
}
