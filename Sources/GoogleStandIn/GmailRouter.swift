import Foundation

/// Routes Gmail API requests: finds the discovery method for the path, validates the request
/// against the document, applies scripted faults, checks the bearer token and its scopes, runs the
/// handler and applies the `fields` mask. Every validation failure is recorded as a violation.
struct GmailRouter: Sendable {
    let document: DiscoveryDocument
    let configuration: GoogleStandInConfiguration
    var validator: DiscoveryValidator { DiscoveryValidator(document: document) }

    func handle(_ request: StandInRequest, _ state: inout StandInState) -> StandInResponse {
        let upload = request.path.hasPrefix("/upload/")
        let relative = String(request.path.drop(while: { $0 == "/" }))
        let lookup = upload
            ? document.uploadMethod(httpMethod: request.method, path: relative)
            : document.method(httpMethod: request.method, path: relative)
        guard let (method, captures) = lookup else {
            state.violations.append("no discovery method for \(request.method) \(request.path)")
            return .google(GoogleErrorBody(code: 404, message: "Not Found", reason: "notFound", status: "NOT_FOUND"))
        }
        state.counts[method.id, default: 0] += 1
        if upload { state.counts[method.id + ".upload", default: 0] += 1 }
        var violations = validator.validateQuery(request.query, method: method, upload: upload)
        violations += validator.validatePath(captures, method: method)
        var body: JSONValue?
        if !upload {
            let (parsed, bodyViolations, tooLarge) = jsonBody(request, method: method)
            if tooLarge { return .google(.payloadTooLarge(limit: configuration.jsonRequestLimit, upload: false)) }
            body = parsed
            violations += bodyViolations
        }
        if let first = violations.first {
            state.violations += violations
            return .google(.invalidArgument(first))
        }
        if let fault = state.faults[method.id]?.first, !fault.isAfterProcessing {
            _ = state.nextFault(method.id)
            return OAuthEndpoints.faultResponse(fault)
        }
        let user: String
        switch authenticate(request, method: method, userId: captures["userId"] ?? "", state: state) {
        case .success(let authenticated): user = authenticated
        case .failure(let failure): return failure.response
        }
        let context = GmailHandlers.Context(
            user: user, captures: captures, request: request, body: body, upload: upload, method: method,
            validator: validator, jsonLimit: configuration.jsonRequestLimit
        )
        var response = GmailHandlers.dispatch(context, &state)
        response = applyFields(request, response, &state)
        if let fault = state.faults[method.id]?.first, fault.isAfterProcessing {
            _ = state.nextFault(method.id)
            if case .delayAnswerAfterProcessing(let milliseconds) = fault {
                response.delay = .milliseconds(milliseconds)
            } else {
                response.dropConnection = true
            }
        }
        return response
    }

    private func jsonBody(_ request: StandInRequest, method: DiscoveryDocument.Method) -> (JSONValue?, [String], Bool) {
        guard method.requestSchema != nil else {
            return (nil, request.body.isEmpty ? [] : ["\(method.id): request body sent to a method without one"], false)
        }
        if request.body.count > configuration.jsonRequestLimit { return (nil, [], true) }
        guard (request.header("content-type") ?? "").lowercased().hasPrefix("application/json") else {
            return (nil, ["\(method.id): request body Content-Type must be application/json"], false)
        }
        guard let json = JSONValue.parse(request.body) else {
            return (nil, ["\(method.id): Invalid JSON payload received."], false)
        }
        return (json, validator.validateBody(json, method: method, requireAnnotated: true), false)
    }

    struct AuthFailure: Error {
        var response: StandInResponse
    }

    private func authenticate(
        _ request: StandInRequest, method: DiscoveryDocument.Method, userId: String, state: StandInState
    ) -> Result<String, AuthFailure> {
        let header = request.header("authorization") ?? ""
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : request.queryValue("access_token")
        guard let token, let grant = state.accessTokens[token], grant.expiresAt > Date() else {
            return .failure(AuthFailure(response: .google(.unauthenticated, headers: [OAuthEndpoints.wwwAuthenticate])))
        }
        guard !Set(grant.scopes).isDisjoint(with: method.scopes) else {
            let challenge = "Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\", "
                + "scope=\"\(method.scopes.joined(separator: " "))\""
            return .failure(AuthFailure(response: .google(.insufficientScopes, headers: [("WWW-Authenticate", challenge)])))
        }
        guard userId == "me" || userId.lowercased() == grant.user else {
            return .failure(AuthFailure(response: .google(.delegationDenied)))
        }
        return .success(grant.user)
    }

    private func applyFields(_ request: StandInRequest, _ response: StandInResponse, _ state: inout StandInState) -> StandInResponse {
        guard let fields = request.queryValue("fields"), (200..<300).contains(response.status), let json = response.json else {
            return response
        }
        guard let mask = FieldMask(fields) else {
            state.violations.append("invalid fields selector '\(fields)'")
            return .google(.invalidArgument("Invalid field selection \(fields)", location: "fields"))
        }
        var masked = response
        masked.json = mask.apply(json)
        return masked
    }
}
