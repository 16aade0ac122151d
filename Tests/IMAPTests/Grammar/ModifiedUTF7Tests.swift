import IMAP
import Testing

@Suite("Modified UTF-7 mailbox names (RFC 3501 §5.1.3)")
struct ModifiedUTF7Tests {
    static let vectors: [(String, String)] = [
        ("INBOX", "INBOX"),
        ("Entwürfe", "Entw&APw-rfe"),
        ("&", "&-"),
        ("Tom & Jerry", "Tom &- Jerry"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("日本語", "&ZeVnLIqe-"),
        ("Отправленные", "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"),
        ("Corbeille/Éléments supprimés", "Corbeille/&AMk-l&AOk-ments supprim&AOk-s"),
        ("😀 fun", "&2D3eAA- fun"),
        ("", ""),
    ]

    @Test("encodes and decodes the vectors", arguments: vectors)
    func encodesVectors(_ vector: (String, String)) {
        #expect(ModifiedUTF7.encode(vector.0) == vector.1)
        #expect(ModifiedUTF7.decode(vector.1) == vector.0)
    }

    @Test("rejects invalid encodings", arguments: ["&", "&Jjo", "&AGE-", "&U,BTF2XlZyyKng-x&*-", "a\u{7}b", "&ZeVnLIqe"])
    func invalid(_ encoded: String) {
        #expect(ModifiedUTF7.decode(encoded) == nil)
    }

    @Test("MailboxName: wire and display forms, UTF8=ACCEPT")
    func mailboxName() {
        #expect(MailboxName("Entwürfe").wireName == "Entw&APw-rfe")
        #expect(MailboxName("Entwürfe", utf8Accept: true).wireName == "Entwürfe")
        #expect(MailboxName(wireName: "Entw&APw-rfe").displayName == "Entwürfe")
        #expect(MailboxName(wireName: "Entwürfe").displayName == "Entwürfe")
        #expect(MailboxName(wireName: "A & B").displayName == "A & B")
        #expect(MailboxName(wireName: "inbox") == .inbox)
    }

    @Test("round trip of arbitrary scalars")
    func roundTrip() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let length = Int(generator.next() % 12)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                let pick = generator.next() % 4
                let value: UInt32
                switch pick {
                case 0: value = 0x20 + UInt32(generator.next() % 95)
                case 1: value = 0xA0 + UInt32(generator.next() % 0x700)
                case 2: value = 0x4E00 + UInt32(generator.next() % 0x5000)
                default: value = 0x1F600 + UInt32(generator.next() % 0x50)
                }
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let name = String(scalars)
            #expect(ModifiedUTF7.decode(ModifiedUTF7.encode(name)) == name)
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
