/// Plain text from HTML, for messages that have no text part and for snippets.
///
/// Block elements start new lines (paragraphs and headings a blank line), `br` breaks, list items
/// become `- item`, table cells are separated by spaces and rows by lines, `blockquote` lines get
/// `> `, links become `text (url)` (the URL is left out when the text already shows it), `pre` keeps
/// its whitespace, everything else collapses to single spaces. `script`, `style`, `title`, `template`,
/// `noscript`, `svg`, `math`, form controls and comments are dropped; entities are decoded.
///
/// Example: `<p>Hi <b>Ann</b></p><ul><li>one</li></ul><a href="https://x.test">site</a>` →
/// `"Hi Ann\n\n- one\nsite (https://x.test)"`.
public enum HTMLToText {
    static let skipped: Set<String> = [
        "script", "style", "title", "template", "noscript", "svg", "math", "select", "textarea", "object",
        "iframe", "noframes", "noembed", "xmp", "button", "option", "datalist", "applet", "canvas",
    ]
    static let blocks: Set<String> = [
        "div", "section", "article", "header", "footer", "nav", "aside", "main", "table", "tr", "ul", "ol", "dl",
        "dt", "dd", "address", "center", "form", "fieldset", "figure", "figcaption", "caption", "tbody", "thead",
        "tfoot", "details", "summary", "html", "body",
    ]
    static let paragraphs: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr"]

    /// The text of `html`.
    public static func convert(_ html: String) -> String {
        var writer = PlainTextWriter()
        var skipping: (name: String, depth: Int)?
        var links: [(href: String?, start: Int)] = []
        for token in HTMLTokenizer.tokenize(html) {
            if let skip = skipping {
                switch token {
                case .startTag(let name, _, false) where name == skip.name: skipping = (name, skip.depth + 1)
                case .endTag(let name) where name == skip.name: skipping = skip.depth > 1 ? (name, skip.depth - 1) : nil
                default: break
                }
                continue
            }
            switch token {
            case .startTag(let name, let attributes, let selfClosing):
                if skipped.contains(name) {
                    if !selfClosing { skipping = (name, 1) }
                    continue
                }
                startTag(name, attributes, &writer, &links)
            case .endTag(let name):
                endTag(name, &writer, &links)
            case .text(let text):
                writer.write(text)
            case .comment, .doctype:
                continue
            }
        }
        return writer.finish()
    }

    private static func startTag(
        _ name: String, _ attributes: [HTMLAttribute], _ writer: inout PlainTextWriter, _ links: inout [(href: String?, start: Int)]
    ) {
        switch name {
        case "br": writer.lineBreak()
        case "li": writer.listItem()
        case "td", "th": writer.cellBreak()
        case "blockquote": writer.paragraphBreak(); writer.quoteDepth += 1
        case "pre": writer.paragraphBreak(); writer.preformatted += 1
        case "ul", "ol": writer.blockBreak(); writer.listDepth += 1
        case "a":
            let href = attributes.first { $0.name == "href" }.map { HTMLSanitizerPolicy.cleanURL($0.value) }
            links.append((href, writer.characterCount))
        case "img":
            // An image alone in a link stands for the link text.
            if let link = links.last, writer.characterCount == link.start,
               let alt = attributes.first(where: { $0.name == "alt" })?.value, !alt.isEmpty {
                writer.write(alt)
            }
        default:
            if paragraphs.contains(name) { writer.paragraphBreak() } else if blocks.contains(name) { writer.blockBreak() }
        }
        if name == "hr" { writer.write("---"); writer.paragraphBreak() }
    }

    private static func endTag(_ name: String, _ writer: inout PlainTextWriter, _ links: inout [(href: String?, start: Int)]) {
        switch name {
        case "a":
            guard let link = links.popLast(), let href = link.href,
                  let scheme = HTMLSanitizerPolicy.scheme(of: href), ["http", "https", "mailto"].contains(scheme) else { return }
            let text = writer.text(since: link.start)
            let shown = scheme == "mailto" ? String(href.dropFirst(7)) : href
            if text.isEmpty {
                writer.write(href)
            } else if !text.contains(shown) && !shown.contains(text) {
                writer.write(" (\(href))")
            }
        case "blockquote":
            writer.quoteDepth = max(0, writer.quoteDepth - 1)
            writer.paragraphBreak()
        case "pre":
            writer.preformatted = max(0, writer.preformatted - 1)
            writer.paragraphBreak()
        case "ul", "ol":
            writer.listDepth = max(0, writer.listDepth - 1)
            writer.blockBreak()
        case "li", "td", "th":
            break
        default:
            if paragraphs.contains(name) { writer.paragraphBreak() } else if blocks.contains(name) { writer.blockBreak() }
        }
    }
}
