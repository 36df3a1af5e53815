"""Vietnamese text helpers: search must work with or without diacritics."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form: "Phường Uông Bí" -> "phuong uong bi".

    đ/Đ is a letter of its own, not a d with a mark, so NFD alone leaves it; map it first.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip().lower()


def english_or(english: str, vietnamese: str) -> str:
    """`english` in the English interface when there is one, else `vietnamese` (data tables' names)."""
    from django.utils.translation import get_language

    return english if english and (get_language() or "").startswith("en") else vietnamese
