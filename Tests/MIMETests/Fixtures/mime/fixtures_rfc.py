"""RFC-shaped messages: RFC 5322 headers, RFC 2046 nesting, RFC 2047 words, RFC 2231 parameters,
RFC 3676 format=flowed, message/rfc822 and multipart/digest, and one message per legacy charset."""
from fixturelib import PDF, PNG, b64, qp, crc, word, write


def make():
    simple()
    nested()
    encoded_words()
    rfc2231()
    embedded_message()
    flowed()
    digest()
    legacy_charsets()
    iso2022jp()


def simple():
    write("rfc", "rfc5322-simple", """Return-Path: <alice@example.com>
Received: from mail.example.com (mail.example.com [192.0.2.1])
\tby mx.example.org with ESMTPS id abc123
\tfor <bob@example.org>; Tue, 1 Jul 2003 10:52:37 +0200
From: John Doe <jdoe@machine.example>
To: Mary Smith <mary@example.net>,
 "Doe, Jane" <jane@example.net>
Cc: undisclosed:;
Subject: Saying Hello to a folded
  subject line
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, "Hello".
""", {
        "subject": "Saying Hello to a folded  subject line",
        "from": {"name": "John Doe", "address": "jdoe@machine.example"},
        "to": [{"name": "Mary Smith", "address": "mary@example.net"}, {"name": "Doe, Jane", "address": "jane@example.net"}],
        "cc": [],
        "date": int(__import__("email.utils").utils.parsedate_to_datetime("Fri, 21 Nov 1997 09:55:06 -0600").timestamp()),
        "message_id": "<1234@local.machine.example>",
        "text": "This is a message just to say hello.\nSo, \"Hello\".\n",
        "html_absent": True,
        "attachments": [],
    })


def nested():
    eml = b"""From: sender@example.com
To: rcpt@example.com
Subject: nested
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mixed"

This is the preamble.  It is to be ignored.
--mixed
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

""" + qp("Hello in plain text – with a dash.".encode()) + b"""
--alt
Content-Type: multipart/related; boundary="rel"; type="text/html"

--rel
Content-Type: text/html; charset=utf-8

<html><body><p>Hello <img src="cid:logo@example.com" alt="logo"></p></body></html>
--rel
Content-Type: image/png
Content-ID: <logo@example.com>
Content-Transfer-Encoding: base64

""" + b64(PNG) + b"""
--rel--

--alt--
--mixed
Content-Type: application/pdf
Content-Disposition: attachment; filename=report.pdf
Content-Transfer-Encoding: base64

""" + b64(PDF) + b"""
--mixed--
This is the epilogue.  It is also to be ignored.
"""
    write("rfc", "rfc2046-nested", eml, {
        "subject": "nested",
        "text": "Hello in plain text – with a dash.",
        "html_contains": ["cid:logo@example.com"],
        "attachments": [
            {"filename": "part-1.2.2.png", "mime_type": "image/png", "size": len(PNG), "content_id": "logo@example.com",
             "inline": True, "part_path": "1.2.2", "crc32": crc(PNG)},
            {"filename": "report.pdf", "mime_type": "application/pdf", "size": len(PDF), "inline": False,
             "part_path": "2", "crc32": crc(PDF)},
        ],
    })


