"""Messages shaped the way common mailers write them (hand-written after their usual structure)."""
from fixturelib import PDF, PNG, b64, qp, crc, write


def make():
    gmail()
    outlook()
    outlook_invite()
    apple_mail()
    thunderbird()
    mailing_list()


def gmail():
    html = '<div dir="ltr">Hi Bob,<div><br></div><div>The numbers are in – see <a href="https://docs.example.com/d/1">the sheet</a>.</div><div><br></div><div>Alice</div></div>'
    plain = qp("Hi Bob,\n\nThe numbers are in – see the sheet <https://docs.example.com/d/1>.\n\nAlice\n".encode()).decode()
    eml = f"""MIME-Version: 1.0
Date: Mon, 6 May 2024 09:15:02 +0200
References: <CAF=first@mail.gmail.com>
In-Reply-To: <CAF=first@mail.gmail.com>
Message-ID: <CAF=second+xyz@mail.gmail.com>
Subject: Re: Q2 numbers
From: Alice Example <alice@gmail.com>
To: Bob Builder <bob@example.org>
Content-Type: multipart/mixed; boundary="000000000000d1e2f30617c0a1b2"

--000000000000d1e2f30617c0a1b2
Content-Type: multipart/alternative; boundary="000000000000d1e2f10617c0a1b0"

--000000000000d1e2f10617c0a1b0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{plain}
--000000000000d1e2f10617c0a1b0
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(html.encode()).decode()}
--000000000000d1e2f10617c0a1b0--
--000000000000d1e2f30617c0a1b2
Content-Type: application/pdf; name="Q2 numbers.pdf"
Content-Disposition: attachment; filename="Q2 numbers.pdf"
Content-Transfer-Encoding: base64
Content-ID: <f_lvu1x2y30>
X-Attachment-Id: f_lvu1x2y30

{b64(PDF).decode()}
--000000000000d1e2f30617c0a1b2--
"""
    write("vendor", "gmail-reply-with-attachment", eml, {
        "subject": "Re: Q2 numbers",
        "from": {"name": "Alice Example", "address": "alice@gmail.com"},
        "to": [{"name": "Bob Builder", "address": "bob@example.org"}],
        "message_id": "<CAF=second+xyz@mail.gmail.com>",
        "in_reply_to": ["<CAF=first@mail.gmail.com>"],
        "references": ["<CAF=first@mail.gmail.com>"],
        "date": 1714979702,
        "text": "Hi Bob,\n\nThe numbers are in – see the sheet <https://docs.example.com/d/1>.\n\nAlice\n",
        "html_contains": ['<a href="https://docs.example.com/d/1">the sheet</a>'],
        "attachments": [{"filename": "Q2 numbers.pdf", "mime_type": "application/pdf", "size": len(PDF),
                         "content_id": "f_lvu1x2y30", "inline": False, "part_path": "2", "crc32": crc(PDF)}],
    })


