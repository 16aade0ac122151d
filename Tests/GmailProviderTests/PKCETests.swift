import MailCore
import Foundation
import OAuth
import Testing

@Suite("PKCE (RFC 7636)")
struct PKCETests {
    @Test("Appendix B vector: verifier → S256 challenge")
    func appendixBVector() throws {
        let pkce = try #require(PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(PKCE.method == "S256")
    }

    @Test("generated verifiers have the RFC length and alphabet and differ", arguments: [10, 43, 64, 128, 500])
    func generatedVerifiers(length: Int) {
        let a = PKCE(verifierLength: length)
        let b = PKCE(verifierLength: length)
        #expect(a.verifier.count == min(max(length, 43), 128))
        #expect(PKCE.isValidVerifier(a.verifier))
        #expect(a.verifier != b.verifier)
        #expect(!a.challenge.contains("="))
        #expect(a.challenge.count == 43)
    }

    @Test("verifiers outside §4.1 are rejected", arguments: ["short", String(repeating: "a", count: 129), String(repeating: "a", count: 42) + "+"])
    func invalidVerifiers(verifier: String) {
        #expect(PKCE(verifier: verifier) == nil)
    }

    @Test("base64url round trip without padding")
    func base64url() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
        #expect(Base64URL.decode("-_8=") == [0xfb, 0xff])
        #expect(Base64URL.decode("a") == nil)
        let bytes = (0..<1000).map { UInt8($0 % 256) }
        #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
    }

    @Test("form encoding escapes reserved characters")
    func formEncoding() {
        #expect(FormURLEncoding.encode([("a", "b c"), ("d", "e+f/=")]) == "a=b+c&d=e%2Bf%2F%3D")
        let decoded = FormURLEncoding.decode("a=b+c&d=e%2Bf")
        #expect(decoded.map(\.0) == ["a", "d"])
        #expect(decoded.map(\.1) == ["b c", "e+f"])
    }

    @Test("TokenSet never prints its tokens")
    func tokenSetRedaction() {
        let tokens = TokenSet(accessToken: "ya29.secret", refreshToken: "1//refresh", expiresAt: Date(), scope: "s")
        #expect(!"\(tokens)".contains("secret"))
        #expect(!String(reflecting: tokens).contains("refresh\""))
        #expect(!"\(tokens)".contains("1//refresh"))
    }
}
