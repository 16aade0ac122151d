"""Broken real-world shapes: every one must parse to a best-effort message."""
from fixturelib import PDF, b64, write


def make():
    write("malformed", "missing-close-boundary", """From: a@example.com
Subject: no close delimiter
Content-Type: multipart/mixed; boundary="xyz"

--xyz
Content-Type: text/plain

first part
--xyz
Content-Type: text/plain; name=notes.txt
Content-Disposition: attachment

the last part runs to the end
""", {"subject": "no close delimiter", "text": "first part",
      "attachments": [{"filename": "notes.txt", "mime_type": "text/plain", "part_path": "2"}]})

    write("malformed", "missing-boundary-parameter", """From: a@example.com
Subject: boundary not declared
Content-Type: multipart/alternative

--guessed
Content-Type: text/plain

guessed text
--guessed
Content-Type: text/html

<b>guessed html</b>
--guessed--
""", {"text": "guessed text", "html_contains": ["<b>guessed html</b>"]})

    write("malformed", "boundary-never-appears", """From: a@example.com
Subject: wrong boundary
Content-Type: multipart/mixed; boundary="declared"

--other
Content-Type: text/plain

the body is still shown
""", {"text_contains": ["the body is still shown"]})

    write("malformed", "eight-bit-headers-utf8", """From: Jörg Müller <joerg@example.de>
To: Ελένη <eleni@example.gr>
Subject: Grüße aus Köln – raw UTF-8
Content-Type: text/plain; charset=utf-8

Grüße
""", {"subject": "Grüße aus Köln – raw UTF-8", "from": {"name": "Jörg Müller", "address": "joerg@example.de"},
      "to": [{"name": "Ελένη", "address": "eleni@example.gr"}], "text": "Grüße\n"})

    write("malformed", "eight-bit-headers-latin1",
          "From: Jörg <joerg@example.de>\nSubject: Grüße ohne Zeichensatz\n\nKörper\n".encode("iso-8859-1"),
          {"subject": "Grüße ohne Zeichensatz", "from": {"name": "Jörg", "address": "joerg@example.de"}, "text": "Körper\n"})

    write("malformed", "eight-bit-headers-koi8r-hint",
          "From: Иван <ivan@example.ru>\nSubject: Привет\nContent-Type: text/plain; charset=koi8-r\n\nТекст\n".encode("koi8-r"),
          {"subject": "Привет", "from": {"name": "Иван", "address": "ivan@example.ru"}, "text": "Текст\n"})

    write("malformed", "broken-encoded-words", """From: =?UTF-8?Q?Broken <broken@example.com>
To: =?bogus-charset?Q?Caf=E9?= <x@example.com>
Subject: =?UTF-8?B?not base64 !!!?= and =?UTF-8?Q?ok?= and =?UTF-8?Z?zzz?= and =?utf-8?q?sp ace?=
Content-Type: text/plain

body
""", {"from": {"name": "=?UTF-8?Q?Broken", "address": "broken@example.com"},
      "to": [{"name": "Café", "address": "x@example.com"}], "text": "body\n"})

    write("malformed", "duplicate-headers", """From: first@example.com
From: second@example.com
Subject: first subject
Subject: second subject
Content-Type: text/plain; charset=utf-8
Content-Type: text/html
To: a@example.com
To: b@example.com

text wins because the first Content-Type wins
""", {"subject": "first subject", "from": {"address": "first@example.com"},
      "to": [{"address": "a@example.com"}, {"address": "b@example.com"}],
      "text": "text wins because the first Content-Type wins\n", "html_absent": True})

    write("malformed", "lying-charsets", b"""From: a@example.com
Subject: lies
Content-Type: multipart/mixed; boundary=L

--L
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 8bit

UTF-8 in us-ascii: \xc3\xa9t\xc3\xa9
--L
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Latin-1 in utf-8: \xe9t\xe9
--L
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

UTF-8 in latin-1: \xc3\xa9t\xc3\xa9
--L
Content-Type: text/plain; charset=x-unknown-charset
Content-Transfer-Encoding: 8bit

Unknown: \xe9t\xe9
--L--
""", {"text": "UTF-8 in us-ascii: été\nLatin-1 in utf-8: été\nUTF-8 in latin-1: été\nUnknown: été"})

    write("malformed", "garbage-header-lines", """From a@example.com Mon Jan  1 00:00:00 2024
From: a@example.com
this line is not a header
Subject: survives garbage
: empty name
X-Bad Name: spaces in name
Content-Type: text/plain

body after garbage
""", {"subject": "survives garbage", "from": {"address": "a@example.com"}, "text": "body after garbage\n"})

    write("malformed", "missing-blank-line", """From: a@example.com
Subject: forgot the empty line
Content-Type: multipart/mixed; boundary=m

--m
Content-Type: text/plain; charset=utf-8
Hello Bob,

the part above has no empty line after its header.
--m--
""", {"subject": "forgot the empty line", "text": "Hello Bob,\n\nthe part above has no empty line after its header."})

    write("malformed", "no-headers", """just a body line
and another
""", {"subject": "", "text": "just a body line\nand another\n"})

    write("malformed", "headers-only", """From: a@example.com
Subject: no body at all""", {"subject": "no body at all", "text": "", "attachments": []})

    deep = "From: a@example.com\nSubject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n"
    for level in range(1, 41):
        deep += f"--b{level - 1}\nContent-Type: multipart/mixed; boundary=b{level}\n\n"
    deep += "--b40\nContent-Type: text/plain\n\ntoo deep to matter\n"
    write("malformed", "deep-nesting", deep, {"subject": "deep", "text_contains": ["too deep to matter"]})

    write("malformed", "base64-with-garbage", """From: a@example.com
Subject: dirty base64
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

SGVsbG8s IFdv
cmxk!!IQ==
  
""", {"text": "Hello, World!"})

    write("malformed", "quoted-printable-broken", """From: a@example.com
Subject: dirty qp
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

caf=C3=A9 =ZZ bad escape, soft=
break, trailing =
""", {"text": "café =ZZ bad escape, softbreak, trailing "})

    write("malformed", "attachment-without-type", f"""From: a@example.com
Subject: attachment only by disposition
Content-Type: multipart/mixed; boundary=q

--q

bare text part with no headers
--q
Content-Disposition: attachment; filename="data.pdf"
Content-Transfer-Encoding: base64

{b64(PDF).decode()}
--q--
""", {"text": "bare text part with no headers",
      "attachments": [{"filename": "data.pdf", "mime_type": "application/pdf", "size": len(PDF), "part_path": "2"}]})

    write("malformed", "bad-content-type", """From: a@example.com
Subject: nonsense type
Content-Type: ;;;garbage/;charset=utf-8

typed garbage falls back to text/plain
""", {"text": "typed garbage falls back to text/plain\n"})

    write("malformed", "bad-dates-and-ids", """From: a@example.com
Subject: odd dates
Date: 1 Jan 24 10:00 EST (comment)
Message-ID: no-brackets@example.com
In-Reply-To: <a@example.com> (Alice's message of Monday)
References: <r1@example.com>,<r2@example.com>  <r3 @example.com>

body
""", {"date": 1704121200, "message_id": "<no-brackets@example.com>", "in_reply_to": ["<a@example.com>"],
      "references": ["<r1@example.com>", "<r2@example.com>", "<r3@example.com>"]})

    write("malformed", "html-only-no-text", """From: a@example.com
Subject: html only
Content-Type: text/html; charset=utf-8

<!DOCTYPE html><html><head><title>T</title><script>x()</script></head><body>
<h1>Welcome</h1><p>Line one<br>Line two</p><ol><li>First</li><li>Second</li></ol>
<p>Visit <a href="https://example.com/x">our site</a> &amp; enjoy&nbsp;it.</p></body></html>
""", {"text": "Welcome\n\nLine one\nLine two\n\n- First\n- Second\n\nVisit our site (https://example.com/x) & enjoy it.",
      "html_contains": ["<h1>Welcome</h1>"]})
