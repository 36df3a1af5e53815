"""Vietnamese text helpers: search must work with or without diacritics."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

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


# Vietnamese alphabetical order (as in dictionaries and official lists): the letters
# a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then the tones as a tie-break:
# none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {c: i for i, c in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # grave, hook, tilde, acute, dot
_SHAPES = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn: letters of their own
_CIRCUMFLEX_OF = {"a": "â", "e": "ê", "o": "ô"}
_HORN_OF = {"o": "ơ", "u": "ư"}


def _letters(text: str) -> tuple[list[tuple[int, int | str]], list[int]]:
    letters: list[tuple[int, int | str]] = []
    tones: list[int] = []
    for ch in text.lower():
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark == "\u0302":
                base = _CIRCUMFLEX_OF.get(base, base)
            elif mark == "\u031b":
                base = _HORN_OF.get(base, base)
            elif mark in _SHAPES and base == "a":
                base = "ă"
        rank = _LETTER_RANK.get(base)
        # letters of the alphabet by their rank; anything else (f, j, w, z, digits, spaces) after them, as itself
        letters.append((0, rank) if rank is not None else (1, base))
        tones.append(tone)
    return letters, tones


def vi_sort_key(text: str) -> tuple[Any, ...]:
    """A key that sorts Vietnamese words alphabetically: "Bắc Giang" < "Bến Tre" < "Cà Mau" < "Đà Nẵng" < "Điện Biên".

    Word by word (a shorter word first: "An" < "An Giang" < "Anh"), letters before tones.
    """
    words = _SPACES.sub(" ", text).strip().split(" ")
    keyed = [_letters(w) for w in words]
    return (tuple(tuple(letters) for letters, _t in keyed), tuple(tuple(t) for _l, t in keyed))


# The kind of unit a name begins with, left out when names are sorted: "Thành phố Hà Nội" sorts at H.
_UNIT_PREFIXES = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "tỉnh",
    "quận",
    "huyện",
    "phường",
    "xã",
    "đặc khu",
)


def place_name_key(name: str) -> tuple[Any, ...]:
    """Sort key of an administrative unit's name, without its "Tỉnh", "Thành phố", "Xã"… prefix."""
    text = _SPACES.sub(" ", name).strip()
    lowered = text.lower()
    for prefix in _UNIT_PREFIXES:
        if lowered.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
            break
    return (vi_sort_key(text), vi_sort_key(name))
