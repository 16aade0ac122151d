/// Maps charset labels seen in mail to the name iconv should use, following the WHATWG Encoding
/// Standard where mail clients do the same: `iso-8859-1` and `us-ascii` decode as windows-1252, `gb2312`
/// as GB18030, `shift_jis` as Windows-31J (CP932), `euc-kr` as CP949, `big5` as Big5-HKSCS — each a
/// superset of the declared set, so text that is "almost" the declared charset still decodes.
enum CharsetAliases {
    /// The iconv name for `label`, or `nil` when the label says nothing (empty, `unknown-8bit`, ...).
    /// Labels with characters outside `[A-Za-z0-9._:+-]` or longer than 40 characters are treated as
    /// unknown so no iconv suffix (`//TRANSLIT`) or path can be smuggled into `iconv_open`.
    static func canonicalName(_ label: String?) -> String? {
        guard var name = label?.trimmingASCIIWhitespace().lowercased() else { return nil }
        name = name.trimming(charactersIn: "\"'")
        // RFC 2231 §5: `charset*language` in encoded words.
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        guard !name.isEmpty, name.utf8.count <= 40,
              name.utf8.allSatisfy({ isLabelByte($0) }) else { return nil }
        if let known = table[name] { return known.isEmpty ? nil : known }
        if let iso = isoName(name) { return iso }
        if let windows = windowsName(name) { return windows }
        return name.uppercased()
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"): true
        default: false
        }
    }

    /// `iso-8859-2`, `iso8859-2`, `iso_8859-2`, `iso_8859-2:1987`, `latin2`, ...
    private static func isoName(_ name: String) -> String? {
        var digits = ""
        for prefix in ["iso-8859-", "iso8859-", "iso_8859-", "iso8859_", "iso-8859_", "8859-"] where name.hasPrefix(prefix) {
            digits = String(name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber })
        }
        if digits.isEmpty, name.hasPrefix("latin"), let n = Int(name.dropFirst(5)) {
            let latin = [1: 1, 2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14, 9: 15, 10: 16]
            guard let part = latin[n] else { return nil }
            digits = String(part)
        }
        guard let part = Int(digits), (1...16).contains(part), part != 12 else { return nil }
        switch part {
        case 1: return "WINDOWS-1252"
        case 9: return "WINDOWS-1254"
        case 11: return "CP874"
        default: return "ISO-8859-\(part)"
        }
    }

    /// `windows-1250` … `windows-1258`, `cp1250`, `x-cp1250`, `win-1251`, `ms-ee`...
    private static func windowsName(_ name: String) -> String? {
        for prefix in ["windows-", "x-cp", "cp", "win-", "win"] where name.hasPrefix(prefix) {
            if let n = Int(name.dropFirst(prefix.count)), (1250...1258).contains(n) { return "WINDOWS-\(n)" }
        }
        return nil
    }

    /// Exact labels. An empty value means "no information" (use the undeclared-text heuristic).
    private static let table: [String: String] = {
        var map: [String: String] = [:]
        func add(_ target: String, _ labels: [String]) { for label in labels { map[label] = target } }
        add("UTF-8", ["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode-2-0-utf-8", "utf_8"])
        add("ASCII", ["us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "iso-ir-6", "cp367", "ibm367", "csascii", "646"])
        add("", ["unknown", "unknown-8bit", "x-unknown", "default", "x-user-defined", "charset", "none"])
        add("WINDOWS-1252", ["l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "x-ansi", "ansi"])
        add("KOI8-R", ["koi8-r", "koi8r", "koi8_r", "cskoi8r", "koi", "koi8"])
        add("KOI8-U", ["koi8-u", "koi8u", "koi8_u"])
        add("KOI8-RU", ["koi8-ru"])
        add("CP932", ["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j",
                      "cp932", "ms932", "x-ms-cp932", "shiftjis", "s-jis"])
        add("EUC-JP", ["euc-jp", "eucjp", "x-euc-jp", "x-euc", "cseucpkdfmtjapanese", "ujis"])
        add("ISO-2022-JP-2", ["iso-2022-jp", "csiso2022jp", "iso-2022-jp-2", "iso-2022-jp-1", "jis", "x-iso-2022-jp"])
        add("GB18030", ["gb2312", "gb_2312", "gb_2312-80", "euc-cn", "euccn", "x-gbk", "gbk", "cp936", "ms936",
                        "windows-936", "csgb2312", "chinese", "iso-ir-58", "gb18030", "x-euc-cn", "cn-gb", "hz-gb-2312-x"])
        add("BIG5-HKSCS", ["big5", "big-5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5", "x-big5", "big5hkscs", "cp950"])
        add("CP949", ["euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949",
                      "cp949", "x-windows-949", "csksc56011987", "korean", "iso-ir-149", "uhc", "ks_c_5601", "x-euc-kr"])
        add("ISO-2022-KR", ["iso-2022-kr", "csiso2022kr"])
        add("UTF-7", ["utf-7", "unicode-1-1-utf-7", "utf7", "x-unicode-2-0-utf-7"])
        add("UTF-16", ["utf-16", "utf16", "unicode", "ucs-2", "iso-10646-ucs-2"])
        add("UTF-16LE", ["utf-16le"])
        add("UTF-16BE", ["utf-16be"])
        add("UTF-32", ["utf-32"])
        add("MACINTOSH", ["macintosh", "mac", "x-mac-roman", "csmacintosh", "macroman", "x-mac"])
        add("CP874", ["tis-620", "windows-874", "cp874", "x-windows-874", "iso-8859-11"])
        add("CP866", ["cp866", "ibm866", "866", "csibm866"])
        add("CP850", ["cp850", "ibm850", "850"])
        add("CP437", ["cp437", "ibm437", "437"])
        return map
    }()
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }

    /// The string without leading and trailing characters from `set`.
    func trimming(charactersIn set: String) -> String {
        guard let start = firstIndex(where: { !set.contains($0) }), let end = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
