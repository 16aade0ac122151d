@testable import Accounts
import Testing

@Suite("Secret tokens")
struct SecretTokenTests {
    @Test("generated tokens are 43 base64url characters and well formed")
    func format() {
        for _ in 0..<200 {
            let token = SecretToken.generate()
            #expect(token.utf8.count == SecretToken.length)
            #expect(SecretToken.isWellFormed(token))
        }
    }

    @Test("tokens do not repeat")
    func uniqueness() {
        let tokens = Set((0..<1_000).map { _ in SecretToken.generate() })
        #expect(tokens.count == 1_000)
    }

    @Test("all 32 bytes of the generator reach the token")
    func usesEveryByte() {
        var zeros = ScriptedGenerator(words: [0])
        #expect(SecretToken.generate(using: &zeros) == String(repeating: "A", count: 43))
        var ones = ScriptedGenerator(words: [.max])
        // 256 one-bits: 42 full sextets (`_`), then 1111 padded with two zero bits (60, `8`).
        #expect(SecretToken.generate(using: &ones) == String(repeating: "_", count: 42) + "8")
    }

    @Test("base64url encoding matches RFC 4648 §10 and uses the URL alphabet", arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func rfcVectors(input: String, expected: String) {
        #expect(SecretToken.base64URL(Array(input.utf8)) == expected)
    }

    @Test("the URL alphabet replaces + and / with - and _")
    func urlAlphabet() {
        #expect(SecretToken.base64URL([0xFB, 0xFF, 0xBF]) == "-_-_")
    }

    @Test("malformed tokens are refused", arguments: [
        "", String(repeating: "A", count: 42), String(repeating: "A", count: 44),
        String(repeating: "A", count: 42) + "+", String(repeating: "A", count: 42) + "/",
        String(repeating: "A", count: 42) + "=", String(repeating: "A", count: 41) + "é",
    ])
    func malformed(token: String) {
        #expect(!SecretToken.isWellFormed(token))
    }

    @Test("hash is lower-case hex SHA-256, the same one API keys use")
    func hash() {
        // SHA-256("abc") from FIPS 180-2 appendix B.1.
        #expect(SecretToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let token = SecretToken.generate()
        #expect(SecretToken.hash(token) == APIKeySecret.hash(token))
        #expect(SecretToken.hash(token) != SecretToken.hash(SecretToken.generate()))
    }
}
