import Testing
@testable import MIME

@Suite struct HTMLSanitizerBasicTests {
    @Test(arguments: [
        ("<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>"),
        ("<p onclick=\"x()\">hi</p>", "<p>hi</p>"),
        ("<script>alert(1)</script>ok", "ok"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"https://x.test/?a=1&b=2\">x</a>", "<a href=\"https://x.test/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">x</a>"),
        ("<img src=\"https://t.test/p.gif\" alt=\"logo\">", "[image: logo](https://t.test/p.gif)"),
        ("<img src=\"cid:img1@x\" alt=\"a\">", "<img src=\"cid:img1@x\" alt=\"a\">"),
        ("<div>unclosed <i>tags", "<div>unclosed <i>tags</i></div>"),
        ("stray </div> end", "stray  end"),
        ("1 < 2 & 3 > 2", "1 &lt; 2 &amp; 3 &gt; 2"),
    ])
    func sanitizes(html: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(html) == expected)
    }
}
