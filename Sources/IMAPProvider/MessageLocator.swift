import Foundation
import IMAP
import MailCore

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
        var raw = Array(mailbox.wireName.utf8)
        raw.append(0)
        raw += String(uidValidity.rawValue).utf8
        raw.append(0)
        raw += String(uid.rawValue).utf8
        return Self.prefix + Base64URL.encode(raw)
    }

    init(mailbox: MailboxName, uidValidity: UIDValidity, uid: UID) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }

    /// Decodes an id; `nil` when it is not one of ours or is malformed in any way.
    init?(id: String) {
        guard id.count <= Self.maximumLength, id.hasPrefix(Self.prefix) else { return nil }
        let base64 = id.utf8.dropFirst(Self.prefix.utf8.count)
        let alphabet: (UInt8) -> Bool = { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"): return true
            default: return false
            }
        }
        // base64url only, never padded: the lenient decoder below also takes `+`, `/` and `=`.
        guard !base64.isEmpty, base64.allSatisfy(alphabet),
              let data = Base64URL.decode(String(decoding: base64, as: UTF8.self)) else { return nil }
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
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
