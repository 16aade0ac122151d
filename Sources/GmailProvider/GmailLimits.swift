import NIOCore

/// Tunables of the Gmail backend, with the documented limits they follow.
public struct GmailLimits: Sendable, Hashable {
    /// Parallel `messages.get` calls when fetching summaries for one page (bounded so one
    /// `list_inbox` of 100 stays well inside Gmail's per-user concurrent-request limit).
    public var summaryConcurrency: Int
    /// Largest raw message sent with a JSON `messages.send` body. Google rejects simple JSON requests
    /// over 5 MiB ("Request payload size exceeds the limit: 5242880 bytes"), and base64url grows the
    /// message by 4/3, so messages above 3.5 MiB go to the upload endpoint
    /// (`/upload/gmail/v1/users/me/messages/send?uploadType=multipart`, up to 35 MB per the discovery
    /// document's `mediaUpload.maxSize`).
    public var simpleSendMaximumBytes: Int
    /// Largest upload accepted by `messages.send` (`mediaUpload.maxSize` = 36700160).
    public var uploadMaximumBytes: Int
    /// `maxResults` ceiling of `messages.list` (documented maximum 500).
    public var listPageMaximum: Int
    /// Largest JSON answer read (a `format=raw` message of 35 MB is ~47 MB of base64url).
    public var maximumResponseBytes: Int
    /// Timeout of one API call.
    public var requestTimeout: TimeAmount
    /// Timeout of one `messages.send` (uploads of several MB).
    public var sendTimeout: TimeAmount
    /// `retryAfter` reported when Gmail throttles without saying how long to wait.
    public var defaultRetryAfterSeconds: Int

    public init(
        summaryConcurrency: Int = 10, simpleSendMaximumBytes: Int = 3_670_016, uploadMaximumBytes: Int = 36_700_160,
        listPageMaximum: Int = 500, maximumResponseBytes: Int = 64 * 1024 * 1024,
        requestTimeout: TimeAmount = .seconds(60), sendTimeout: TimeAmount = .seconds(180),
        defaultRetryAfterSeconds: Int = 30
    ) {
        self.summaryConcurrency = summaryConcurrency
        self.simpleSendMaximumBytes = simpleSendMaximumBytes
        self.uploadMaximumBytes = uploadMaximumBytes
        self.listPageMaximum = listPageMaximum
        self.maximumResponseBytes = maximumResponseBytes
        self.requestTimeout = requestTimeout
        self.sendTimeout = sendTimeout
        self.defaultRetryAfterSeconds = defaultRetryAfterSeconds
    }
}
