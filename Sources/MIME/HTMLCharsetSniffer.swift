/// Finds a charset declared inside an HTML document (`<meta charset=…>` or
/// `<meta http-equiv=Content-Type content="…; charset=…">`), looking at the first 2 KiB only.
enum HTMLCharsetSniffer {
    static func sniff(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let rest = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == ":" }
        return name.isEmpty ? nil : String(name)
    }
}
