import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A minimal browser for route tests: keeps cookies like a browser (Set-Cookie in, Cookie out, Max-Age=0
/// deletes), never follows redirects (tests look at each one), and reads CSRF tokens out of forms.
final class DashboardBrowser: @unchecked Sendable {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    struct Page {
        let status: Int
        let headers: HTTPHeaders
        let body: String
        var location: String? { headers.first(name: "location") }
        var setCookies: [String] { headers["set-cookie"] }
        /// The first `csrf_token` hidden field of the page.
        var csrfToken: String? { hiddenField("csrf_token") }
        /// The value of the first hidden field named `name`.
        func hiddenField(_ name: String) -> String? {
            guard let range = body.range(of: #"name="\#(name)" value=""#) else { return nil }
            let rest = body[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    let baseURL: String
    private let lock = NSLock()
    private var jar: [String: String] = [:]

    init(baseURL: String) { self.baseURL = baseURL }

    var cookies: [String: String] { lock.withLock { jar } }
    func setCookie(_ name: String, _ value: String?) { lock.withLock { jar[name] = value } }

    func get(_ path: String) async throws -> Page {
        try await send(path, method: .GET, body: nil)
    }

    /// Posts a urlencoded form. `csrf: true` adds the `csrf_token` of `from` (or of a fresh GET of the page).
    func post(_ path: String, _ fields: [(String, String)], headers: [(String, String)] = []) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .POST, body: body, headers: headers)
    }

    private func send(_ path: String, method: HTTPMethod, body: String?, headers: [(String, String)] = []) async throws -> Page {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        if !cookieHeader.isEmpty { request.headers.add(name: "Cookie", value: cookieHeader) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.client.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 8 << 20)
        for header in response.headers["set-cookie"] { absorb(header) }
        return Page(status: Int(response.status.code), headers: response.headers, body: String(buffer: collected))
    }

    private func absorb(_ header: String) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
        let expired = parts.contains { $0.lowercased() == "max-age=0" } || value.isEmpty
        setCookie(name, expired ? nil : value)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    // MARK: flows

    /// Signs up through the form; returns the final response (a redirect on success).
    @discardableResult
    func signUp(_ email: String, password: String, workspace: String = "") async throws -> Page {
        let form = try await get("/signup")
        return try await post("/signup", [("csrf_token", form.csrfToken ?? ""), ("email", email), ("password", password), ("workspace", workspace)])
    }

    @discardableResult
    func signIn(_ email: String, password: String) async throws -> Page {
        let form = try await get("/login")
        return try await post("/login", [("csrf_token", form.csrfToken ?? ""), ("email", email), ("password", password)])
    }

    /// The session's CSRF token, read from a signed-in page.
    func sessionCSRF() async throws -> String {
        try await get("/keys/new").csrfToken ?? ""
    }

    /// Creates an API key through the form (its CSRF and single-use form tokens); returns the creation page.
    func createKey(name: String, scopes: [String] = ["read:email", "send:email"]) async throws -> Page {
        try await post("/keys", Self.keyForm(try await get("/keys/new"), name: name, scopes: scopes))
    }

    /// The fields a browser submits from the `/keys/new` page `form`.
    static func keyForm(_ form: Page, name: String, scopes: [String] = ["read:email", "send:email"]) -> [(String, String)] {
        [("csrf_token", form.csrfToken ?? ""), ("form_token", form.hiddenField("form_token") ?? ""), ("name", name)]
            + scopes.map { ("scopes", $0) }
    }

    /// The `mcpe_live_…` secret shown on a key's creation page.
    static func secret(in page: Page) -> String? {
        guard let range = page.body.range(of: #"<code id="new-key" class="secret">"#) else { return nil }
        return String(page.body[range.upperBound...].prefix(42))
    }
}
