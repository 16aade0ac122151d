import Foundation
import IMAP

/// Where a message lives: mailbox, UIDVALIDITY and UID (RFC 3501 §2.3.1.1), and the opaque
/// `message_id` string agents see.
///
/// Wire form: `i1.` + base64url (no padding) of `<mailbox wire name> NUL <uidvalidity> NUL <uid>`.
/// The version prefix lets the format change later. Anything that does not decode exactly is
/// "not found", never an error that echoes the input.
///
/// Example: `MessageLocator(mailbox: .inbox, uidValidity: 1, uid: 42).id` → `i1.SU5CT1gAMQA0Mg`.
struct MessageLocator: Hashable, Sendable {
    /// The mailbox as it travels on the wire.
    var mailbox: MailboxName
    /// The mailbox's UIDVALIDITY when the id was made.
    var uidValidity: UIDValidity
    /// The message's UID.
    var uid: UID

    static let prefix = "i1."
    /// Longest id accepted (a mailbox name of 900 octets plus numbers, encoded).
    static let maximumLength = 1300

    /// The opaque id.
    var id: String {
        let raw = Array(mailbox.wireName.utf8) + [0] + Array("\(uidValidity.rawValue)".utf8) + [0] + Array("\(uid.rawValue)".utf8)
        let base64 = Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return Self.prefix + base64
    }

    init(mailbox: MailboxName, uidValidity: UIDValidity, uid: UID) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }

    /// Decodes an id; `nil` when it is not one of ours or is malformed in any way.
    init?(id: String) {
        guard id.count <= Self.maximumLength, id.hasPrefix(Self.prefix) else { return nil }
        var base64 = String(id.dropFirst(Self.prefix.count))
        guard !base64.isEmpty, base64.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        base64 = base64.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        let fields = Array(data).split(separator: 0, omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[0].isEmpty,
              let name = String(bytes: fields[0], encoding: .utf8),
              !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
              let validity = Self.number(fields[1]), let uid = Self.number(fields[2]), uid > 0 else { return nil }
        self.init(mailbox: MailboxName(wireName: name), uidValidity: UIDValidity(validity), uid: UID(uid))
    }

    /// A decimal UInt32 with no sign, spaces or leading zeros.
    private static func number(_ digits: ArraySlice<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              digits.count == 1 || digits.first != 0x30 else { return nil }
        return UInt32(String(decoding: digits, as: UTF8.self))
    }
}
