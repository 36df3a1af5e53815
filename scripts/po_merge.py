"""Merges translation catalogs entry by entry: `python scripts/po_merge.py OUT BASE.po OTHER.po...`.

Why: `.gitattributes` merges `django.po` with git's `union` driver, which joins the two sides
line by line. When two branches both append entries at the end, the union can interleave their
lines (a `msgstr` of one entry inside another) or repeat an entry, and `msgfmt` then refuses the
file. After such a merge, take the base's catalog and each branch's (`git show REV:path`), and
write OUT as the base's entries followed by the other files' entries whose msgctxt and msgid the
result does not have yet, each whole. Entries are told apart by line: a comment, `msgctxt` or
`msgid` that follows a `msgstr` starts a new entry, blank line or not.
"""

from __future__ import annotations

import sys


def entries(text: str) -> list[tuple[str, str]]:
    """(key, block) per entry: the key is the msgctxt and msgid with their continuation lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    after_msgstr = False
    for line in text.splitlines():
        starts = line.startswith(("#", "msgctxt", "msgid "))
        if not line.strip() or (starts and after_msgstr):
            if current:
                blocks.append(current)
            current, after_msgstr = [], False
            if not line.strip():
                continue
        if line.startswith("msgstr"):
            after_msgstr = True
        current.append(line)
    if current:
        blocks.append(current)
    result = []
    for lines in blocks:
        key: list[str] = []
        mode = None
        for line in lines:
            if line.startswith("msgctxt "):
                mode = "C"
                key.append("C" + line[8:])
            elif line.startswith("msgid "):
                mode = "I"
                key.append("I" + line[6:])
            elif line.startswith(("msgid_plural", "msgstr", "#")):
                mode = None
            elif line.startswith('"') and mode:
                key.append(line)
        result.append(("".join(key), "\n".join(lines)))
    return result


def merge(base: str, others: list[str]) -> str:
    seen: set[str] = set()
    out: list[str] = []
    for text in [base, *others]:
        for key, block in entries(text):
            header = key in ("", 'I""')
            if not header and key in seen:
                continue
            if header and out and text is not base:
                continue  # one header: the base's
            seen.add(key)
            out.append(block)
    return "\n\n".join(out) + "\n"


def main(argv: list[str]) -> None:
    out, base, *others = argv
    with open(base, encoding="utf-8") as f:
        base_text = f.read()
    other_texts = []
    for path in others:
        with open(path, encoding="utf-8") as f:
            other_texts.append(f.read())
    with open(out, "w", encoding="utf-8") as f:
        f.write(merge(base_text, other_texts))


if __name__ == "__main__":
    main(sys.argv[1:])
