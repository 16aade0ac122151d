import Foundation

/// A request as the stand-in's handlers see it, independent of the HTTP server library.
struct StandInRequest: Sendable {
    var method: String
    var path: String
    var query: [(String, String)]
    /// Header fields with lower-cased names.
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0 == name.lowercased() }?.1
    }

    func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    func queryValues(_ name: String) -> [String] { query.filter { $0.0 == name }.map(\.1) }
}

/// What a handler answers.
struct StandInResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// Close the connection instead of answering (fault injection).
    var dropConnection = false
    /// Wait this long before answering (fault injection).
    var delay: Duration?
    /// JSON body kept for `fields` masking before serialization.
    var json: JSONValue?

    static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> StandInResponse {
        StandInResponse(status: status, headers: [("Content-Type", "application/json; charset=UTF-8")] + headers, json: value)
    }

    static func google(_ error: GoogleErrorBody, headers: [(String, String)] = []) -> StandInResponse {
        .json(error.json, status: error.code, headers: headers)
    }

    /// RFC 6749 §5.2 token endpoint error.
    static func oauthError(_ error: String, _ description: String, status: Int = 400) -> StandInResponse {
        .json(["error": .string(error), "error_description": .string(description)], status: status,
              headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    static func redirect(_ location: String) -> StandInResponse {
        StandInResponse(status: 302, headers: [("Location", location), ("Content-Type", "text/html; charset=UTF-8")],
                        body: Array("<html><body>Moved</body></html>".utf8))
    }

    static func page(_ status: Int, _ text: String) -> StandInResponse {
        StandInResponse(status: status, headers: [("Content-Type", "text/html; charset=UTF-8")],
                        body: Array("<html><body><h1>\(HTMLLite.escape(text))</h1></body></html>".utf8))
    }

    /// The serialized body.
    var bytes: [UInt8] { json.map(\.bytes) ?? body }
}

/// `URL + ("?" or "&") + form-encoded parameters`.
func appendQuery(_ base: String, _ items: [(String, String)]) -> String {
    let encoded = items.map { "\(formEscape($0.0))=\(formEscape($0.1))" }.joined(separator: "&")
    return base + (base.contains("?") ? "&" : "?") + encoded
}

func formEscape(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// Parses `a=b&c=d` (form or query) with `+` as space.
func parseForm(_ text: String) -> [(String, String)] {
    text.split(separator: "&").map { item in
        let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decode(_ s: Substring) -> String {
            let spaced = s.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return (decode(pair[0]), pair.count > 1 ? decode(pair[1]) : "")
    }
}
