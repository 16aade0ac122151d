import AsyncHTTPClient
import Logging

/// The mail backends this build serves. Each provider target contributes one `MailBackend`; an inbox
/// whose kind has no backend here gets a clear `provider_error` from its tools.
public enum Backends {
    public static func standard(configuration: AppConfiguration, logger: Logger) -> [any MailBackend] {
        let publicURL = configuration.effectivePublicURL
        return [
            IMAPBackend(logger: logger),
            OAuthMailBackend(kind: .gmail, settings: configuration.oauth, publicURL: publicURL, httpClient: .shared, logger: logger),
            OAuthMailBackend(kind: .outlook, settings: configuration.oauth, publicURL: publicURL, httpClient: .shared, logger: logger),
        ]
    }
}
