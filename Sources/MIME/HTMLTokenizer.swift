/// An HTML5-style tokenizer (HTML Living Standard §13.2.5), written as explicit states so that what we
/// sanitize is split into tags, attributes and text the way a browser splits it: attribute names
/// separated by `/`, unquoted values, `<!--` comments ended by `-->` or `--!>` or EOF, bogus comments
/// (`<?`, `</ x>`, `<![CDATA[`), raw-text elements (`script`, `style`, `xmp`, `iframe`, `noembed`,
/// `noframes`, `noscript`), RCDATA (`title`, `textarea`) and `plaintext`. A tag cut off by the end of
/// input is dropped, as browsers do. Work is linear in the input.
struct HTMLTokenizer {
    /// Elements whose content is raw text up to the matching end tag.
    static let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]
    /// Elements whose content is text with character references, up to the matching end tag.
    static let rcdataElements: Set<String> = ["title", "textarea"]
    /// Most attributes kept per tag.
    static let maximumAttributes = 256

    private let input: [Unicode.Scalar]
    private var index = 0
    private var tokens: [HTMLToken] = []
    private var text = String.UnicodeScalarView()

    init(_ html: String) {
        input = Array(html.unicodeScalars)
    }

    /// All tokens of `html`.
    static func tokenize(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(html)
        return tokenizer.run()
    }

    private mutating func run() -> [HTMLToken] {
        while index < input.count {
            let scalar = input[index]
            switch scalar {
            case "<":
                tagOpen()
            case "&":
                index += 1
                text.append(contentsOf: characterReference(inAttribute: false))
            case "\0":
                index += 1
            default:
                text.append(scalar)
                index += 1
            }
        }
        flushText()
        return tokens
    }

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        tokens.append(.text(String(text)))
        text = String.UnicodeScalarView()
    }

    private mutating func emit(_ token: HTMLToken) {
        flushText()
        tokens.append(token)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < input.count ? input[index + offset] : nil
    }

    /// The scalar `offset` places after the cursor (for the character-reference states).
    func peekScalar(_ offset: Int) -> Unicode.Scalar? { peek(offset) }

    /// Moves the cursor forward.
    mutating func advance(_ count: Int) { index = min(index + count, input.count) }

    static func isASCIIAlpha(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}" || scalar == "\r"
    }

    /// Tag open state, at `<`.
    private mutating func tagOpen() {
        let next = peek(1)
        if next == "!" {
            index += 2
            markupDeclaration()
        } else if next == "/" {
            index += 2
            endTagOpen()
        } else if Self.isASCIIAlpha(next) {
            index += 1
            startTag()
        } else if next == "?" {
            index += 1
            bogusComment()
        } else {
            text.append("<")
            index += 1
        }
    }

    private mutating func endTagOpen() {
        let next = peek()
        if Self.isASCIIAlpha(next) {
            let name = tagName()
            // Attributes on end tags are parsed and discarded.
            guard let _ = attributes() else { return }
            emit(.endTag(name: name))
        } else if next == ">" {
            index += 1
        } else if next == nil {
            text.append(contentsOf: "</".unicodeScalars)
        } else {
            bogusComment()
        }
    }

    private mutating func startTag() {
        let name = tagName()
        guard let (attributes, selfClosing) = attributes() else { return }
        emit(.startTag(name: name, attributes: attributes, selfClosing: selfClosing))
        if Self.rawTextElements.contains(name) || Self.rcdataElements.contains(name) {
            rawText(until: name, decodeReferences: Self.rcdataElements.contains(name))
        } else if name == "plaintext" {
            text.append(contentsOf: input[index...])
            index = input.count
        }
    }

    /// Tag name state: up to whitespace, `/` or `>`; lower-cased.
    private mutating func tagName() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = peek(), !Self.isSpace(scalar), scalar != "/", scalar != ">" {
            name.append(scalar == "\0" ? "\u{FFFD}" : lowercased(scalar))
            index += 1
        }
        return String(name)
    }

    private func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
    }
}

