"""The review report as a Word file, in the Party layout (Hướng dẫn 36-HD/VPTW) or the State one (Decree 30/2020/NĐ-CP).

`write_review(out, contents, header, layout=..., narratives=...)` writes `ReviewContents` (the
figures, tables and charts read from the roll-ups), the narrative parts written in DanVan, and
the header the issuing body filled in. The page is A4, Times New Roman 13 (the title 14), margins
top and bottom 20 mm, left 30 mm, right 15 mm (both texts allow 20–25 / 30–35 / 15–20).

- Header: a borderless table of two columns. Party: the body above ("ĐẢNG BỘ TỈNH …"), the
  issuer in bold, "*", the number on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined and the
  place and date in italics on the right. State: the body above, the issuer, the number on the
  left; the national title and motto, then the place and date on the right.
- The kind ("BÁO CÁO") and the title centred in bold; sections numbered I., 1., a).
- Figures in a table beside the previous period's and the change; tables with an "STT" column,
  a bold header row and a bold total row; charts as PNG pictures (`review.charts`).
- The narrative parts after the figures, then the signature and "Nơi nhận" (recipients).

The file is always in Vietnamese, whatever the interface's language: it is filed with Vietnamese
bodies, and its fixed words ("BÁO CÁO", "Nơi nhận", "STT") are part of the official layout, so
they are written here as the layout gives them rather than translated. Numbers go through
`core.numbers` in Vietnamese (7.604 · 1.234,5).

Every text goes through `word_text`: Word refuses a file holding characters XML 1.0 forbids (a
vertical tab pasted from Excel, a NUL), so they are dropped, and everything else is kept.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from html import escape
from typing import IO, Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from danvan.core.numbers import format_number
from danvan.documents.review.contents import Cell, Chart, Figure, Header, ReviewContents, Section, Table

PARTY, STATE = "party", "state"
FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TITLE_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
WIDE_TABLE_SIZE = Pt(9)  # a table of more than WIDE_COLUMNS columns: its headers must not break inside words
WIDE_COLUMNS = 5
WIDE = "Small"  # the suffix of the wide tables' cell styles
PAGE = (Mm(210), Mm(297))  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH = PAGE[0] - MARGINS["left"] - MARGINS["right"]
HEADER_LEFT = {"party": Mm(80), "state": Mm(70)}  # the State right column holds the national title on one line
CHART_WIDTH = Mm(160)

# the official layout's fixed words (see the module's docstring)
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
STT = "STT"
RECIPIENTS = "Nơi nhận:"
KEPT = "Lưu"
NO_FIGURES = "Không có số liệu nào được báo cáo cho {period}: báo cáo này chưa có phần số liệu."
FIGURE_COLUMNS = ("Chỉ tiêu", "Đơn vị tính", "{now}", "{before}", "Tăng (+), giảm (-)")
NARRATIVE_TITLES = {
    "summary": "Đánh giá chung",
    "limits": "Hạn chế, nguyên nhân",
    "directions": "Phương hướng, nhiệm vụ",
}
NARRATIVE_ORDER = ("summary", "limits", "directions")
NOT_WRITTEN = "(Chưa soạn nội dung.)"
EMPTY = "—"

# XML 1.0 allows tab, line feed, carriage return and the rest of Unicode except surrogates and U+FFFE/U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")

Step = Callable[[str], None]


def word_text(value: Any) -> str:
    """`value` as text Word accepts: the characters XML forbids dropped, everything else kept."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def number_text(value: Cell, *, places: int | None = None) -> str:
    """A number as the report writes it in Vietnamese (7.604 · 1.234,5); text as it is; "—" for nothing."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return word_text(value)
    return format_number(value, places=places, lang="vi", empty=EMPTY)


def change_text(value: Decimal | int | None, *, places: int = 0) -> str:
    if value is None:
        return EMPTY
    text = format_number(-value if value < 0 else value, places=places, lang="vi")
    return f"+{text}" if value > 0 else (f"-{text}" if value < 0 else "0")


def write_review(
    out: IO[bytes],
    contents: ReviewContents,
    header: Header,
    *,
    layout: str = PARTY,
    narratives: Mapping[str, str] | None = None,
    step: Step | None = None,
) -> None:
    """The report as a .docx written to `out`; `step(name)` is called as each part is written (progress)."""
    writer = _Writer(contents, header, layout=layout, narratives=dict(narratives or {}), step=step or (lambda _s: None))
    writer.write()
    writer.document.save(out)


def review_docx(contents: ReviewContents, header: Header, **options: Any) -> bytes:
    buffer = io.BytesIO()
    write_review(buffer, contents, header, **options)
    return buffer.getvalue()


def step_count(contents: ReviewContents) -> int:
    """How many times `write_review` calls `step`: the header, each top-level section, the narratives, the end."""
    return 3 + (0 if contents.empty else len(contents.sections))


class _Writer:
    def __init__(
        self, contents: ReviewContents, header: Header, *, layout: str, narratives: dict[str, str], step: Step
    ) -> None:
        self.contents, self.header, self.layout, self.step = contents, header, layout, step
        self.narratives = {part: text for part, text in narratives.items() if word_text(text).strip()}
        self.document = _document(word_text(header.title))
        self.placed: set[str] = set()  # the narrative parts written into a section of the contents

    # --- the whole ------------------------------------------------------------------------------

    def write(self) -> None:
        self.step("header")
        self._header()
        self._title()
        sections = [] if self.contents.empty else list(self.contents.sections)
        if self.contents.empty:
            _para(self.document, NO_FIGURES.format(period=word_text(self.contents.period_label)), italic=True)
        for number, section in enumerate(sections, start=1):
            self.step(section.key or section.title)
            self._section(section, 1, number)
        self.step("narratives")
        number = len(sections)
        for part in NARRATIVE_ORDER:
            if part in self.placed or (part == "summary" and part not in self.narratives):
                continue  # written inside the contents' own section; a summary only when there is one
            number += 1
            self._narrative_section(part, number)
        self.step("signature")
        self._signature()

    # --- header and title -----------------------------------------------------------------------

    def _header(self) -> None:
        h = self.header
        left_width = HEADER_LEFT.get(self.layout, HEADER_LEFT[PARTY])
        table = _borderless_table(self.document, (left_width, TEXT_WIDTH - left_width))
        left, right = table.rows[0].cells
        center = WD_ALIGN_PARAGRAPH.CENTER
        first = True

        def line(cell: Any, text: str, **style: Any) -> Any:
            nonlocal first
            if cell is left and first:
                first = False
                return _fill(cell.paragraphs[0], text, align=center, **style)
            return _para(cell, text, align=center, **style)

        if h.superior:
            line(left, word_text(h.superior).upper(), size=Pt(12))
        line(left, word_text(h.issuer).upper(), bold=True)
        if self.layout == PARTY:
            line(left, "*")
            if h.number:
                line(left, word_text(h.number))
        else:
            line(left, "―――――")
            if h.number:
                line(left, word_text(h.number))
        place_date = _place_and_date(h.place, h.signed_on)
        if self.layout == PARTY:
            _fill(right.paragraphs[0], PARTY_NAME, bold=True, underline=True, align=center, size=Pt(14))
            _para(right, "")
            _para(right, place_date, italic=True, align=center)
        else:
            _fill(right.paragraphs[0], NATION, bold=True, align=center, size=Pt(12))
            _para(right, MOTTO, bold=True, align=center, size=Pt(13))
            _para(right, "―――――――――――", align=center)
            _para(right, place_date, italic=True, align=center)

    def _title(self) -> None:
        center = WD_ALIGN_PARAGRAPH.CENTER
        kind = _para(
            self.document, word_text(self.header.kind or "BÁO CÁO").upper(), bold=True, size=TITLE_SIZE, align=center
        )
        kind.paragraph_format.space_before = Pt(18)
        kind.paragraph_format.space_after = Pt(0)
        _para(self.document, word_text(self.header.title), bold=True, size=TITLE_SIZE, align=center)
        _para(self.document, "-----", align=center)
        if self.contents.scope_note:
            _para(self.document, word_text(self.contents.scope_note), italic=True, align=center)

    # --- sections -------------------------------------------------------------------------------

    def _heading(self, title: str, depth: int, number: int) -> None:
        if depth == 1:
            label = f"{_ROMAN[number - 1] if number <= len(_ROMAN) else number}."
        elif depth == 2:
            label = f"{number}."
        else:
            label = f"{chr(ord('a') + (number - 1) % 26)})"
        paragraph = _para(self.document, f"{label} {word_text(title)}", bold=True, italic=depth >= 3)
        paragraph.paragraph_format.space_before = Pt(8 if depth == 1 else 4)
        paragraph.paragraph_format.keep_with_next = True

    def _section(self, section: Section, depth: int, number: int) -> None:
        self._heading(section.title, depth, number)
        for text in section.paragraphs:
            _body(self.document, text)
        if section.figures:
            self._figures(section.figures)
        for table in section.tables:
            self._table(table)
        for chart in section.charts:
            self._chart(chart)
        if section.key in NARRATIVE_TITLES:  # a place the contents kept for a narrative part
            self.placed.add(section.key)
            for text in _paragraphs(self.narratives.get(section.key, "")) or [NOT_WRITTEN]:
                _body(self.document, text)
        for sub_number, sub in enumerate(section.subsections, start=1):
            self._section(sub, depth + 1, sub_number)

    def _narrative_section(self, part: str, number: int) -> None:
        self._heading(NARRATIVE_TITLES[part], 1, number)
        for text in _paragraphs(self.narratives.get(part, "")) or [NOT_WRITTEN]:
            _body(self.document, text)

    def _figures(self, figures: list[Figure]) -> None:
        now = word_text(self.contents.period_label).capitalize() or EMPTY
        before = word_text(self.contents.previous_label).capitalize() or EMPTY
        columns = [c.format(now=now, before=before) for c in FIGURE_COLUMNS]
        rows: list[list[str]] = [
            [
                word_text(f.label),
                word_text(f.unit),
                number_text(f.value, places=f.places),
                number_text(f.previous, places=f.places),
                change_text(f.change, places=f.places),
            ]
            for f in figures
        ]
        self._grid(columns, rows, None, numeric=[False, False, True, True, True])

    def _table(self, table: Table) -> None:
        caption = _para(
            self.document, word_text(table.caption), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(6)
        rows = [[number_text(c) for c in row] for row in table.rows]
        total = [number_text(c) if c is not None else "" for c in table.total] if table.total is not None else None
        numeric = [  # a column is right-aligned when what it holds is numbers (a label column may sit anywhere)
            i > 0
            and any(isinstance(row[i], int | Decimal) for row in table.rows if i < len(row))
            and all(row[i] is None or isinstance(row[i], int | Decimal) for row in table.rows if i < len(row))
            for i in range(len(table.columns))
        ]
        self._grid([word_text(c) for c in table.columns], rows, total, numeric=numeric)
        if table.note:
            _para(self.document, word_text(table.note), italic=True, size=Pt(11))

    def _grid(self, columns: list[str], rows: list[list[str]], total: list[str] | None, *, numeric: list[bool]) -> None:
        """A table with an STT column, a bold repeated header row and a bold total row.

        Cells are written through the table styles of `_document` (one `pStyle` per cell, no run
        properties), and the rows as XML text parsed once per table: a province's commune table has
        a hundred rows, and python-docx builds each cell element by element (a `w:tc` parsed on its
        own, its width, its style, its run), which cost most of the file's time. The XML is what
        python-docx writes for the same cells (`_cell_xml`).
        """
        wide = len(columns) > WIDE_COLUMNS
        stt = Mm(10) if wide else Mm(12)
        widths = [stt, *_column_widths(len(columns), TEXT_WIDTH - stt)]
        grid = self.document.add_table(rows=0, cols=len(widths))
        grid._tbl.tblPr.style = "TableGrid"  # the template's "Table Grid" (its id, without the style lookup)
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        _fixed_layout(grid)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width  # the grid; each row's cells take their widths from it
        twips = [gc.get(qn("w:w")) for gc in grid._tbl.tblGrid.gridCol_lst]
        xml: list[str] = []

        def row(texts: list[str], styles: list[str], *, header: bool = False) -> None:
            xml.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header else "<w:tr>")
            xml.extend(_cell_xml(text, style, width) for text, style, width in zip(texts, styles, twips, strict=False))
            xml.append("</w:tr>")

        count = len(columns)
        size = WIDE if wide else ""
        row([STT, *columns], [_HEAD + size] * (count + 1), header=True)
        body = [(_NUMBER if numeric[i] else _TEXT) + size for i in range(count)]
        for index, texts in enumerate(rows, start=1):
            row([str(index), *texts], [_CENTER + size, *body])
        if total is not None:
            ends = [(_TOTAL_NUMBER if numeric[i] else _TOTAL) + size for i in range(count)]
            row(["", *total], [_CENTER + size, *ends])
        grid._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(xml)}</w:tbl>")))
        _para(self.document, "").paragraph_format.space_after = Pt(0)

    def _chart(self, chart: Chart) -> None:
        from danvan.documents.review.charts import chart_png  # Pillow loads only when a report has charts

        picture = chart_png(chart, clean=word_text)
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(io.BytesIO(picture), width=CHART_WIDTH)
        _para(self.document, word_text(chart.title), italic=True, size=Pt(11), align=WD_ALIGN_PARAGRAPH.CENTER)

    # --- the end --------------------------------------------------------------------------------

    def _signature(self) -> None:
        h = self.header
        table = _borderless_table(self.document, (TEXT_WIDTH // 2, TEXT_WIDTH - TEXT_WIDTH // 2))
        left, right = table.rows[0].cells
        first = left.paragraphs[0]
        first.paragraph_format.space_before = Pt(12)
        _fill(first, RECIPIENTS, bold=True, italic=True, size=Pt(12))
        for recipient in [*(word_text(r) for r in h.recipients if word_text(r).strip()), KEPT]:
            _para(left, f"- {recipient.strip()}", size=Pt(11))
        center = WD_ALIGN_PARAGRAPH.CENTER
        top = right.paragraphs[0]
        top.paragraph_format.space_before = Pt(12)
        lines = [line for line in word_text(h.signer_title).upper().splitlines() if line.strip()] or [""]
        _fill(top, lines[0], bold=True, align=center)
        for line in lines[1:]:
            _para(right, line, bold=True, align=center)
        for _i in range(4):
            _para(right, "")
        _para(right, word_text(h.signer_name), bold=True, align=center)


# --- helpers ---------------------------------------------------------------------------------------


def _document(title: str) -> Any:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):  # Vietnamese letters are hAnsi in Word
            fonts.set(qn(attribute), FONT)
    _table_styles(document)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    document.core_properties.title = title
    document.core_properties.language = "vi-VN"
    return document


# the table cells' paragraph styles: (style id, bold, alignment)
_TEXT, _NUMBER, _CENTER, _HEAD, _TOTAL, _TOTAL_NUMBER = (
    "DanVanCell",
    "DanVanCellNumber",
    "DanVanCellCentre",
    "DanVanCellHead",
    "DanVanCellTotal",
    "DanVanCellTotalNumber",
)
_CELL_STYLES = (
    (_TEXT, False, None),
    (_NUMBER, False, WD_ALIGN_PARAGRAPH.RIGHT),
    (_CENTER, False, WD_ALIGN_PARAGRAPH.CENTER),
    (_HEAD, True, WD_ALIGN_PARAGRAPH.CENTER),
    (_TOTAL, True, None),
    (_TOTAL_NUMBER, True, WD_ALIGN_PARAGRAPH.RIGHT),
)


def _table_styles(document: Any) -> None:
    """The cells' paragraph styles, written as the XML python-docx's `add_style` leaves (each call
    of which reads every name among the template's 160 styles): based on Normal, 1 pt before
    and after, single spacing, bold or not, and aligned when not left."""
    jc = {WD_ALIGN_PARAGRAPH.RIGHT: "right", WD_ALIGN_PARAGRAPH.CENTER: "center"}
    styles = []
    for (name, bold, align), size in [(c, TABLE_SIZE) for c in _CELL_STYLES] + [
        ((n + WIDE, b, a), WIDE_TABLE_SIZE) for n, b, a in _CELL_STYLES
    ]:
        align_xml = f'<w:jc w:val="{jc[align]}"/>' if align is not None else ""
        bold_xml = "<w:b/>" if bold else '<w:b w:val="0"/>'
        styles.append(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{name}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="{Pt(1).twips}" w:after="{Pt(1).twips}" '
            f'w:line="240" w:lineRule="auto"/>{align_xml}</w:pPr>'
            f'<w:rPr>{bold_xml}<w:sz w:val="{round(size.pt * 2)}"/></w:rPr></w:style>'
        )
    document.styles.element.extend(list(parse_xml(f"<w:styles {nsdecls('w')}>{''.join(styles)}</w:styles>")))


def _cell_xml(text: str, style: str, width: str | None) -> str:
    """A table cell as python-docx writes it: its width, its paragraph style, and the text as one
    run, where a tab is a `w:tab`, a line break (each CR or LF) a `w:br`, and a piece of text with
    spaces at either end keeps them (`xml:space="preserve"`)."""
    run = ""
    if text:
        parts = []
        for piece in _RUN_BREAKS.split(text):
            if piece == "\t":
                parts.append("<w:tab/>")
            elif piece in ("\r", "\n"):
                parts.append("<w:br/>")
            elif piece:
                space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
                parts.append(f"<w:t{space}>{escape(piece, quote=False)}</w:t>")
        run = f"<w:r>{''.join(parts)}</w:r>"
    cell_width = f'<w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>' if width is not None else ""
    return f'<w:tc>{cell_width}<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p></w:tc>'


_RUN_BREAKS = re.compile("([\t\r\n])")


def _fixed_layout(table: Any) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _fill(
    paragraph: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: Any = None,
    align: Any = None,
) -> Any:
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        if bold:  # only what is on: an explicit "off" is one more element per run for nothing
            run.bold = True
        if italic:
            run.italic = True
        if underline:
            run.underline = True
        if size is not None:
            run.font.size = size
    return paragraph


def _para(container: Any, text: str, **style: Any) -> Any:
    return _fill(container.add_paragraph(), text, **style)


def _body(document: Any, text: str) -> None:
    """A paragraph of running text: justified, its first line indented, as official documents are."""
    paragraph = _para(document, word_text(text), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(10)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in word_text(text).replace("\r\n", "\n").split("\n") if line.strip()]


def _place_and_date(place: str, signed_on: date | None) -> str:
    where = word_text(place).strip() or "……"
    if signed_on is None:
        return f"{where}, ngày …… tháng …… năm ……"
    return f"{where}, ngày {signed_on.day:02d} tháng {signed_on.month:02d} năm {signed_on.year}"


def _borderless_table(document: Any, widths: tuple[Any, ...]) -> Any:
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width  # the grid for LibreOffice, the cells for Word
    return table


def _repeat_header(tr: Any) -> None:
    """The header row repeats at the top of each page a long table runs onto."""
    properties = tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _column_widths(count: int, width: int) -> list[int]:
    """The label column takes what the number columns leave."""
    if count == 1:
        return [width]
    numbers = min(Mm(28), (width * 7 // 10) // (count - 1))
    return [width - numbers * (count - 1), *([numbers] * (count - 1))]
