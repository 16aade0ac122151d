import Foundation

/// Dispatches one request to the identity or Graph endpoint it names, after the checks Graph makes for
/// every request: bearer token, injected faults (throttling, outages) and the request-size limit.
extension MicrosoftStore {
    func handle(_ request: StandInHTTPRequest) -> StandInHTTPResponse {
        let s = request.segments
        if s.count == 4, s[1] == "oauth2", s[2] == "v2.0" {
            let endpoint: StandInEndpoint = s[3] == "token" ? .token : .authorize
            record(request, endpoint)
            if let fault = takeFault(for: endpoint) { return faultResponse(fault) }
            if endpoint == .token, request.method == "POST" { return token(request) }
            if endpoint == .authorize, request.method == "GET" { return authorize(request) }
            return .graphError(405, "MethodNotAllowed", "Method not allowed.")
        }
        if s.count == 3, s[0] == "api", s[1] == "upload" {
            record(request, .uploadChunk)
            if let fault = takeFault(for: .uploadChunk) { return faultResponse(fault) }
            return uploadChunk(request, sessionID: s[2])
        }
        guard s.first == "v1.0", s.count >= 2, s[1] == "me" else {
            return .graphError(400, "BadRequest", "Resource not found for the segment '\(s.dropFirst().first ?? "")'.")
        }
        guard let (endpoint, handler) = route(Array(s.dropFirst(2)), method: request.method) else {
            return .graphError(400, "BadRequest", "Resource not found for the segment '\(s.last ?? "")'.")
        }
        record(request, endpoint)
        guard let token = request.bearerToken, isValidAccessToken(token) else {
            return .graphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.",
                               headers: [("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"invalid_token\"")])
        }
        if let fault = takeFault(for: endpoint) { return faultResponse(fault) }
        if request.method == "POST" || request.method == "PATCH",
           request.headers["content-length"] == nil, request.headers["transfer-encoding"] == nil {
            return .graphError(411, "LengthRequired", "A Content-Length header is required on the request.")
        }
        guard request.body.count <= configuration.maxRequestBytes else {
            return .graphError(413, "ErrorRequestEntityTooLarge", "The request size exceeds the maximum limit.")
        }
        var response = handler(self, request)
        if shouldDrop(endpoint) { response.dropConnection = true }
        response.delay = stalls[endpoint]
        return response
    }

    typealias Handler = (isolated MicrosoftStore, StandInHTTPRequest) -> StandInHTTPResponse

    /// Maps the path after `/v1.0/me` and the method to an endpoint.
    private func route(_ p: [String], method: String) -> (StandInEndpoint, Handler)? {
        switch (method, p.count, p.first) {
        case ("GET", 0, _): return (.me, { s, r in s.me(r) })
        case ("POST", 1, "sendMail"): return (.sendMail, { s, r in s.sendMail(r) })
        case ("GET", 1, "mailFolders"): return (.listMailFolders, { s, r in s.listFolders(r, parent: nil) })
        case ("GET", 2, "mailFolders"): return (.getMailFolder, { s, r in s.getFolder(r, key: p[1]) })
        case ("GET", 3, "mailFolders") where p[2] == "childFolders":
            return (.listChildFolders, { s, r in s.listFolders(r, parent: p[1]) })
        case ("GET", 3, "mailFolders") where p[2] == "messages":
            return (.listMessages, { s, r in s.listMessages(r, folder: p[1]) })
        case ("GET", 1, "messages"): return (.listMessages, { s, r in s.listMessages(r, folder: nil) })
        case ("POST", 1, "messages"): return (.createMessage, { s, r in s.createDraft(r) })
        default: return messageRoute(Array(p.dropFirst()), method: method, isMessages: p.first == "messages")
        }
    }

    /// Routes under `/me/messages/{id}`.
    private func messageRoute(_ p: [String], method: String, isMessages: Bool) -> (StandInEndpoint, Handler)? {
        guard isMessages, let id = p.first else { return nil }
        switch (method, p.count, p.dropFirst().first) {
        case ("GET", 1, _): return (.getMessage, { s, r in s.getMessage(r, id: id) })
        case ("PATCH", 1, _): return (.updateMessage, { s, r in s.updateMessage(r, id: id) })
        case ("DELETE", 1, _): return (.deleteMessage, { s, _ in s.deleteMessage(id: id) })
        case ("POST", 2, "createReply"): return (.createReply, { s, r in s.createReply(r, id: id, all: false) })
        case ("POST", 2, "createReplyAll"): return (.createReplyAll, { s, r in s.createReply(r, id: id, all: true) })
        case ("POST", 2, "send"): return (.sendDraft, { s, _ in s.sendDraft(id: id) })
        case ("GET", 2, "attachments"): return (.listAttachments, { s, r in s.listAttachments(r, messageID: id) })
        case ("POST", 2, "attachments"): return (.addAttachment, { s, r in s.addAttachment(r, messageID: id) })
        case ("POST", 3, "attachments") where p[2] == "createUploadSession":
            return (.createUploadSession, { s, r in s.createUploadSession(r, messageID: id) })
        case ("GET", 3, "attachments"): return (.getAttachment, { s, r in s.getAttachment(r, messageID: id, attachmentID: p[2]) })
        case ("GET", 4, "attachments") where p[3] == "$value":
            return (.getAttachmentValue, { s, _ in s.attachmentValue(messageID: id, attachmentID: p[2]) })
        default: return nil
        }
    }

    private func record(_ request: StandInHTTPRequest, _ endpoint: StandInEndpoint) {
        var headers: [String: String] = [:]
        for name in ["prefer", "consistencylevel", "content-range", "content-type", "content-length"] {
            headers[name] = request.headers[name]
        }
        if request.headers["authorization"] != nil { headers["authorization"] = "present" }
        record(StandInRequest(endpoint: endpoint, method: request.method, path: request.rawPath,
                              query: request.query, headers: headers, bodySize: request.body.count))
    }

    private func faultResponse(_ fault: StandInFault) -> StandInHTTPResponse {
        let retry = fault.retryAfter.map { [("Retry-After", String($0))] } ?? []
        switch fault.status {
        case 429: return .graphError(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", headers: retry)
        case 503: return .graphError(503, "ServiceUnavailable", "Service unavailable, please retry later.", headers: retry)
        case 401: return .graphError(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
        case 403: return .graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        default: return .graphError(fault.status, "UnknownError", "An internal server error occurred.", headers: retry)
        }
    }

    /// `GET /me`: the signed-in user (`mail` may be null for accounts without a mailbox address).
    private func me(_ request: StandInHTTPRequest) -> StandInHTTPResponse {
        .json(200, [
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
            "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "displayName": configuration.userDisplayName,
            "mail": configuration.userMail ?? NSNull(), "userPrincipalName": configuration.userPrincipalName,
        ])
    }
}
