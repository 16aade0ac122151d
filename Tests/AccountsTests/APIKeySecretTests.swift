import Accounts
import Testing

@Suite("API key secrets")
struct APIKeySecretTests {
    @Test("generated secrets have the documented shape and are well formed")
    func format() {
        for _ in 0..<200 {
            let secret = APIKeySecret.generate()
            #expect(secret.hasPrefix("mcpe_live_"))
            #expect(secret.utf8.count == 42)
            #expect(APIKeySecret.isWellFormed(secret))
        }
    }

    @Test("secrets do not repeat")
    func uniqueness() {
        let secrets = Set((0..<1_000).map { _ in APIKeySecret.generate() })
        #expect(secrets.count == 1_000)
    }

    @Test("every base62 character occurs about equally often")
    func distribution() {
        var counts: [Character: Int] = [:]
        let samples = 2_000
        for _ in 0..<samples {
            for character in APIKeySecret.generate().dropFirst(10) { counts[character, default: 0] += 1 }
        }
        #expect(counts.count == 62)
        let expected = Double(samples * 32) / 62  // ≈ 1032 per character
        for (character, count) in counts {
            // ±25 % is ~8 standard deviations: a biased generator (e.g. modulo bias favouring the
            // first 8 characters by 1/31) is not caught here, see `rejectionSampling`, but a broken
            // alphabet or a stuck generator is.
            #expect(Double(count) > expected * 0.75 && Double(count) < expected * 1.25, "character \(character): \(count)")
        }
    }

    @Test("bytes at or above 248 are redrawn, not folded (no modulo bias)")
    func rejectionSampling() {
        // A generator yielding only 0xFF bytes first, then 0x3D (61) bytes: every 0xFF must be rejected.
        var rng = ScriptedGenerator(words: [UInt64.max, UInt64.max] + Array(repeating: 0x3D3D_3D3D_3D3D_3D3D, count: 4))
        let secret = APIKeySecret.generate(using: &rng)
        #expect(secret == "mcpe_live_" + String(repeating: "z", count: 32))
    }

    @Test("malformed secrets are recognised", arguments: [
        "", "mcpe_live_", "mcpe_live_AbCd", "mcpe_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456",
        "mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz12345", "mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz1234567",
        "mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz12345!", "mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz12345é",
        " mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456",
    ])
    func malformed(secret: String) {
        #expect(!APIKeySecret.isWellFormed(secret))
    }

    @Test("the seed's example key is well formed")
    func seedExample() {
        #expect(APIKeySecret.isWellFormed("mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456"))
    }

    @Test("hash is lower-case hex SHA-256 of the UTF-8 bytes")
    func hash() {
        // SHA-256("abc") from FIPS 180-2 appendix B.1.
        #expect(APIKeySecret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let secret = APIKeySecret.generate()
        #expect(APIKeySecret.hash(secret).count == 64)
        #expect(APIKeySecret.hash(secret) != APIKeySecret.hash(APIKeySecret.generate()))
    }

    @Test("the display prefix keeps four random characters")
    func displayPrefix() {
        #expect(APIKeySecret.displayPrefix("mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456") == "mcpe_live_AbCd")
    }
}

/// Yields scripted 64-bit words, then repeats the last one.
struct ScriptedGenerator: RandomNumberGenerator {
    var words: [UInt64]
    var index = 0

    mutating func next() -> UInt64 {
        defer { index += 1 }
        return words[min(index, words.count - 1)]
    }
}
