/// Lexical tokens of structured header fields (RFC 5322 §3.2): atoms, quoted strings, comments,
/// domain literals and specials. Tolerant: unterminated quotes, comments and literals end at the end of
/// input; comment nesting is bounded; an RFC 2047 encoded word is one atom even if it holds specials.
struct StructuredToken: Equatable {
    enum Kind: Equatable {
        case atom(String)
        case quoted(String)
        case comment(String)
        case domainLiteral(String)
        case special(Unicode.Scalar)
    }

    var kind: Kind
    /// Whether whitespace (or a comment) came before this token.
    var spaceBefore: Bool
}

enum StructuredTokenizer {
    static let specials: Set<Unicode.Scalar> = ["(", ")", "<", ">", "@", ",", ";", ":", "\\", "\"", "[", "]"]
    static let maximumCommentDepth = 64

    static func tokenize(_ text: String) -> [StructuredToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [StructuredToken] = []
        var index = 0
        var space = false
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\r", "\n":
                space = true
                index += 1
                continue
            case "\"":
                tokens.append(StructuredToken(kind: .quoted(readDelimited(scalars, &index, close: "\"")), spaceBefore: space))
            case "(":
                tokens.append(StructuredToken(kind: .comment(readComment(scalars, &index)), spaceBefore: space))
                space = true
                continue
            case "[":
                tokens.append(StructuredToken(kind: .domainLiteral(readDelimited(scalars, &index, close: "]")), spaceBefore: space))
            case _ where specials.contains(scalar):
                tokens.append(StructuredToken(kind: .special(scalar), spaceBefore: space))
                index += 1
            default:
                tokens.append(StructuredToken(kind: .atom(readAtom(scalars, &index)), spaceBefore: space))
            }
            space = false
        }
        return tokens
    }

    private static func readAtom(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        var text = String.UnicodeScalarView()
        while index < scalars.count {
            if scalars[index] == "=", index + 1 < scalars.count, scalars[index + 1] == "?",
               let end = encodedWordEnd(scalars, from: index) {
                text.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || specials.contains(scalar) { break }
            text.append(scalar)
            index += 1
        }
        return String(text)
    }

    /// End of an encoded word `=?cs?X?text?=` starting at `start` (no whitespace inside), if any.
    private static func encodedWordEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var questionMarks = 0
        var index = start + 2
        while index < scalars.count, index - start < EncodedWords.maximumWordLength {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" { return nil }
            if scalar == "?" {
                questionMarks += 1
                if questionMarks >= 3, index + 1 < scalars.count, scalars[index + 1] == "=" { return index + 2 }
            }
            index += 1
        }
        return nil
    }

    /// A quoted string or domain literal starting at its opening character; backslash escapes honoured.
    private static func readDelimited(_ scalars: [Unicode.Scalar], _ index: inout Int, close: Unicode.Scalar) -> String {
        var text = String.UnicodeScalarView()
        index += 1
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == close { break }
            if scalar == "\\", index < scalars.count {
                text.append(scalars[index])
                index += 1
                continue
            }
            if scalar == "\r" || scalar == "\n" { continue }
            text.append(scalar)
        }
        return String(text)
    }

    private static func readComment(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        var text = String.UnicodeScalarView()
        var depth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "(":
                depth += 1
                if depth > 1 && depth <= maximumCommentDepth { text.append(scalar) }
            case ")":
                depth -= 1
                if depth == 0 { return String(text) }
                text.append(scalar)
            case "\\" where index < scalars.count:
                text.append(scalars[index])
                index += 1
            default:
                text.append(scalar)
            }
        }
        return String(text)
    }
}
