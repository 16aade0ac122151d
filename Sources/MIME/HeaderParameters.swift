/// Parameter lists of `Content-Type` and `Content-Disposition` (RFC 2045 §5.1, RFC 2183 §2),
/// including RFC 2231 continuations (`name*0=`, `name*1*=`) and charsets (`name*=utf-8'en'%E2%82%AC`).
///
/// Tolerant: unquoted values with spaces run to the next `;`, a missing closing quote ends at the end
/// of the value, RFC 2047 encoded words inside values (a common non-standard form) are decoded, and
/// raw UTF-8 is accepted. Names are lower-cased.
enum HeaderParameters {
    /// Most RFC 2231 sections joined for one parameter.
    static let maximumSections = 500

    /// Splits `value` into its leading token (`text/plain`, `attachment`) and its parameters.
    static func parse(_ value: String) -> (primary: String, parameters: [String: String]) {
        let scalars = Array(value.unicodeScalars)
        var index = 0
        let primary = readUntilSemicolon(scalars, &index)
        var raw: [(name: String, value: String)] = []
        while index < scalars.count {
            index += 1
            skipWhitespace(scalars, &index)
            var name = ""
            while index < scalars.count, scalars[index] != "=", scalars[index] != ";" {
                name.unicodeScalars.append(scalars[index])
                index += 1
            }
            name = name.trimmingASCIIWhitespace().lowercased()
            guard index < scalars.count, scalars[index] == "=" else { continue }
            index += 1
            skipWhitespace(scalars, &index)
            let parameterValue: String
            if index < scalars.count, scalars[index] == "\"" {
                parameterValue = readQuoted(scalars, &index)
                _ = readUntilSemicolon(scalars, &index)
            } else {
                parameterValue = readUntilSemicolon(scalars, &index)
            }
            if !name.isEmpty { raw.append((name, parameterValue)) }
        }
        return (primary.trimmingASCIIWhitespace().lowercased(), assemble(raw))
    }

    private static func skipWhitespace(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\r" || scalars[index] == "\n" {
            index += 1
        }
    }

    private static func readUntilSemicolon(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        var text = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != ";" {
            text.append(scalars[index])
            index += 1
        }
        return String(text).trimmingASCIIWhitespace()
    }

    /// A quoted-string (RFC 5322 §3.2.4) starting at the opening quote.
    private static func readQuoted(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        var text = String.UnicodeScalarView()
        index += 1
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\"" { break }
            if scalar == "\\", index < scalars.count {
                text.append(scalars[index])
                index += 1
                continue
            }
            text.append(scalar)
        }
        return String(text)
    }

    /// One RFC 2231 section: `name*N[*]`.
    private struct Section {
        var number: Int
        var extended: Bool
        var value: String
    }

    /// Joins RFC 2231 sections and decodes charsets; the extended form wins over a plain one.
    private static func assemble(_ raw: [(name: String, value: String)]) -> [String: String] {
        var plain: [String: String] = [:]
        var sections: [String: [Section]] = [:]
        for (name, value) in raw {
            guard let star = name.firstIndex(of: "*") else {
                if plain[name] == nil { plain[name] = value }
                continue
            }
            let base = String(name[..<star])
            let rest = name[name.index(after: star)...]
            let extended = rest.hasSuffix("*") || rest.isEmpty
            let digits = rest.hasSuffix("*") ? rest.dropLast() : rest
            let number = digits.isEmpty ? 0 : Int(digits) ?? -1
            guard number >= 0, number < maximumSections, (sections[base]?.count ?? 0) < maximumSections else { continue }
            sections[base, default: []].append(Section(number: number, extended: extended, value: value))
        }
        var result = plain.mapValues { EncodedWords.decode($0) }
        for (name, parts) in sections {
            result[name] = joinSections(parts.sorted { $0.number < $1.number })
        }
        return result
    }

    /// RFC 2231 §4.1: the first extended section carries `charset'language'`; extended sections are
    /// percent-encoded octets in that charset, plain sections are literal.
    private static func joinSections(_ parts: [Section]) -> String {
        var bytes: [UInt8] = []
        var charset: String?
        var seen = Set<Int>()
        for (position, part) in parts.enumerated() where seen.insert(part.number).inserted {
            guard part.extended else {
                bytes += Array(part.value.utf8)
                continue
            }
            var value = Substring(part.value)
            if position == 0 {
                let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = pieces[0].isEmpty ? nil : String(pieces[0])
                    value = pieces[2]
                }
            }
            bytes += percentDecode(value)
        }
        return Charsets.decode(bytes, charset: charset)
    }

    static func percentDecode(_ text: Substring) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let high = QuotedPrintable.hexValue(utf8[index + 1]), let low = QuotedPrintable.hexValue(utf8[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(utf8[index])
                index += 1
            }
        }
        return output
    }
}
