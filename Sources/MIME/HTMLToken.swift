/// A token of the HTML tokenizer (HTML Living Standard §13.2.5): tag and attribute names are
/// lower-cased, character references decoded, NUL replaced by U+FFFD.
enum HTMLToken: Equatable {
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    case endTag(name: String)
    case text(String)
    case comment(String)
    case doctype
}

/// One attribute of a start tag; the first of duplicate names wins, as in browsers.
struct HTMLAttribute: Equatable {
    var name: String
    var value: String
}
