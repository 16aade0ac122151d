/// The allow-lists behind `HTMLSanitizer`: elements, attributes, URL schemes and CSS properties.
enum HTMLSanitizerPolicy {
    static let allowedElements: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br",
        "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em",
        "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strike",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr",
    ]

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen", "basefont", "bgsound", "frame", "image", "isindex",
    ]

    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "noframes", "noembed", "object",
        "embed", "applet", "param", "svg", "math", "canvas", "audio", "video", "source", "track", "picture",
        "input", "button", "select", "option", "optgroup", "textarea", "datalist", "keygen", "output", "title",
        "xmp", "meta", "link", "base", "basefont", "bgsound", "isindex", "image", "area", "map",
    ]

    /// Attributes allowed on any allowed element (besides `href` on `a` and `src` on `img`).
    static let allowedAttributes: Set<String> = [
        "align", "valign", "width", "height", "border", "cellpadding", "cellspacing", "colspan", "rowspan",
        "bgcolor", "color", "face", "size", "dir", "lang", "title", "alt", "start", "type", "reversed", "value",
        "span", "nowrap", "scope", "headers", "abbr", "hspace", "vspace", "clear", "noshade", "summary", "style",
    ]

    static let allowedLinkSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Longest attribute value kept.
    static let maximumAttributeLength = 8_192

    static func filterAttributes(_ attributes: [HTMLAttribute], of element: String) -> [HTMLAttribute] {
        var kept: [HTMLAttribute] = []
        for attribute in attributes where attribute.value.utf8.count <= maximumAttributeLength {
            switch attribute.name {
            case "href" where element == "a":
                let url = cleanURL(attribute.value)
                if let scheme = scheme(of: url), allowedLinkSchemes.contains(scheme) {
                    kept.append(HTMLAttribute(name: "href", value: url))
                }
            case "style":
                let css = CSSFilter.filter(attribute.value)
                if !css.isEmpty { kept.append(HTMLAttribute(name: "style", value: css)) }
            case let name where allowedAttributes.contains(name):
                kept.append(attribute)
            default:
                continue
            }
        }
        if element == "a" && kept.contains(where: { $0.name == "href" }) {
            kept.append(HTMLAttribute(name: "rel", value: "noopener noreferrer nofollow"))
            kept.append(HTMLAttribute(name: "target", value: "_blank"))
        }
        return kept
    }

    /// The URL as a browser's URL parser sees it: C0 controls and spaces trimmed, tabs and newlines removed.
    static func cleanURL(_ value: String) -> String {
        let scalars = value.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        var view = String.UnicodeScalarView(scalars)
        while let first = view.first, first.value <= 0x20 { view.removeFirst() }
        while let last = view.last, last.value <= 0x20 { view.removeLast() }
        return String(view)
    }

    /// The lower-cased scheme of an absolute URL, or `nil` for a relative one. A `:` before any `/`,
    /// `?` or `#` makes a scheme even if its characters are invalid, so odd schemes are refused too.
    static func scheme(of url: String) -> String? {
        for scalar in url.unicodeScalars {
            if scalar == ":" { return String(url.prefix { $0 != ":" }).lowercased() }
            if scalar == "/" || scalar == "?" || scalar == "#" { return nil }
        }
        return nil
    }
}

/// Filters an inline `style` attribute to declarations that cannot load anything or run anything.
enum CSSFilter {
    static let allowedProperties: Set<String> = [
        "color", "background-color", "background", "font", "font-family", "font-size", "font-style",
        "font-weight", "font-variant", "text-align", "text-decoration", "text-transform", "text-indent",
        "line-height", "letter-spacing", "word-spacing", "white-space", "vertical-align", "margin", "margin-top",
        "margin-right", "margin-bottom", "margin-left", "padding", "padding-top", "padding-right", "padding-bottom",
        "padding-left", "border", "border-top", "border-right", "border-bottom", "border-left", "border-color",
        "border-style", "border-width", "border-collapse", "border-spacing", "border-radius", "width", "height",
        "max-width", "min-width", "max-height", "min-height", "display", "list-style-type", "direction",
        "table-layout", "word-wrap", "overflow-wrap", "word-break", "float", "clear", "text-overflow", "overflow",
    ]

    private static let forbidden = ["url", "expression", "javascript", "vbscript", "behavior", "binding", "@import",
                                    "\\", "/*", "*/", "<", ">", "&", "image", "element(", "attr(", "var("]

    static func filter(_ style: String) -> String {
        var declarations: [String] = []
        for declaration in style.split(separator: ";").prefix(64) {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = String(declaration[..<colon]).trimmingASCIIWhitespace().lowercased()
            let value = String(declaration[declaration.index(after: colon)...]).trimmingASCIIWhitespace()
            guard allowedProperties.contains(property), !value.isEmpty, value.utf8.count <= 512 else { continue }
            let lowered = value.lowercased()
            guard !forbidden.contains(where: { lowered.contains($0) }),
                  value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else { continue }
            declarations.append("\(property): \(value)")
        }
        return declarations.joined(separator: "; ")
    }
}