def encoded_words():
    # A multi-byte character split across two B words, Q words with underscores, adjacent-word whitespace
    # removal, an encoded word next to plain text, and encoded display names.
    euro = "€".encode("utf-8")
    split = f"=?UTF-8?B?{__import__('base64').b64encode(b'Price ' + euro[:2]).decode()}?=\n =?UTF-8?B?{__import__('base64').b64encode(euro[2:] + b'5').decode()}?="
    eml = f"""From: {word("Jörg Müller", "iso-8859-1", "Q")} <joerg@example.de>
To: {word("Алиса", "koi8-r")} <alice@example.ru>, "{word("山田", "utf-8")}" <yamada@example.jp>
Cc: =?utf-8?q?Ren=C3=A9e?= =?utf-8?q?_Dupont?= <renee@example.fr>
Subject: {split} and plain text =?ISO-8859-15?Q?=A4uro?=
Comments: =?us-ascii?q?a?= =?us-ascii?q?b?= c =?us-ascii?q?d?=
Keywords: =?UTF-8*fr?Q?caf=C3=A9?=
Content-Type: text/plain; charset=utf-8

body
"""
    write("rfc", "rfc2047-encoded-words", eml, {
        "subject": "Price €5 and plain text €uro",
        "from": {"name": "Jörg Müller", "address": "joerg@example.de"},
        "to": [{"name": "Алиса", "address": "alice@example.ru"}, {"name": "山田", "address": "yamada@example.jp"}],
        "cc": [{"name": "Renée Dupont", "address": "renee@example.fr"}],
        "headers": {"Comments": "ab c d", "Keywords": "café"},
        "text": "body\n",
    })


def rfc2231():
    name = "Résumé – année 2024 (version définitive).pdf"
    tokens = [chr(b) if chr(b).isalnum() and b < 128 else "%%%02X" % b for b in name.encode("utf-8")]
    # Split between the two octets of "é" (C3 | A9): sections are joined as octets before decoding.
    cut = tokens.index("%C3", 3) + 1
    first, second = "".join(tokens[:cut]), "".join(tokens[cut:])
    latin = "naïve café.txt"
    latin_encoded = "".join(ch if ch.isalnum() and ch.isascii() else "".join("%%%02X" % b for b in ch.encode("iso-8859-1")) for ch in latin)
    eml = f"""From: a@example.com
Subject: RFC 2231
Content-Type: multipart/mixed; boundary=b2231

--b2231
Content-Type: text/plain

see attachments
--b2231
Content-Type: application/pdf;
 name*0*=UTF-8''{first};
 name*1*={second}
Content-Disposition: attachment;
 filename*0*=UTF-8'fr'{first};
 filename*1*={second}
Content-Transfer-Encoding: base64

{b64(PDF).decode()}
--b2231
Content-Type: text/plain; charset=iso-8859-1
Content-Disposition: attachment; filename*=iso-8859-1'en'{latin_encoded}

plain file
--b2231
Content-Type: application/octet-stream
Content-Disposition: attachment;
 filename*0="very long name that ";
 filename*1="continues over ";
 filename*2="three sections.bin"

data
--b2231
Content-Type: application/octet-stream; name="=?UTF-8?B?{__import__('base64').b64encode('日本語.bin'.encode()).decode()}?="

data
--b2231--
"""
    write("rfc", "rfc2231-parameters", eml, {
        "subject": "RFC 2231",
        "text": "see attachments",
        "attachments": [
            {"filename": name, "mime_type": "application/pdf", "size": len(PDF), "part_path": "2"},
            {"filename": latin, "mime_type": "text/plain", "size": 10, "part_path": "3"},
            {"filename": "very long name that continues over three sections.bin", "mime_type": "application/octet-stream", "part_path": "4"},
            {"filename": "日本語.bin", "mime_type": "application/octet-stream", "part_path": "5"},
        ],
    })


def embedded_message():
    eml = """From: forwarder@example.com
To: you@example.com
Subject: Fwd: original
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain

See the forwarded message.
--outer
Content-Type: message/rfc822
Content-Disposition: attachment; filename="original.eml"

From: original@example.com
Subject: original
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain

inner text
--inner
Content-Type: text/html

<p>inner html</p>
--inner--
--outer
Content-Type: message/rfc822

From: second@example.com
Subject: second

single part inner body
--outer--
"""
    write("rfc", "message-rfc822", eml, {
        "subject": "Fwd: original",
        "text": "See the forwarded message.",
        "html_absent": True,
        "attachments": [
            {"filename": "original.eml", "mime_type": "message/rfc822", "part_path": "2", "inline": False},
            {"filename": "part-3.eml", "mime_type": "message/rfc822", "part_path": "3"},
        ],
        "leaf_paths": ["1", "2.1", "2.2", "3.1"],
    })


