/// The `thread_id` of an IMAP message, derived from its threading headers (RFC 5322 §3.6.4).
///
/// The root of the conversation is the first id in `References`, else the first `In-Reply-To` id,
/// else the message's own `Message-ID`. The root is normalised (angle brackets and surrounding
/// space removed, lower-cased) and hashed with 64-bit FNV-1a, so every message of a thread gets the
/// same short, stable string in every process: `t` + 16 hex digits, e.g. `t5f1c0e1a93b7d2c4`.
enum ThreadIdentifier {
    /// The thread id, or `nil` when the message has no usable id at all.
    static func make(references: [String], inReplyTo: [String], messageID: String?) -> String? {
        let candidates = [references.first, inReplyTo.first, messageID]
        guard let root = candidates.lazy.compactMap({ $0.map(normalize) }).first(where: { !$0.isEmpty }) else { return nil }
        return "t" + hex(fnv1a(Array(root.utf8)))
    }

    /// `<ABC@example.com>` → `abc@example.com`.
    static func normalize(_ id: String) -> String {
        var text = Substring(id)
        while let first = text.first, first == "<" || first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == ">" || last == " " || last == "\t" { text = text.dropLast() }
        return text.lowercased()
    }

    /// 64-bit FNV-1a.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
