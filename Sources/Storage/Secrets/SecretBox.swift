import Crypto
import Foundation

/// Authenticated encryption of stored secrets (inbox passwords, OAuth tokens, PKCE verifiers)
/// with AES-256-GCM under the master key, so a copy of the database alone reveals nothing.
///
/// Sealed format, stored as base64 text:
///
///     0x01 | nonce (12 bytes, random per value) | ciphertext | tag (16 bytes)
///
/// The first byte is the format version. The associated data binds a value to its owner
/// (`"mcpemails/v1/" + context`, the context being e.g. the inbox id), so a sealed value copied
/// into another row does not open.
public struct SecretBox: Sendable {
    /// Current format version byte.
    static let version: UInt8 = 1
    private let key: SymmetricKey

    /// A box over a 32-byte key.
    public init(key: [UInt8]) throws(StorageError) {
        guard key.count == 32 else { throw StorageError(.invalidMasterKey) }
        self.key = SymmetricKey(data: key)
    }

    /// A box over a fresh random key (for tests).
    public static func random() -> SecretBox {
        SecretBox(symmetricKey: SymmetricKey(size: .bits256))
    }

    private init(symmetricKey: SymmetricKey) {
        self.key = symmetricKey
    }

    /// The box for `MCPEMAILS_MASTER_KEY` when set (base64 of exactly 32 bytes), else for the key
    /// file at `keyFilePath`, created with mode 0600 on first run (see ``MasterKeyFile``).
    public static func loadOrCreate(masterKeyBase64: String?, keyFilePath: String?) throws(StorageError) -> SecretBox {
        if let text = masterKeyBase64?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            return try SecretBox(key: try decodeKey(text))
        }
        guard let keyFilePath else {
            throw StorageError(.invalidMasterKey, detail: "MCPEMAILS_MASTER_KEY is not set and there is no key file")
        }
        return try SecretBox(key: try MasterKeyFile.loadOrCreate(path: keyFilePath))
    }

    /// Decodes base64 text that must carry exactly 32 bytes.
    static func decodeKey(_ text: String) throws(StorageError) -> [UInt8] {
        guard let data = Data(base64Encoded: text), data.count == 32 else { throw StorageError(.invalidMasterKey) }
        return Array(data)
    }

    /// Encrypts `plaintext` for `context`; returns the sealed base64 text.
    public func seal(_ plaintext: [UInt8], context: String) throws(StorageError) -> String {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(), authenticating: Self.aad(context))
            guard let combined = box.combined else { throw StorageError(.decryptionFailed, detail: "nonce size") }
            return (Data([Self.version]) + combined).base64EncodedString()
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.decryptionFailed, detail: "seal failed")
        }
    }

    /// Decrypts sealed base64 text for `context`; throws `decryptionFailed` on a wrong key, a wrong
    /// context, an unknown version or any tampering.
    public func open(_ sealed: String, context: String) throws(StorageError) -> [UInt8] {
        guard let data = Data(base64Encoded: sealed), data.count >= 1 + 12 + 16, data.first == Self.version else {
            throw StorageError(.decryptionFailed, detail: "malformed sealed value")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: data.dropFirst())
            return Array(try AES.GCM.open(box, using: key, authenticating: Self.aad(context)))
        } catch {
            throw StorageError(.decryptionFailed)
        }
    }

    /// Context string for an inbox's credentials.
    static func inboxContext(_ id: UUID) -> String { "inbox:" + id.uuidString.lowercased() }

    private static func aad(_ context: String) -> Data {
        Data(("mcpemails/v1/" + context).utf8)
    }
}