extension HTMLTokenizer {
    /// Attribute states up to the closing `>`; `nil` when the input ends inside the tag.
    private mutating func attributes() -> ([HTMLAttribute], Bool)? {
        var result: [HTMLAttribute] = []
        var names = Set<String>()
        while true {
            while Self.isSpace(peek()) || peek() == "/" {
                if peek() == "/" && peek(1) == ">" {
                    index += 2
                    return (result, true)
                }
                index += 1
            }
            guard let scalar = peek() else { return nil }
            if scalar == ">" {
                index += 1
                return (result, false)
            }
            var name = String.UnicodeScalarView([scalar == "\0" ? "\u{FFFD}" : lowercased(scalar)])
            index += 1
            while let next = peek(), !Self.isSpace(next), next != "/", next != ">", next != "=" {
                name.append(next == "\0" ? "\u{FFFD}" : lowercased(next))
                index += 1
            }
            while Self.isSpace(peek()) { index += 1 }
            var value = ""
            if peek() == "=" {
                index += 1
                while Self.isSpace(peek()) { index += 1 }
                guard let parsed = attributeValue() else { return nil }
                value = parsed
            }
            let key = String(name)
            if result.count < Self.maximumAttributes, names.insert(key).inserted {
                result.append(HTMLAttribute(name: key, value: value))
            }
        }
    }

    /// Quoted or unquoted attribute value; `nil` at end of input.
    private mutating func attributeValue() -> String? {
        var value = String.UnicodeScalarView()
        let quote = peek()
        if quote == "\"" || quote == "'" {
            index += 1
            while let scalar = peek() {
                index += 1
                if scalar == quote { return String(value) }
                appendAttributeScalar(scalar, to: &value)
            }
            return nil
        }
        while let scalar = peek(), !Self.isSpace(scalar), scalar != ">" {
            index += 1
            appendAttributeScalar(scalar, to: &value)
        }
        return peek() == nil ? nil : String(value)
    }

    private mutating func appendAttributeScalar(_ scalar: Unicode.Scalar, to value: inout String.UnicodeScalarView) {
        switch scalar {
        case "&": value.append(contentsOf: characterReference(inAttribute: true))
        case "\0": value.append("\u{FFFD}")
        default: value.append(scalar)
        }
    }

    /// After `<!`: comment, DOCTYPE, or a bogus comment (CDATA outside foreign content included).
    private mutating func markupDeclaration() {
        if peek() == "-" && peek(1) == "-" {
            index += 2
            comment()
        } else if matchesCaseInsensitive("doctype") {
            while let scalar = peek(), scalar != ">" { index += 1 }
            index = min(index + 1, input.count)
            emit(.doctype)
        } else {
            bogusComment()
        }
    }

    /// Comment states after `<!--`: `<!-->` and `<!--->` are empty comments; otherwise the comment
    /// ends at `-->` or `--!>`, or at the end of input.
    private mutating func comment() {
        if peek() == ">" { index += 1; emit(.comment("")); return }
        if peek() == "-" && peek(1) == ">" { index += 2; emit(.comment("")); return }
        let start = index
        while index < input.count {
            if input[index] == "-" && peek(1) == "-" {
                if peek(2) == ">" {
                    emit(.comment(String(String.UnicodeScalarView(input[start..<index]))))
                    index += 3
                    return
                }
                if peek(2) == "!" && peek(3) == ">" {
                    emit(.comment(String(String.UnicodeScalarView(input[start..<index]))))
                    index += 4
                    return
                }
            }
            index += 1
        }
        emit(.comment(String(String.UnicodeScalarView(input[start...]))))
    }

    /// Bogus comment state: everything up to the next `>`.
    private mutating func bogusComment() {
        let start = index
        while let scalar = peek(), scalar != ">" { index += 1 }
        emit(.comment(String(String.UnicodeScalarView(input[start..<index]))))
        index = min(index + 1, input.count)
    }

    private func matchesCaseInsensitive(_ word: String) -> Bool {
        for (offset, expected) in word.unicodeScalars.enumerated() {
            guard let scalar = peek(offset), lowercased(scalar) == expected else { return false }
        }
        return true
    }

    /// RAWTEXT / RCDATA / script data: text up to `</name` followed by whitespace, `/` or `>`.
    private mutating func rawText(until name: String, decodeReferences: Bool) {
        let nameScalars = Array(name.unicodeScalars)
        while index < input.count {
            if input[index] == "<", peek(1) == "/", isEndTag(nameScalars, at: index + 2) { break }
            let scalar = input[index]
            index += 1
            if decodeReferences && scalar == "&" {
                text.append(contentsOf: characterReference(inAttribute: false))
            } else {
                text.append(scalar == "\0" ? "\u{FFFD}" : scalar)
            }
        }
        flushText()
    }

    private func isEndTag(_ name: [Unicode.Scalar], at position: Int) -> Bool {
        guard position + name.count <= input.count else { return false }
        for (offset, expected) in name.enumerated() where lowercased(input[position + offset]) != expected { return false }
        let after = position + name.count < input.count ? input[position + name.count] : nil
        return after == nil || Self.isSpace(after) || after == "/" || after == ">"
    }
}
