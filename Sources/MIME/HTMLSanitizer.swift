/// An allow-list HTML sanitizer for showing received mail (`read_email` with `include_html`).
///
/// The input is tokenized like a browser would (`HTMLTokenizer`) and a new document is written from
/// the tokens: only allowed elements and attributes, every text and attribute value escaped, open
/// elements closed at the end, stray end tags ignored. Nothing of the input is copied through
/// unparsed, so odd markup cannot smuggle syntax past it. The policy (`HTMLSanitizerPolicy`):
///
/// - Dropped with their content: `script`, `style`, `template`, `noscript`, `iframe`, `frame(set)`,
///   `object`, `embed`, `applet`, `svg`, `math`, `canvas`, `audio`, `video`, form controls (`input`,
///   `button`, `select`, `textarea`, ...), `title`, `xmp`, `noembed`, `noframes`; `meta`, `link`, `base`.
///   Comments, doctypes and CDATA are dropped.
/// - Unknown or structural elements (`html`, `head`, `body`, `form`, `o:p`, ...) are unwrapped: their
///   content stays, the tag goes.
/// - No event handler or other unlisted attribute survives; `id`, `name` and `class` are dropped too
///   (no DOM clobbering, no host-page CSS hooks).
/// - Links keep `href` only for absolute `http:`, `https:`, `mailto:` and `tel:` URLs (after removing
///   the tabs, newlines and controls browsers ignore), and get `rel="noopener noreferrer nofollow"`
///   and `target="_blank"`. `javascript:`, `vbscript:`, `data:`, relative and every other URL is dropped.
/// - Images: `cid:` images stay (inert until the client resolves them). **Remote images are never
///   loaded**: an `http(s)` image becomes the text `[image: ALT](URL)`; any other image source becomes
///   `[image: ALT]`. This blocks tracking pixels and keeps the information.
/// - `style` attributes keep only listed properties whose values contain no `url`, `expression`,
///   `javascript`, `behavior`, `@import`, backslash or comment; other declarations are dropped.
public enum HTMLSanitizer {
    /// Safe HTML for `html`. Example: `<p onclick="x()">Hi<script>x()</script>` → `<p>Hi</p>`.
    public static func sanitize(_ html: String) -> String {
        var writer = SanitizedHTMLWriter()
        var skipping: (name: String, depth: Int)?
        for token in HTMLTokenizer.tokenize(html) {
            if let skip = skipping {
                skipping = advanceSkip(skip, token)
                continue
            }
            switch token {
            case .startTag(let name, let attributes, let selfClosing):
                if HTMLSanitizerPolicy.droppedWithContent.contains(name) {
                    if !selfClosing && !HTMLSanitizerPolicy.voidElements.contains(name) { skipping = (name, 1) }
                } else if name == "img" {
                    writeImage(attributes, to: &writer)
                } else if HTMLSanitizerPolicy.allowedElements.contains(name) {
                    writer.start(name, attributes: HTMLSanitizerPolicy.filterAttributes(attributes, of: name))
                }
            case .endTag(let name):
                if HTMLSanitizerPolicy.allowedElements.contains(name) { writer.end(name) }
            case .text(let text):
                writer.text(text)
            case .comment, .doctype:
                continue
            }
        }
        writer.finish()
        return writer.output
    }

    /// Tracks nesting of the element being dropped; `nil` once its end tag is seen.
    private static func advanceSkip(_ skip: (name: String, depth: Int), _ token: HTMLToken) -> (name: String, depth: Int)? {
        switch token {
        case .startTag(let name, _, let selfClosing) where name == skip.name && !selfClosing:
            return (skip.name, skip.depth + 1)
        case .endTag(let name) where name == skip.name:
            return skip.depth > 1 ? (skip.name, skip.depth - 1) : nil
        default:
            return skip
        }
    }

    private static func writeImage(_ attributes: [HTMLAttribute], to writer: inout SanitizedHTMLWriter) {
        let alt = attributes.first { $0.name == "alt" }?.value ?? ""
        let source = HTMLSanitizerPolicy.cleanURL(attributes.first { $0.name == "src" }?.value ?? "")
        let label = alt.isEmpty ? "[image]" : "[image: \(alt)]"
        switch HTMLSanitizerPolicy.scheme(of: source) {
        case "cid":
            var kept = HTMLSanitizerPolicy.filterAttributes(attributes.filter { $0.name != "src" }, of: "img")
            kept.insert(HTMLAttribute(name: "src", value: source), at: 0)
            writer.start("img", attributes: kept)
        case "http", "https":
            writer.text("\(label)(\(source))")
        default:
            writer.text(label)
        }
    }
}

/// Writes well-formed HTML from allowed pieces, escaping everything.
struct SanitizedHTMLWriter {
    private(set) var output = ""
    private var open: [String] = []
    /// Deepest nesting written; deeper start tags are unwrapped.
    static let maximumDepth = 256

    mutating func start(_ name: String, attributes: [HTMLAttribute]) {
        let isVoid = HTMLSanitizerPolicy.voidElements.contains(name)
        if !isVoid && open.count >= Self.maximumDepth { return }
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + Self.escape(attribute.value, quote: true) + "\""
        }
        output += ">"
        if !isVoid { open.append(name) }
    }

    mutating func end(_ name: String) {
        guard let position = open.lastIndex(of: name) else { return }
        while open.count > position { output += "</" + open.removeLast() + ">" }
    }

    mutating func text(_ text: String) {
        output += Self.escape(text, quote: false)
    }

    mutating func finish() {
        while let name = open.popLast() { output += "</" + name + ">" }
    }

    static func escape(_ text: String, quote: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quote: result += "&quot;"
            case "'" where quote: result += "&#39;"
            case "`" where quote: result += "&#96;"
            case "\0": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
