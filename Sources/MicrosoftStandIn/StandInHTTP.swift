import Foundation

/// A request as the stand-in's endpoints see it: framework-neutral, body already collected.
struct StandInHTTPRequest: Sendable {
    var method: String
    /// Percent-decoded path segments, e.g. `["v1.0", "me", "messages", "AAMk…="]`.
    var segments: [String]
    var rawPath: String
    /// Percent-decoded query parameters. Repeated names keep the last value.
    var query: [String: String]
    /// Header values keyed by lower-cased name.
    var headers: [String: String]
    var body: [UInt8]

    /// The bearer token of the `Authorization` header.
    var bearerToken: String? {
        guard let value = headers["authorization"], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// The body as a JSON object, or `nil` if it is not one.
    var jsonObject: [String: Any]? {
        guard !body.isEmpty else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// An `application/x-www-form-urlencoded` body (RFC 6749 §4.1.3) as a dictionary.
    var formFields: [String: String] { StandInHTTPRequest.decodeQuery(String(decoding: body, as: UTF8.self), plusIsSpace: true) }

    static func decodeQuery(_ query: String, plusIsSpace: Bool) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let text = plusIsSpace ? s.replacingOccurrences(of: "+", with: " ") : String(s)
                return text.removingPercentEncoding ?? text
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}

/// A response from an endpoint; `dropConnection` closes the connection instead of answering.
struct StandInHTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    var dropConnection = false
    /// Hold the answer back this long after processing (to make a client time out).
    var delay: Duration?

    /// A JSON response.
    static func json(_ status: Int, _ object: [String: Any], headers: [(String, String)] = []) -> StandInHTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return StandInHTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(data))
    }

    /// Graph's error body (`{"error": {"code", "message", "innerError": {…}}}`), see Graph "errors" docs.
    static func graphError(_ status: Int, _ code: String, _ message: String, headers: [(String, String)] = []) -> StandInHTTPResponse {
        let requestID = UUID().uuidString.lowercased()
        let inner: [String: Any] = [
            "date": ISO8601DateFormatter().string(from: Date()), "request-id": requestID, "client-request-id": requestID,
        ]
        return json(status, ["error": ["code": code, "message": message, "innerError": inner]],
                    headers: headers + [("request-id", requestID)])
    }

    /// The identity platform's token error (`error`, `error_description` starting with the AADSTS code, …).
    static func identityError(_ status: Int, _ error: String, aadsts: Int, _ message: String) -> StandInHTTPResponse {
        let trace = UUID().uuidString.lowercased()
        let now = ISO8601DateFormatter().string(from: Date())
        let description = "AADSTS\(aadsts): \(message)\r\nTrace ID: \(trace)\r\nCorrelation ID: \(trace)\r\nTimestamp: \(now)"
        return json(status, [
            "error": error, "error_description": description, "error_codes": [aadsts], "timestamp": now,
            "trace_id": trace, "correlation_id": trace,
        ])
    }

    /// A 302 redirect.
    static func redirect(_ location: String) -> StandInHTTPResponse {
        StandInHTTPResponse(status: 302, headers: [("Location", location)])
    }
}

/// Formats dates as Graph does (`2024-05-01T10:00:00Z`).
enum GraphDate {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