def flowed():
    eml = """From: flowed@example.com
Subject: flowed
Content-Type: text/plain; charset=utf-8; format=flowed; delsp=no

This is a long paragraph that was wrapped by the sender's client because 
it was longer than the line limit, and it should be joined back together.
> A quoted line that was also 
> wrapped.
 From a space-stuffed line.
-- 
Signature
"""
    write("rfc", "rfc3676-format-flowed", eml, {
        "text": "This is a long paragraph that was wrapped by the sender's client because it was longer than the line limit, and it should be joined back together.\n> A quoted line that was also wrapped.\nFrom a space-stuffed line.\n-- \nSignature\n",
    })


def digest():
    eml = """From: list@example.com
Subject: Digest
Content-Type: multipart/mixed; boundary="d1"

--d1
Content-Type: text/plain

Table of contents
--d1
Content-Type: multipart/digest; boundary="d2"

--d2

From: one@example.com
Subject: first

first body
--d2

From: two@example.com
Subject: second

second body
--d2--
--d1--
"""
    write("rfc", "rfc2046-digest", eml, {
        "text": "Table of contents",
        "attachments": [
            {"filename": "part-2.1.eml", "mime_type": "message/rfc822", "part_path": "2.1"},
            {"filename": "part-2.2.eml", "mime_type": "message/rfc822", "part_path": "2.2"},
        ],
    })


LEGACY = [
    ("koi8-r", "Съешь же ещё этих мягких французских булок", "8bit"),
    ("windows-1251", "Съешь же ещё этих мягких булок, да выпей чаю", "quoted-printable"),
    ("iso-8859-2", "Zażółć gęślą jaźń, Příliš žluťoučký", "quoted-printable"),
    ("shift_jis", "日本語のメールです。よろしくお願いします。", "base64"),
    ("euc-jp", "日本語のメールです。", "8bit"),
    ("gb2312", "这是一封简体中文邮件。", "base64"),
    ("gbk", "這是一封中文郵件", "base64"),
    ("gb18030", "中文邮件 €", "8bit"),
    ("big5", "這是一封繁體中文郵件。", "base64"),
    ("ks_c_5601-1987", "이것은 한국어 이메일입니다.", "base64"),
    ("euc-kr", "안녕하세요", "8bit"),
    ("windows-1252", "“Quotes” – and the € sign…", "quoted-printable"),
    ("iso-8859-7", "Καλημέρα κόσμε", "8bit"),
    ("windows-1256", "مرحبا بالعالم", "base64"),
    ("koi8-u", "Ґанок, їжак, єнот", "8bit"),
]


def legacy_charsets():
    for charset, text, encoding in LEGACY:
        python_charset = {"ks_c_5601-1987": "cp949"}.get(charset, charset)
        data = text.encode(python_charset)
        body = {"8bit": data, "quoted-printable": qp(data), "base64": b64(data)}[encoding]
        subject = word(text[:8], python_charset).replace(python_charset, charset, 1)
        from_name = word("Отправитель" if "koi" in charset or "1251" in charset else "Sender", "utf-8")
        eml = (f"From: {from_name} <sender@example.com>\nSubject: {subject}\nMIME-Version: 1.0\n"
               f"Content-Type: text/plain; charset=\"{charset}\"\nContent-Transfer-Encoding: {encoding}\n\n").encode() + body + b"\n"
        write("rfc", f"charset-{charset.lower().replace('_', '-')}", eml, {
            "subject": text[:8].strip(),
            "text": text if encoding == "base64" else text + "\n",
        })


def iso2022jp():
    body = "こんにちは。\n日本語のメールです。\n".encode("iso-2022-jp")
    subject = word("会議の件", "iso-2022-jp")
    name = word("山田太郎", "iso-2022-jp")
    eml = (f"From: {name} <yamada@example.jp>\nTo: suzuki@example.jp\nSubject: {subject}\nMIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n").encode() + body
    write("rfc", "charset-iso-2022-jp", eml, {
        "subject": "会議の件",
        "from": {"name": "山田太郎", "address": "yamada@example.jp"},
        "text": "こんにちは。\n日本語のメールです。\n",
    })
