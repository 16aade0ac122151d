#!/usr/bin/env python3
"""Writes the golden MIME fixtures (NAME.eml + NAME.json) under rfc/, malformed/ and vendor/.

Messages are written by hand, shaped the way the RFCs and the mailers shape them; legacy-charset bodies
are produced from bytes (`text.encode(charset)`) because no mail library can encode every character in
every charset. Run from this directory: `python3 make_fixtures.py`.
"""
import fixtures_malformed
import fixtures_rfc
import fixtures_vendor

if __name__ == "__main__":
    for module in (fixtures_rfc, fixtures_malformed, fixtures_vendor):
        module.make()
