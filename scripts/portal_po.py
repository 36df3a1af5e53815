"""Adds translations to the portal languages' catalogs: `python scripts/portal_po.py FILE.py ...`.

Each FILE.py holds `T = {msgid: {"es": ..., "de": ..., "nb": ..., "ja": ...}}`; a plural entry has
`"plural": msgid_plural` and a list of forms per language (one for Japanese, two for the others). Entries already in
a catalog are left alone; new ones are appended. The list of what is missing comes from
`danvan/portal/tests/test_translations_complete.py`, which renders the public pages in each
language and names every string without a translation.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "danvan" / "locale"
PLURALS = {
    "es": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "nb": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
}
NAMES = {"es": "Spanish", "de": "German", "nb": "Norwegian Bokmål", "ja": "Japanese"}


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def header(lang: str) -> str:
    return (
        f"# DanVan's public portal in {NAMES[lang]}.\n"
        "# This file is distributed under the same license as the DanVan package.\n"
        'msgid ""\nmsgstr ""\n'
        '"Project-Id-Version: DanVan\\n"\n'
        '"PO-Revision-Date: 2026-12-08 00:00+0700\\n"\n'
        '"Last-Translator: DanVan maintainers\\n"\n'
        '"Language-Team: DanVan maintainers\\n"\n'
        f'"Language: {lang}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        f'"Plural-Forms: {PLURALS[lang]}\\n"\n'
    )


def main(files: list[str]) -> None:
    table: dict[str, dict[str, str]] = {}
    for f in files:
        table.update(runpy.run_path(f)["T"])
    for lang in PLURALS:
        po = LOCALE / lang / "LC_MESSAGES" / "django.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        text = po.read_text(encoding="utf-8") if po.exists() else header(lang)
        added = 0
        for msgid, by_lang in table.items():
            if lang not in by_lang or f"\nmsgid {quote(msgid)}\n" in text:
                continue
            value = by_lang[lang]
            if isinstance(value, list):
                text += f"\nmsgid {quote(msgid)}\nmsgid_plural {quote(by_lang['plural'])}\n"
                text += "".join(f"msgstr[{i}] {quote(form)}\n" for i, form in enumerate(value))
            else:
                text += f"\nmsgid {quote(msgid)}\nmsgstr {quote(value)}\n"
            added += 1
        po.write_text(text, encoding="utf-8")
        print(f"{lang}: {added} added")


if __name__ == "__main__":
    main(sys.argv[1:])
