@testable import App
import Foundation
import Testing

/// `MCPEMAILS_TRUSTED_PROXIES`: the client address behind reverse proxies, and never from a header an
/// untrusted peer wrote.
@Suite("Trusted proxies and client addresses")
struct TrustedProxyTests {
    @Test("addresses and CIDR blocks parse and match; malformed ones are refused")
    func ranges() throws {
        let block = try #require(IPAddressRange("10.0.0.0/8"))
        #expect(block.contains("10.200.3.4") && !block.contains("11.0.0.1") && !block.contains("not an address"))
        let single = try #require(IPAddressRange("192.0.2.7"))
        #expect(single.contains("192.0.2.7") && !single.contains("192.0.2.8"))
        #expect(single.contains("::ffff:192.0.2.7"), "IPv4-mapped IPv6 peer")
        let v6 = try #require(IPAddressRange("fd00::/8"))
        #expect(v6.contains("fd12:3456::1") && !v6.contains("fe80::1") && !v6.contains("10.0.0.1"))
        #expect(try #require(IPAddressRange("::1")).contains("::1"))
        #expect(try #require(IPAddressRange("0.0.0.0/0")).contains("203.0.113.9"))
        #expect(try #require(IPAddressRange("172.16.0.0/12")).contains("172.31.255.255"))
        #expect(!(try #require(IPAddressRange("172.16.0.0/12")).contains("172.32.0.0")))
        for bad in ["", "10.0.0.0/33", "10.0.0/8", "fd00::/129", "10.0.0.1/", "/8", "example.com", "10.0.0.0/8/8", "10.0.0.0/-1"] {
            #expect(IPAddressRange(bad) == nil, "\(bad)")
        }
    }

    @Test("the client is the rightmost forwarded address that is not a trusted proxy")
    func forwardedClient() throws {
        let trusted = [try #require(IPAddressRange("10.0.0.0/8")), try #require(IPAddressRange("127.0.0.1"))]
        func client(_ peer: String, _ header: [String]) -> String {
            ForwardedClient.address(peer: peer, forwardedFor: header, trusted: trusted)
        }
        #expect(client("203.0.113.5", ["198.51.100.1"]) == "203.0.113.5", "an untrusted peer's header is ignored")
        #expect(client("127.0.0.1", ["198.51.100.1"]) == "198.51.100.1")
        #expect(client("127.0.0.1", ["6.6.6.6, 198.51.100.1, 10.1.2.3"]) == "198.51.100.1", "spoofed left entries ignored")
        #expect(client("127.0.0.1", ["6.6.6.6", "198.51.100.1, 10.1.2.3"]) == "198.51.100.1", "several header lines")
        #expect(client("127.0.0.1", ["10.9.9.9, 10.1.2.3"]) == "10.9.9.9", "only proxies: the farthest one")
        #expect(client("127.0.0.1", []) == "127.0.0.1")
        #expect(client("127.0.0.1", ["garbage, 10.1.2.3"]) == "10.1.2.3", "malformed: the last trusted hop's view")
        #expect(client("127.0.0.1", ["2001:db8::5"]) == "2001:db8::5")
        #expect(ForwardedClient.address(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"], trusted: []) == "127.0.0.1")
    }

    @Test("MCPEMAILS_TRUSTED_PROXIES is read, and a bad entry is an error naming it")
    func configuration() throws {
        let config = try AppConfiguration.fromEnvironment(["MCPEMAILS_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8,::1"])
        #expect(config.trustedProxies.count == 3)
        #expect(AppConfiguration().trustedProxies.isEmpty)
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(["MCPEMAILS_TRUSTED_PROXIES": "10.0.0.0/8,proxy.local"]) }
    }

    @Test("behind a trusted proxy the sign-in backoff counts each forwarded client; without one the header is ignored")
    func backoffPerForwardedClient() async throws {
        for trusting in [true, false] {
            try await withServer(.sqlite, configure: { if trusting { $0.trustedProxies = [IPAddressRange("127.0.0.1")!] } }) { server in
                func signIn(_ email: String, from client: String) async throws -> Int {
                    let browser = DashboardBrowser(baseURL: server.baseURL)
                    let form = try await browser.get("/login")
                    return try await browser.post("/login", [("csrf_token", form.csrfToken ?? ""), ("email", email),
                                                             ("password", "wrong-password-1")], headers: [("X-Forwarded-For", client)]).status
                }
                for index in 0..<20 {
                    let status = try await signIn("user\(index)@example.com", from: "198.51.100.1")
                    #expect(status == 401)
                }
                let locked = try await signIn("someone@example.com", from: "198.51.100.1")
                #expect(locked == 429)
                let other = try await signIn("someone@example.com", from: "198.51.100.2")
                #expect(other == (trusting ? 401 : 429), "trusting the proxy: \(trusting)")
            }
        }
    }
}