def outlook():
    html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=us-ascii"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>'
            '<body lang="EN-US"><div class="WordSection1"><p class="MsoNormal">Hello team,<o:p></o:p></p>'
            '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">See the logo: <img width="10" height="10" '
            'src="cid:image001.png@01DA9F00.12345670"></p></div></body></html>')
    plain = qp("Hello team,\n\nSee the logo:\n".encode("iso-8859-1")).decode()
    eml = f"""Received: from AM0PR01MB1234.eurprd01.prod.outlook.com
From: =?iso-8859-1?Q?Fran=E7ois_P=E9rez?= <francois@contoso.com>
To: "team@contoso.com" <team@contoso.com>
Subject: =?iso-8859-1?Q?R=E9union_de_l=27=E9quipe?=
Thread-Topic: =?iso-8859-1?Q?R=E9union_de_l=27=E9quipe?=
Thread-Index: AdqfAbCdEfGhIjKlMnOpQrStUvWxYz==
Date: Tue, 7 May 2024 14:03:11 +0000
Message-ID: <AM0PR01MB1234ABCDEF@AM0PR01MB1234.eurprd01.prod.outlook.com>
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
Content-Type: multipart/related;
\tboundary="_004_AM0PR01MB1234ABCDEF_";
\ttype="multipart/alternative"
MIME-Version: 1.0

--_004_AM0PR01MB1234ABCDEF_
Content-Type: multipart/alternative;
\tboundary="_000_AM0PR01MB1234ABCDEF_"

--_000_AM0PR01MB1234ABCDEF_
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

{plain}
--_000_AM0PR01MB1234ABCDEF_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(html.encode()).decode()}
--_000_AM0PR01MB1234ABCDEF_--

--_004_AM0PR01MB1234ABCDEF_
Content-Type: image/png; name="image001.png"
Content-Description: image001.png
Content-Disposition: inline; filename="image001.png"; size={len(PNG)};
\tcreation-date="Tue, 07 May 2024 14:03:10 GMT";
\tmodification-date="Tue, 07 May 2024 14:03:10 GMT"
Content-ID: <image001.png@01DA9F00.12345670>
Content-Transfer-Encoding: base64

{b64(PNG).decode()}

--_004_AM0PR01MB1234ABCDEF_--
"""
    write("vendor", "outlook-related-inline-image", eml, {
        "subject": "Réunion de l'équipe",
        "from": {"name": "François Pérez", "address": "francois@contoso.com"},
        "to": [{"name": "team@contoso.com", "address": "team@contoso.com"}],
        "text": "Hello team,\n\nSee the logo:\n",
        "html_contains": ["cid:image001.png@01DA9F00.12345670"],
        "attachments": [{"filename": "image001.png", "mime_type": "image/png", "size": len(PNG),
                         "content_id": "image001.png@01DA9F00.12345670", "inline": True, "part_path": "2",
                         "crc32": crc(PNG)}],
    })


def outlook_invite():
    ics = "BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nSUMMARY:Planning\nEND:VEVENT\nEND:VCALENDAR\n"
    eml = f"""From: Organizer <org@contoso.com>
To: you@example.com
Subject: Invitation: Planning
Content-Type: multipart/alternative; boundary="_000_inv_"

--_000_inv_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{b64("You are invited to Planning.".encode()).decode()}
--_000_inv_
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

{b64("<p>You are invited to <b>Planning</b>.</p>".encode()).decode()}
--_000_inv_
Content-Type: text/calendar; charset="utf-8"; method=REQUEST
Content-Transfer-Encoding: base64

{b64(ics.encode()).decode()}
--_000_inv_--
"""
    write("vendor", "outlook-calendar-invite", eml, {
        "text": "You are invited to Planning.",
        "html_contains": ["<b>Planning</b>"],
        "attachments": [{"filename": "part-3.ics", "mime_type": "text/calendar", "size": len(ics), "part_path": "3"}],
    })


def apple_mail():
    eml = f"""From: Tim <tim@icloud.com>
Content-Type: multipart/alternative;
\tboundary="Apple-Mail=_8C1E3F9A-1234-4A5B-9C8D-0123456789AB"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))
Subject: Photos from the trip
Date: Wed, 8 May 2024 18:45:00 -0700
Message-Id: <A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.com>
To: Friends <friends@example.com>

--Apple-Mail=_8C1E3F9A-1234-4A5B-9C8D-0123456789AB
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
\tcharset=us-ascii

Here is the first photo:

and here is the text after it.
--Apple-Mail=_8C1E3F9A-1234-4A5B-9C8D-0123456789AB
Content-Type: multipart/mixed;
\tboundary="Apple-Mail=_55AA55AA-0000-1111-2222-333344445555"

--Apple-Mail=_55AA55AA-0000-1111-2222-333344445555
Content-Transfer-Encoding: 7bit
Content-Type: text/html;
\tcharset=us-ascii

<html><head><meta http-equiv="content-type" content="text/html; charset=us-ascii"></head><body style="overflow-wrap: break-word;"><div>Here is the first photo:</div><div><br></div></body></html>
--Apple-Mail=_55AA55AA-0000-1111-2222-333344445555
Content-Disposition: inline;
\tfilename=IMG_0001.png
Content-Type: image/png;
\tx-unix-mode=0644;
\tname="IMG_0001.png"
Content-Transfer-Encoding: base64

{b64(PNG).decode()}
--Apple-Mail=_55AA55AA-0000-1111-2222-333344445555
Content-Transfer-Encoding: 7bit
Content-Type: text/html;
\tcharset=us-ascii

<html><head></head><body><div>and here is the text after it.</div></body></html>
--Apple-Mail=_55AA55AA-0000-1111-2222-333344445555--

--Apple-Mail=_8C1E3F9A-1234-4A5B-9C8D-0123456789AB--
"""
    write("vendor", "apple-mail-inline-photo", eml, {
        "subject": "Photos from the trip",
        "from": {"name": "Tim", "address": "tim@icloud.com"},
        "to": [{"name": "Friends", "address": "friends@example.com"}],
        "message_id": "<A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.com>",
        "date": 1715219100,
        "text": "Here is the first photo:\n\nand here is the text after it.",
        "html_contains": ["Here is the first photo:", "and here is the text after it."],
        "attachments": [{"filename": "IMG_0001.png", "mime_type": "image/png", "size": len(PNG), "inline": True,
                         "part_path": "2.2", "crc32": crc(PNG)}],
    })


