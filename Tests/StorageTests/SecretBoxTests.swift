import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Secret box and master key")
struct SecretBoxTests {
    static let keyBase64 = Data(repeating: 7, count: 32).base64EncodedString()

    @Test("seal and open round-trip; every sealing is different")
    func roundTrip() throws {
        let box = try SecretBox.loadOrCreate(masterKeyBase64: Self.keyBase64, keyFilePath: nil)
        let plaintext = Array("app password".utf8)
        let first = try box.seal(plaintext, context: "inbox:1")
        let second = try box.seal(plaintext, context: "inbox:1")
        #expect(first != second)
        #expect(try box.open(first, context: "inbox:1") == plaintext)
        #expect(try box.open(second, context: "inbox:1") == plaintext)
        #expect(try box.open(try box.seal([], context: "c"), context: "c") == [])
        let bytes = try #require(Data(base64Encoded: first))
        #expect(bytes.first == 1)
        #expect(bytes.count == 1 + 12 + plaintext.count + 16)
    }

    @Test("a wrong context, a wrong key or tampering fails to open")
    func failures() throws {
        let box = try SecretBox.loadOrCreate(masterKeyBase64: Self.keyBase64, keyFilePath: nil)
        let sealed = try box.seal(Array("token".utf8), context: "inbox:1")
        #expect(throws: StorageError.self) { try box.open(sealed, context: "inbox:2") }
        #expect(throws: StorageError.self) { try SecretBox.random().open(sealed, context: "inbox:1") }
        var bytes = try #require(Data(base64Encoded: sealed))
        bytes[bytes.count - 1] ^= 1
        #expect(throws: StorageError.self) { try box.open(bytes.base64EncodedString(), context: "inbox:1") }
        bytes[bytes.count - 1] ^= 1
        bytes[0] = 2
        #expect(throws: StorageError.self) { try box.open(bytes.base64EncodedString(), context: "inbox:1") }
        #expect(throws: StorageError.self) { try box.open("not base64!", context: "inbox:1") }
    }

    @Test("MCPEMAILS_MASTER_KEY must be base64 of exactly 32 bytes", arguments: [
        "", "not base64", Data(repeating: 1, count: 31).base64EncodedString(), Data(repeating: 1, count: 33).base64EncodedString(),
    ])
    func invalidKey(text: String) {
        #expect(throws: StorageError.self) { try SecretBox.loadOrCreate(masterKeyBase64: text, keyFilePath: nil) }
    }

    @Test("the key file is created once with mode 0600 and reused")
    func keyFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcpemails-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mcpemails.masterkey").path

        let first = try SecretBox.loadOrCreate(masterKeyBase64: nil, keyFilePath: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let sealed = try first.seal(Array("x".utf8), context: "c")
        let second = try SecretBox.loadOrCreate(masterKeyBase64: nil, keyFilePath: path)
        #expect(try second.open(sealed, context: "c") == Array("x".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["mcpemails.masterkey"])

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: StorageError(.keyFileTooOpen, detail: path)) {
            try SecretBox.loadOrCreate(masterKeyBase64: nil, keyFilePath: path)
        }
    }

    @Test("concurrent first starts agree on one key file")
    func concurrentKeyFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcpemails-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("k.masterkey").path
        let boxes = try await concurrently(8) { _ in try SecretBox.loadOrCreate(masterKeyBase64: nil, keyFilePath: path) }
        let sealed = try boxes[0].seal([1, 2, 3], context: "c")
        for box in boxes { #expect(try box.open(sealed, context: "c") == [1, 2, 3]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["k.masterkey"])
    }

    @Test("opening a database with another master key fails at start-up", arguments: Engine.allCases)
    func wrongKeyAtStartup(engine: Engine) async throws {
        try await StorageFixture.with(engine) { fixture in
            let scratch = try fixture.scratchDirectory()
            let keyFile = scratch.appendingPathComponent("k.masterkey").path
            let stores = try await Stores.open(
                databaseURL: fixture.url, masterKeyBase64: nil, keyFilePath: keyFile, logger: StorageFixture.logger)
            await stores.shutdown()
            let again = try await Stores.open(
                databaseURL: fixture.url, masterKeyBase64: nil, keyFilePath: keyFile, logger: StorageFixture.logger)
            await again.shutdown()
            let otherKey = Data(repeating: 9, count: 32).base64EncodedString()
            await #expect(throws: StorageError.self) {
                let wrong = try await Stores.open(
                    databaseURL: fixture.url, masterKeyBase64: otherKey, logger: StorageFixture.logger)
                await wrong.shutdown()
            }
            if engine == .postgres { try? FileManager.default.removeItem(at: scratch) }
        }
    }
}
