import Foundation

/// All state of one stand-in: the app registration's grants and tokens, one mailbox, upload sessions,
/// injected faults and request records. An actor, so concurrent requests see a consistent mailbox.
public actor MicrosoftStore {
    struct AuthorizationCode {
        var redirectURI: String
        var challenge: String
        var method: String
        var scopes: [String]
        var expires: Date
        var redeemed: Bool
    }

    struct RefreshGrant {
        var scopes: [String]
        var revoked: Bool
    }

    struct UploadState {
        var messageID: String
        var name: String
        var contentType: String
        var isInline: Bool
        var contentID: String?
        var total: Int
        var received: [UInt8]
        var expires: Date
        var authToken: String
    }

    let configuration: StandInConfiguration
    var folders: [StandInFolder]
    var messages: [String: StandInMessage] = [:]
    var codes: [String: AuthorizationCode] = [:]
    var refreshGrants: [String: RefreshGrant] = [:]
    var accessTokens: [String: Date] = [:]
    var uploads: [String: UploadState] = [:]
    var faults: [StandInFault] = []
    var dropAfterProcessing: Set<StandInEndpoint> = []
    var stalls: [StandInEndpoint: Duration] = [:]
    var recorded: [StandInRequest] = []
    /// Whether `/authorize` approves (302 with a code) or denies (302 with `access_denied`).
    var approveConsent = true

    init(configuration: StandInConfiguration) {
        self.configuration = configuration
        self.folders = [
            StandInFolder(displayName: "Inbox", wellKnownName: "inbox"),
            StandInFolder(displayName: "Sent Items", wellKnownName: "sentitems"),
            StandInFolder(displayName: "Drafts", wellKnownName: "drafts"),
            StandInFolder(displayName: "Deleted Items", wellKnownName: "deleteditems"),
            StandInFolder(displayName: "Archive", wellKnownName: "archive"),
            StandInFolder(displayName: "Junk Email", wellKnownName: "junkemail"),
        ]
    }

    // MARK: Mailbox for tests

    /// Stores `message` in the folder named by `folder` (a well-known name, display name or id) and returns it
    /// with its folder id resolved.
    @discardableResult
    public func seed(_ message: StandInMessage, in folder: String = "inbox") -> StandInMessage {
        var stored = message
        stored.folderID = resolveFolder(folder)?.id ?? folder
        messages[stored.id] = stored
        return stored
    }

    /// Adds a folder under `parent` (well-known name, display name or id; `nil` for the top level).
    @discardableResult
    public func addFolder(_ displayName: String, parent: String? = nil) -> StandInFolder {
        let folder = StandInFolder(displayName: displayName, parentID: parent.flatMap { resolveFolder($0)?.id })
        folders.append(folder)
        return folder
    }

    /// Messages in a folder, newest received first.
    public func messages(in folder: String) -> [StandInMessage] {
        guard let id = resolveFolder(folder)?.id else { return [] }
        return messages.values.filter { $0.folderID == id }.sorted { $0.received > $1.received }
    }

    /// One stored message by id.
    public func message(id: String) -> StandInMessage? { messages[id] }

    /// A folder by well-known name, id, or display name (case-insensitive).
    func resolveFolder(_ key: String) -> StandInFolder? {
        let lower = key.lowercased()
        return folders.first { $0.wellKnownName == lower }
            ?? folders.first { $0.id == key }
            ?? folders.first { $0.displayName.lowercased() == lower }
    }

    // MARK: Knobs for tests

    /// The next `count` requests (to `endpoint`, or to any Graph endpoint) answer `status` with an
    /// optional `Retry-After`. 429 and 503 model throttling; 500/502/504 model outages.
    public func failNext(_ count: Int, status: Int, retryAfter: Int? = nil, endpoint: StandInEndpoint? = nil) {
        faults.append(StandInFault(endpoint: endpoint, remaining: count, status: status, retryAfter: retryAfter))
    }

    /// Requests to `endpoint` are carried out, then the connection is closed without an answer.
    public func dropResponses(of endpoint: StandInEndpoint) {
        dropAfterProcessing.insert(endpoint)
    }

    /// Requests to `endpoint` are carried out, then answered only after `delay` (a client with a shorter
    /// timeout gives up after its request was processed).
    public func stallResponses(of endpoint: StandInEndpoint, for delay: Duration) {
        stalls[endpoint] = delay
    }

    /// Every access token issued so far stops working (as if it had expired).
    public func expireAccessTokens() {
        for key in accessTokens.keys { accessTokens[key] = .distantPast }
    }

    /// Every refresh token issued so far is revoked (`invalid_grant`, AADSTS50173).
    public func revokeRefreshTokens() {
        for key in refreshGrants.keys { refreshGrants[key]?.revoked = true }
    }

    /// Whether the consent screen approves or denies.
    public func setConsent(approve: Bool) { approveConsent = approve }

    /// Issues tokens for the signed-in user without the browser flow (for provider tests).
    public func issueTokens(scopes: [String] = ["offline_access", "Mail.ReadWrite", "Mail.Send", "User.Read"])
        -> (accessToken: String, refreshToken: String)
    {
        let access = newAccessToken()
        let refresh = "M.R3_BAY." + StandInID.make(prefix: "rt")
        refreshGrants[refresh] = RefreshGrant(scopes: scopes, revoked: false)
        return (access, refresh)
    }

    /// Requests seen so far, optionally only those to `endpoint`.
    public func requests(to endpoint: StandInEndpoint? = nil) -> [StandInRequest] {
        guard let endpoint else { return recorded }
        return recorded.filter { $0.endpoint == endpoint }
    }

    /// How many requests reached `endpoint`.
    public func count(_ endpoint: StandInEndpoint) -> Int {
        recorded.lazy.filter { $0.endpoint == endpoint }.count
    }

    /// Forgets recorded requests (counters restart at zero).
    public func resetCounters() { recorded.removeAll() }

    // MARK: Internals shared by the endpoints

    func newAccessToken() -> String {
        let token = "EwB4A8l6." + StandInID.make(prefix: "at")
        accessTokens[token] = Date().addingTimeInterval(configuration.accessTokenLifetime)
        return token
    }

    func isValidAccessToken(_ token: String) -> Bool {
        guard let expiry = accessTokens[token] else { return false }
        return expiry > Date()
    }

    func record(_ request: StandInRequest) { recorded.append(request) }

    /// The fault to answer with, consuming one use of it.
    func takeFault(for endpoint: StandInEndpoint) -> StandInFault? {
        guard let index = faults.firstIndex(where: { $0.remaining > 0 && ($0.endpoint == nil || $0.endpoint == endpoint) })
        else { return nil }
        faults[index].remaining -= 1
        let fault = faults[index]
        if fault.remaining == 0 { faults.remove(at: index) }
        return fault
    }

    func shouldDrop(_ endpoint: StandInEndpoint) -> Bool { dropAfterProcessing.contains(endpoint) }
}
