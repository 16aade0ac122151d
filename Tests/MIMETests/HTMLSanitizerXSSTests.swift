import Testing
@testable import MIME

/// Static checks of sanitized XSS vectors: nothing executable may remain in the output.
@Suite struct HTMLSanitizerXSSTests {
    @Test func thereAreEnoughVectors() {
        #expect(XSSVector.all.count >= 60)
    }

    @Test(arguments: XSSVector.all)
    func leavesNothingExecutable(_ vector: XSSVector) {
        let output = HTMLSanitizer.sanitize(vector.html(index: 0))
        Self.assertInert(output)
    }

    /// Everything a vector could use to run code, checked on the raw output and on its tokens.
    static func assertInert(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lowered = output.lowercased()
        for element in ["<script", "<iframe", "<object", "<embed", "<svg", "<math", "<form", "<input", "<button",
                        "<style", "<meta", "<base", "<link", "<textarea", "<select", "<template", "<noscript",
                        "<frame", "<applet", "<video", "<audio", "<isindex", "<image", "<details", "<marquee", "<!--"] {
            #expect(!lowered.contains(element), "\(element) in \(output)", sourceLocation: sourceLocation)
        }
        for token in HTMLTokenizer.tokenize(output) {
            guard case .startTag(let name, let attributes, _) = token else { continue }
            #expect(HTMLSanitizerPolicy.allowedElements.contains(name), "element \(name)", sourceLocation: sourceLocation)
            for attribute in attributes {
                #expect(!attribute.name.hasPrefix("on"), "handler \(attribute.name)", sourceLocation: sourceLocation)
                let value = attribute.value.lowercased()
                if ["href", "src", "action", "formaction", "background", "dynsrc", "lowsrc", "xlink:href", "data"].contains(attribute.name) {
                    let scheme = HTMLSanitizerPolicy.scheme(of: HTMLSanitizerPolicy.cleanURL(value)) ?? "relative"
                    #expect(["http", "https", "mailto", "tel", "cid"].contains(scheme), "\(attribute.name)=\(value)", sourceLocation: sourceLocation)
                }
                if attribute.name == "style" {
                    #expect(!value.contains("url") && !value.contains("expression") && !value.contains("\\"), sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func keepsLegitimateContent() {
        let html = "<table width=\"100%\" style=\"color: red; position: fixed\"><tr><td align=center>Cell</td></tr></table>"
            + "<p style=\"font-weight: bold\">Bold <a href=\"mailto:a@x.test\">mail</a></p><ul><li>item</li></ul>"
        let output = HTMLSanitizer.sanitize(html)
        #expect(output.contains("<table width=\"100%\" style=\"color: red\">"))
        #expect(output.contains("<td align=\"center\">Cell</td>"))
        #expect(output.contains("<p style=\"font-weight: bold\">"))
        #expect(output.contains("href=\"mailto:a@x.test\""))
        #expect(output.contains("<ul><li>item</li></ul>"))
    }

    @Test func survivesAdversarialShapes() {
        let deep = String(repeating: "<div>", count: 5_000) + "x"
        #expect(HTMLSanitizer.sanitize(deep).count < 20_000)
        let unclosed = String(repeating: "<a href=\"https://x.test\">", count: 1_000)
        Self.assertInert(HTMLSanitizer.sanitize(unclosed))
        let attributes = "<p " + (0..<10_000).map { "a\($0)=1" }.joined(separator: " ") + ">x</p>"
        #expect(HTMLSanitizer.sanitize(attributes) == "<p>x</p>")
        let entities = String(repeating: "&#x6A;&amp;&unknown;&#99999999999;&", count: 1_000)
        _ = HTMLSanitizer.sanitize(entities)
        for text in ["<", "<a", "<a href", "<a href=", "<a href=\"", "</", "<!", "<!-", "<!--", "&", "&#", "&#x", "<svg><![CDATA["] {
            Self.assertInert(HTMLSanitizer.sanitize(text))
        }
    }
}
