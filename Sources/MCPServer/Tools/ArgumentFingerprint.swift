import Crypto
import Foundation
import MCP

/// A stable SHA-256 digest of tool arguments, so a reused idempotency key with different content can be
/// told apart (`SendPipeline`).
///
/// Computed without writing the arguments out: values are fed to the hash as they are walked, strings
/// straight from their UTF-8 storage, so a 10 MB attachment's base64 is hashed in place instead of being
/// copied into a JSON document first. The form hashed is unambiguous — every value tagged, lengths before
/// contents, object members sorted by key:
///
/// ```
/// {"to": ["a@x.org"], "n": 2}  →  O2: S1:n I2; S2:to A1: S7:a@x.org
/// ```
enum ArgumentFingerprint {
    /// The lower-case hex digest of `arguments`.
    static func digest(_ arguments: [String: Value]) -> String {
        var hasher = SHA256()
        feed(.object(arguments), into: &hasher)
        return hasher.finalize().map { byte in
            String(UnicodeScalar(hexDigits[Int(byte >> 4)])) + String(UnicodeScalar(hexDigits[Int(byte & 0x0F)]))
        }.joined()
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func feed(_ value: Value, into hasher: inout SHA256) {
        switch value {
        case .null: tag("N", into: &hasher)
        case .bool(let flag): tag(flag ? "T" : "F", into: &hasher)
        case .int(let number): tag("I\(number);", into: &hasher)
        case .double(let number): tag("D\(String(number.bitPattern, radix: 16));", into: &hasher)
        case .string(let text): feed(text, into: &hasher)
        case .data(let mimeType, let data):
            tag("B", into: &hasher)
            feed(mimeType ?? "", into: &hasher)
            tag("\(data.count):", into: &hasher)
            hasher.update(data: data)
        case .array(let items):
            tag("A\(items.count):", into: &hasher)
            for item in items { feed(item, into: &hasher) }
        case .object(let members):
            tag("O\(members.count):", into: &hasher)
            for key in members.keys.sorted() {
                feed(key, into: &hasher)
                if let member = members[key] { feed(member, into: &hasher) }
            }
        }
    }

    /// `S<octets>:<UTF-8>`, hashed from the string's own storage.
    private static func feed(_ text: String, into hasher: inout SHA256) {
        var text = text
        text.withUTF8 { utf8 in
            tag("S\(utf8.count):", into: &hasher)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(utf8))
        }
    }

    private static func tag(_ text: String, into hasher: inout SHA256) {
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
}
