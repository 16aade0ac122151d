/// Google's JSON error format for REST APIs, as the Gmail "Resolve errors" guide shows it:
/// `{"error": {"code": 404, "message": "Requested entity was not found.", "errors": [{"message": …,
/// "domain": "global", "reason": "notFound"}], "status": "NOT_FOUND"}}`.
struct GoogleErrorBody: Error, Sendable {
    var code: Int
    var message: String
    var reason: String
    var status: String
    var domain = "global"
    var location: String?
    var locationType: String?

    var json: JSONValue {
        var item: [String: JSONValue] = ["message": .string(message), "domain": .string(domain), "reason": .string(reason)]
        if let location { item["location"] = .string(location) }
        if let locationType { item["locationType"] = .string(locationType) }
        return ["error": [
            "code": .int(Int64(code)), "message": .string(message), "errors": [.object(item)], "status": .string(status),
        ]]
    }

    static func invalidArgument(_ message: String, location: String? = nil) -> GoogleErrorBody {
        GoogleErrorBody(code: 400, message: message, reason: "invalidArgument", status: "INVALID_ARGUMENT",
                        location: location, locationType: location == nil ? nil : "parameter")
    }

    static let unauthenticated = GoogleErrorBody(
        code: 401,
        message: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
            + "other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        reason: "authError", status: "UNAUTHENTICATED", location: "Authorization", locationType: "header"
    )

    static let insufficientScopes = GoogleErrorBody(
        code: 403, message: "Request had insufficient authentication scopes.",
        reason: "insufficientPermissions", status: "PERMISSION_DENIED"
    )

    static let delegationDenied = GoogleErrorBody(
        code: 403, message: "Delegation denied for the requested user.", reason: "forbidden", status: "PERMISSION_DENIED"
    )

    static let notFound = GoogleErrorBody(
        code: 404, message: "Requested entity was not found.", reason: "notFound", status: "NOT_FOUND"
    )

    static func rateLimited403(reason: String) -> GoogleErrorBody {
        GoogleErrorBody(code: 403, message: "Rate Limit Exceeded", reason: reason, status: "PERMISSION_DENIED", domain: "usageLimits")
    }

    static func tooManyRequests(retryAt: String?) -> GoogleErrorBody {
        let message = retryAt.map { "User-rate limit exceeded.  Retry after \($0)" } ?? "Too many concurrent requests for user"
        return GoogleErrorBody(code: 429, message: message, reason: "rateLimitExceeded", status: "RESOURCE_EXHAUSTED", domain: "usageLimits")
    }

    static func server(_ code: Int) -> GoogleErrorBody {
        code == 503
            ? GoogleErrorBody(code: 503, message: "The service is currently unavailable.", reason: "backendError", status: "UNAVAILABLE")
            : GoogleErrorBody(code: code, message: "Internal error encountered.", reason: "backendError", status: "INTERNAL")
    }

    static let notImplemented = GoogleErrorBody(
        code: 501, message: "This method is not implemented by the Google stand-in.", reason: "notImplemented", status: "UNIMPLEMENTED"
    )

    /// JSON requests over the limit get 400; media uploads over `maxSize` get 413.
    static func payloadTooLarge(limit: Int, upload: Bool) -> GoogleErrorBody {
        upload
            ? GoogleErrorBody(code: 413, message: "Request payload size exceeds the limit: \(limit) bytes.",
                              reason: "uploadTooLarge", status: "FAILED_PRECONDITION")
            : GoogleErrorBody(code: 400, message: "Request payload size exceeds the limit: \(limit) bytes.",
                              reason: "badRequest", status: "INVALID_ARGUMENT")
    }
}
