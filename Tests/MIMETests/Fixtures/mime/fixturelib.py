"""Helpers shared by the fixture generators (see make_fixtures.py).

Messages are written by hand here, as the mailers shape them; legacy-charset bodies are produced from
bytes (`text.encode(charset)`) because no mail library can encode every character in every charset.
"""
import base64
import zlib
import json
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))


def b64(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    return b"\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def qp(data: bytes) -> bytes:
    return quopri.encodestring(data)


def word(text: str, charset: str, mode: str = "B") -> str:
    data = text.encode(charset)
    if mode == "B":
        return f"=?{charset}?B?{base64.b64encode(data).decode()}?="
    return f"=?{charset}?Q?{''.join('=%02X' % b if b > 127 or chr(b) in '=?_ ' else chr(b) for b in data).replace('=20', '_')}?="


def crc(data: bytes) -> str:
    return "%08x" % zlib.crc32(data)


def write(folder: str, name: str, eml, expected: dict):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    data = eml if isinstance(eml, bytes) else eml.encode("utf-8")
    with open(os.path.join(HERE, folder, name + ".eml"), "wb") as f:
        f.write(data)
    if "text" in expected:
        # ParsedMessage.textBody drops trailing whitespace and blank lines.
        expected["text"] = expected["text"].rstrip()
    with open(os.path.join(HERE, folder, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a40000000049454e44ae426082")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

