extension HTMLTokenizer {
    /// Code points a numeric reference maps elsewhere (HTML §13.2.5.80: the windows-1252 C1 table).
    private static let c1Replacements: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Character reference state, just after `&` (HTML §13.2.5.72–80). Returns the decoded scalars, or
    /// the literal text when this is not a reference. Leading zeros and missing `;` are accepted for
    /// numeric references, as in browsers (`&#0000106` is `j`).
    mutating func characterReference(inAttribute: Bool) -> [Unicode.Scalar] {
        guard let first = peekScalar(0) else { return ["&"] }
        if first == "#" { return numericReference() }
        guard HTMLTokenizer.isASCIIAlpha(first) || ("0"..."9").contains(first) else { return ["&"] }
        var name = ""
        var best: (length: Int, scalar: Unicode.Scalar, semicolon: Bool)?
        var offset = 0
        while offset < HTMLEntities.maximumNameLength, let scalar = peekScalar(offset),
              HTMLTokenizer.isASCIIAlpha(scalar) || ("0"..."9").contains(scalar) {
            name.unicodeScalars.append(scalar)
            offset += 1
            let hasSemicolon = peekScalar(offset) == ";"
            if let value = HTMLEntities.table[name], hasSemicolon || HTMLEntities.legacyNames.contains(name) {
                best = (offset + (hasSemicolon ? 1 : 0), value, hasSemicolon)
            }
        }
        guard let match = best else { return ["&"] }
        if inAttribute && !match.semicolon, let after = peekScalar(match.length),
           after == "=" || HTMLTokenizer.isASCIIAlpha(after) || ("0"..."9").contains(after) {
            return ["&"]
        }
        advance(match.length)
        return [match.scalar]
    }

    private mutating func numericReference() -> [Unicode.Scalar] {
        var offset = 1
        var radix: UInt32 = 10
        if peekScalar(1) == "x" || peekScalar(1) == "X" {
            radix = 16
            offset = 2
        }
        var value: UInt32 = 0
        var digits = 0
        while let scalar = peekScalar(offset), let digit = Self.digitValue(scalar, radix: radix) {
            value = min(value &* radix &+ digit, 0x110000)
            digits += 1
            offset += 1
        }
        guard digits > 0 else { return ["&"] }
        if peekScalar(offset) == ";" { offset += 1 }
        advance(offset)
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return ["\u{FFFD}"] }
        let mapped = Self.c1Replacements[value] ?? value
        return [Unicode.Scalar(mapped) ?? "\u{FFFD}"]
    }

    private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f" where radix == 16: scalar.value - 87
        case "A"..."F" where radix == 16: scalar.value - 55
        default: nil
        }
    }
}
