import Hummingbird

/// Headers on every dashboard response: a Content-Security-Policy that allows only this origin's
/// stylesheet and script (no inline script), no framing, no referrer leaks, no MIME sniffing.
/// Pages that show a secret (a new API key, an invite link, a form with a password) also get
/// `Cache-Control: no-store`; the others `no-cache, private`.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; frame-ancestors 'none'"

    /// Adds the headers to `headers`.
    static func apply(to headers: inout HTTPFields, noStore: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.init("x-frame-options")!] = "DENY"
        headers[.init("x-content-type-options")!] = "nosniff"
        headers[.init("referrer-policy")!] = "same-origin"
        headers[.init("cross-origin-opener-policy")!] = "same-origin"
        headers[.cacheControl] = noStore ? "no-store" : "no-cache, private"
    }
}
