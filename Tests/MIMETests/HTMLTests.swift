import Testing
@testable import MIME

@Suite struct HTMLToTextTests {
    @Test(arguments: [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul><li>x</li><li>y</li></ul>", "- x\n- y"),
        ("<a href=\"https://x.test\">site</a>", "site (https://x.test)"),
        ("<a href=\"https://x.test\">https://x.test</a>", "https://x.test"),
        ("<a href=\"mailto:a@x.test\">a@x.test</a>", "a@x.test"),
        ("Fish &amp; chips &lt;3 &eacute;&#233;&#xE9;", "Fish & chips <3 ééé"),
        ("<script>alert(1)</script><style>p{}</style>visible", "visible"),
        ("  lots   of \n\n  space  ", "lots of space"),
        ("<blockquote>quoted</blockquote>after", "> quoted\n\nafter"),
        ("<pre>  keep\n  this</pre>", "keep\n  this"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("<div>unclosed <b>bold", "unclosed bold"),
        ("<h1>Title</h1>text", "Title\n\ntext"),
        ("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"),
        ("<blockquote><p>one</p><p>two</p></blockquote>", "> one\n>\n> two"),
        ("<p>x<o:p></o:p></p><p><o:p>&nbsp;</o:p></p><p>y</p>", "x\n\ny"),
        ("<a href=\"https://x.test/u\"><img src=\"https://t.test/p.gif\" alt=\"Logo\"></a>", "Logo (https://x.test/u)"),
        ("<a href=\"javascript:alert(1)\">click</a>", "click"),
    ])
    func converts(html: String, expected: String) {
        #expect(HTMLToText.convert(html) == expected)
    }
}

@Suite struct SnippetTests {
    @Test func collapsesAndCuts() {
        #expect(Snippet.make(from: "  Hello\n\n  world  ") == "Hello world")
        let long = String(repeating: "word ", count: 100)
        let snippet = Snippet.make(from: long, limit: 50)
        #expect(snippet.count <= 50)
        #expect(snippet.hasSuffix("…"))
    }

    @Test func dropsQuotedReplies() {
        let text = "Sounds good.\n\nOn Mon, Jan 1, 2024 at 10:00 Alice <a@x.test> wrote:\n> original"
        #expect(Snippet.make(from: text) == "Sounds good.")
        #expect(Snippet.make(from: "> only quoted") == "> only quoted")
        #expect(Snippet.make(from: text, dropQuotedReplies: false).contains("original"))
    }
}
