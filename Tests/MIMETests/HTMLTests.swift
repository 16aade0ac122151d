import MailCore
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
        #expect(Snippet.make(from: "Fine\n-----Original Message-----\nold") == "Fine")
        #expect(Snippet.make(from: "  \t> quoted\nmine") == "mine")
        #expect(Snippet.make(from: "> a\n>\n  \n> b\n") == "> a > > b", "only quotes and blank lines: the quotes are shown")
        #expect(Snippet.make(from: "\n\nTop\r\n> q\r\nBottom\r\n") == "Top Bottom", "CRLF lines, leading blank lines")
    }

    @Test("a long body gives the preview of its beginning; quotes and markers far down change nothing")
    func longBodies() {
        let paragraph = String(repeating: "alpha beta gamma delta ", count: 20) + "\n"
        let body = String(repeating: paragraph, count: 5_000)
        let expected = Snippet.make(from: paragraph + paragraph)
        #expect(Snippet.make(from: body) == expected)
        #expect(Snippet.make(from: body + "On Mon, Alice wrote:\n> old") == expected)
        #expect(expected.hasSuffix("…") && expected.count <= MessageSummary.snippetLimit)
    }

    @Test("invisible characters go, Unicode white space collapses, combining marks stay with their letter")
    func unicode() {
        #expect(Snippet.make(from: "a\u{00A0}\u{2003}b\u{200B}c\u{FEFF}d\u{00AD}e\u{0085}f") == "a bcde f")
        // 49 ASCII letters then "e" + COMBINING ACUTE: the cut never separates the accent from its letter.
        let text = String(repeating: "x", count: 48) + "e\u{301}" + String(repeating: " yz", count: 40)
        let snippet = Snippet.make(from: text, limit: 50)
        #expect(snippet.count <= 50 && snippet.hasSuffix("…"))
        #expect(!snippet.unicodeScalars.contains("\u{301}") || snippet.contains("e\u{301}"))
        let short = "e\u{301}" + String(repeating: "a", count: 48)
        #expect(Snippet.make(from: short, limit: 49) == short, "49 characters fit a 49-character limit")
    }
}

@Suite struct LineEndingTests {
    @Test("CRLF and lone CR become LF; LF and non-ASCII text are untouched")
    func normalize() {
        #expect(LineEndings.normalizeToLF("a\r\nb\rc\nd") == "a\nb\nc\nd")
        #expect(LineEndings.normalizeToLF("\r\n\r\n") == "\n\n")
        #expect(LineEndings.normalizeToLF("\r\r\n") == "\n\n")
        #expect(LineEndings.normalizeToLF("Grüße\r\n日本語\r\né") == "Grüße\n日本語\né")
        #expect(LineEndings.normalizeToLF("no breaks") == "no breaks")
    }
}