def thunderbird():
    name = "Übersicht März.pdf"
    encoded = "".join(chr(b) if chr(b).isalnum() and b < 128 else "%%%02X" % b for b in name.encode())
    eml = f"""Message-ID: <5f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0@example.de>
Date: Thu, 9 May 2024 11:22:33 +0200
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: de-DE
To: =?UTF-8?Q?J=C3=BCrgen_Wei=C3=9F?= <juergen@example.de>
From: Anna Schmidt <anna@example.de>
Subject: =?UTF-8?Q?=C3=9Cbersicht_f=C3=BCr_M=C3=A4rz?=
Content-Type: multipart/mixed; boundary="------------A1b2C3d4E5f6G7h8I9j0K1l2"

This is a multi-part message in MIME format.
--------------A1b2C3d4E5f6G7h8I9j0K1l2
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Hallo Jürgen,

anbei die Übersicht für März, wie besprochen. Die Zahlen sind noch 
vorläufig.

Viele Grüße
Anna
--------------A1b2C3d4E5f6G7h8I9j0K1l2
Content-Type: application/pdf; name*=UTF-8''{encoded}
Content-Disposition: attachment; filename*=UTF-8''{encoded}
Content-Transfer-Encoding: base64

{b64(PDF).decode()}

--------------A1b2C3d4E5f6G7h8I9j0K1l2--
"""
    write("vendor", "thunderbird-flowed-attachment", eml, {
        "subject": "Übersicht für März",
        "from": {"name": "Anna Schmidt", "address": "anna@example.de"},
        "to": [{"name": "Jürgen Weiß", "address": "juergen@example.de"}],
        "text": "Hallo Jürgen,\n\nanbei die Übersicht für März, wie besprochen. Die Zahlen sind noch vorläufig.\n\nViele Grüße\nAnna",
        "attachments": [{"filename": name, "mime_type": "application/pdf", "size": len(PDF), "inline": False,
                         "part_path": "2", "crc32": crc(PDF)}],
    })


def mailing_list():
    eml = """From: "Dev List" <dev@lists.example.org>
Sender: dev-bounces@lists.example.org
Reply-To: dev@lists.example.org, Original Poster <op@example.com>
To: dev@lists.example.org
Subject: [dev] Release 2.0
List-Id: Developers <dev.lists.example.org>
List-Unsubscribe: <mailto:dev-leave@lists.example.org>, <https://lists.example.org/unsub>
Precedence: list
Content-Type: text/plain; charset=us-ascii

Release 2.0 is out.

> Earlier quoted text
-- 
dev mailing list
"""
    write("vendor", "mailing-list", eml, {
        "subject": "[dev] Release 2.0",
        "from": {"name": "Dev List", "address": "dev@lists.example.org"},
        "reply_to": [{"address": "dev@lists.example.org"}, {"name": "Original Poster", "address": "op@example.com"}],
        "text_prefix": "Release 2.0 is out.",
        "snippet": "Release 2.0 is out. -- dev mailing list",
    })
