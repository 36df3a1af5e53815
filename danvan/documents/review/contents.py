"""What a review report says, independent of how it is laid out.

`documents.selectors.review.review_contents` fills these from the live roll-ups and the registers;
`documents.review.word` writes them into a Word file in the Party (36-HD/VPTW) or State
(Decree 30/2020/NĐ-CP) layout. Keeping the two apart lets the figures be tested against the
roll-ups without reading Word, and the layout be tested without building a year of data.

Numbers stay numbers (Decimal or int) until the writer formats them with the language's format
module, so the file shows "7.604" and "1.234,5" in Vietnamese and a test can compare values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Number = Decimal | int


@dataclass
class Figure:
    """One headline figure with last year's (or the previous period's) beside it."""

    label: str  # e.g. "Số mô hình dân vận khéo"
    value: Number | None  # None: nothing reported (not a reported zero)
    previous: Number | None = None
    unit: str = ""  # e.g. "mô hình", "người", "%"
    places: int = 0  # decimal places shown
    code: str = ""  # the indicator's code, when the figure is a roll-up (tests compare by it)

    @property
    def change(self) -> Number | None:
        """The difference from the previous figure; None when either side is missing."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


Cell = str | Number | None


@dataclass
class Table:
    """A table in Vietnamese style: a caption, a header row, body rows and an optional total row.

    The first column of every row is its label (a unit, a field, a kind); the writer adds the
    "STT" (row number) column itself.
    """

    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    note: str = ""  # e.g. the source or "Số liệu trong phạm vi được giao"


@dataclass
class Series:
    name: str
    values: list[float | None]


@dataclass
class Chart:
    """A chart the writer draws as an image (bar by default; "line" for trends)."""

    title: str
    categories: list[str]
    series: list[Series]
    kind: str = "bar"  # "bar" | "line"
    unit: str = ""


@dataclass
class Section:
    """A numbered section ("I.", then "1.", then "a)") with its text, figures, tables and charts."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    key: str = ""  # stable name for tests and the narrative parts, e.g. "models", "limits"


@dataclass
class Header:
    """The header block both layouts print above the title."""

    issuer: str  # e.g. "BAN DÂN VẬN TỈNH ỦY TUYÊN QUANG"
    superior: str = ""  # e.g. "TỈNH ỦY TUYÊN QUANG" (Party) or "UBND TỈNH ..." (State): the body above
    number: str = ""  # e.g. "Số 125-BC/BDVTU"
    place: str = ""  # e.g. "Tuyên Quang"
    signed_on: date | None = None
    kind: str = "BÁO CÁO"
    title: str = ""  # e.g. "Tổng kết phong trào thi đua "Dân vận khéo" năm 2024"
    signer_title: str = ""  # e.g. "T/M BAN THƯỜNG VỤ" / "TRƯỞNG BAN"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"


@dataclass
class ReviewContents:
    """The whole report: who, what period, on which map, and its sections in order."""

    unit_name: str  # e.g. "Tỉnh Tuyên Quang"
    unit_path: str  # e.g. "2024/08"
    era: str  # the map the figures are on: "2024" or "2025"
    period_code: str  # e.g. "2024", "2024-H1"
    period_label: str  # e.g. "năm 2024", "6 tháng đầu năm 2025"
    previous_label: str  # e.g. "năm 2023"
    sections: list[Section]
    scope_note: str = ""  # set when the reader's scope limits the figures (never headed as the whole unit)
    empty: bool = False  # True when the period has no figures at all: the writer still writes, and says so

    def section(self, key: str) -> Section | None:
        """Find a section (at any depth) by its key."""
        stack = list(self.sections)
        while stack:
            s = stack.pop(0)
            if s.key == key:
                return s
            stack[:0] = s.subsections
        return None
