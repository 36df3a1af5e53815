"""The registration form of a model in Word, filled from a model or blank, for units that still file on paper.

The form is the page's: the name, then the nine numbered sections of `forms_entry.SECTIONS` (ten
fields in all) with the model's own labels, so the page, the entry form and the paper agree. It is
laid out as Vietnamese administrative documents are (Decree 30/2020/NĐ-CP): A4, Times New Roman
13 (the title 14), margins top and bottom 20 mm, left 30 mm, right 15 mm; the issuing body on the
left of the header, the national title and motto on the right, the place and date below.

The form is always written in Vietnamese, whatever the interface's language: it is filed with
Vietnamese bodies. The blank form has the same layout, with dotted lines to write on.

User text goes through `word_text`: Word refuses a file holding characters XML 1.0 forbids (a
vertical tab pasted from Excel, a NUL from a broken import), so they are dropped, and everything
else (every Vietnamese letter, line breaks, tabs) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.core.dates import format_date
from danvan.core.numbers import format_number
from danvan.core.text import fold
from danvan.initiatives.forms_entry import SECTIONS
from danvan.initiatives.models import Initiative, Kind

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TITLE_SIZE = Pt(14)
PAGE = (Mm(210), Mm(297))  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}  # Decree 30/2020, appendix I
TEXT_WIDTH = PAGE[0] - MARGINS["left"] - MARGINS["right"]
BLANK_LINES = 3  # dotted lines under each section of the blank form

# XML 1.0 allows tab, line feed, carriage return and the rest of Unicode except surrogates and U+FFFE/U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MONEY = ("money_vnd", "social_contributions_vnd")
_DATES = ("start_date", "evaluation_date")
_FILENAME_SLUG = re.compile(r"[^a-z0-9]+")


def word_text(value: Any) -> str:
    """`value` as text Word accepts: the characters XML forbids dropped, everything else kept."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def filename(initiative: Initiative | None) -> tuple[str, str]:
    """(ASCII name, Vietnamese name) of the file: phieu-dang-ky-tuyen-pho-tu-quan-nam-son.docx."""
    if initiative is None:
        return "phieu-dang-ky-mo-hinh.docx", "Phiếu đăng ký mô hình.docx"
    slug = _FILENAME_SLUG.sub("-", fold(word_text(initiative.name)))[:80].strip("-") or str(initiative.pk)
    name = " ".join(word_text(initiative.name).split())[:120]
    return f"phieu-dang-ky-{slug}.docx", f"Phiếu đăng ký - {name}.docx"


def write_registration_form(out: IO[bytes], initiative: Initiative | None = None, *, today: date | None = None) -> None:
    """The form filled from `initiative` (None: blank), as a .docx written to `out`."""
    with translation.override("vi"):
        document = _document()
        _header(document, initiative, today or timezone.localdate())
        _title(document, initiative)
        _identity(document, initiative)
        for number, (title, names) in enumerate(SECTIONS, start=1):
            _section(document, initiative, str(title), names, with_results=number == 8)
        _signatures(document)
        document.save(out)


# --- the page and its styles ----------------------------------------------------------------------


def _document() -> Any:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = BODY_SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):  # Vietnamese letters are hAnsi in Word
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(3)
    style.paragraph_format.line_spacing = 1.15
    document.core_properties.title = _("Registration form of a “Skillful Mass Mobilization” model")
    document.core_properties.language = "vi-VN"
    return document


def _para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: Any = None,
    align: Any = None,
    dotted: bool = False,
) -> Any:
    """A paragraph of one run; `dotted` adds a tab to a dotted leader at the right margin, to write on."""
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(word_text(text))
        run.bold, run.italic = bold, italic
        if size is not None:
            run.font.size = size
    if dotted:
        _dots(paragraph)
    return paragraph


def _dots(paragraph: Any) -> None:
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph.add_run("\t")


def _no_borders(table: Any) -> None:
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


# --- the parts of the form ------------------------------------------------------------------------


def _header(document: Any, initiative: Initiative | None, today: date) -> None:
    """The issuing body on the left, the national title and motto on the right, then place and date."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    for column, cell, width in zip(table.columns, (left, right), (Mm(65), TEXT_WIDTH - Mm(65)), strict=True):
        column.width = cell.width = width  # the grid for LibreOffice, the cells for Word
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = center
    if initiative is None:  # the body above, then the body filing the form
        left.paragraphs[0].add_run("…………………………")
        _para(left, "…………………………", bold=True, align=center)
    else:
        organization = initiative.organization
        parent = organization.parent if organization.parent_id else None
        if parent is not None:
            left.paragraphs[0].add_run(word_text(parent.name).upper())
            _para(left, organization.name.upper(), bold=True, align=center)
        else:
            left.paragraphs[0].add_run(word_text(organization.name).upper()).bold = True
    _para(left, "―――――", align=center)
    right.paragraphs[0].alignment = center
    run = right.paragraphs[0].add_run(_("SOCIALIST REPUBLIC OF VIET NAM"))
    run.bold = True
    _para(right, _("Independence - Freedom - Happiness"), bold=True, size=TITLE_SIZE, align=center)
    _para(right, "―――――――――――", align=center)
    if initiative is None:
        place = _("……………, day …… month …… year ……")
    else:
        place = _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
            "place": word_text(initiative.unit.short_name or initiative.unit.name),
            "day": f"{today.day:02d}",
            "month": f"{today.month:02d}",
            "year": today.year,
        }
    _para(document, place, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _title(document: Any, initiative: Initiative | None) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    title = _para(
        document,
        _("REGISTRATION FORM OF A “SKILLFUL MASS MOBILIZATION” MODEL"),
        bold=True,
        size=TITLE_SIZE,
        align=center,
    )
    title.paragraph_format.space_before = Pt(12)
    year = str(initiative.year) if initiative is not None else "……"
    _para(document, _("Year %(year)s") % {"year": year}, bold=True, align=center)


def _label(name: str) -> str:
    """The model field's own label, as the page and the entry form show it ("Tên mô hình")."""
    return str(getattr(Initiative._meta.get_field(name), "verbose_name", name)).capitalize()


def _line(document: Any, label: str, value: str | None) -> None:
    """ "Label: value", or "Label: ……" to the right margin when there is no value (a blank form)."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    if not value:
        _dots(paragraph)
    else:
        paragraph.add_run(word_text(value))


def _identity(document: Any, initiative: Initiative | None) -> None:
    """The name and where, what and whose: unnumbered, as on the page, above the nine sections."""
    names = ("name", "field", "kind", "organization", "unit", "person", "year")
    if initiative is None:
        for name in names:
            _line(document, _label(name), None)
        return
    values = {
        "name": initiative.name,
        "field": initiative.get_field_display(),
        "kind": initiative.get_kind_display(),
        "organization": initiative.organization.name,
        "unit": initiative.unit.name,
        "person": initiative.person.full_name if initiative.person else "",
        "year": str(initiative.year),
    }
    for name in names:
        if name == "person" and initiative.kind != Kind.INDIVIDUAL and not initiative.person_id:
            continue  # a collective model names no person
        _line(document, _label(name), values[name])


def _value(initiative: Initiative, name: str) -> str:
    if name == "target_groups":
        return ", ".join(group.name for group in initiative.target_groups.all())
    value = getattr(initiative, name)
    if value is None:
        return ""
    if name in _MONEY:
        return format_number(value, lang="vi")
    if name in _DATES:
        return format_date(value, lang="vi")
    if name == "workdays":
        return format_number(value, lang="vi")
    return str(value)


def _section(
    document: Any, initiative: Initiative | None, title: str, names: Iterable[str], *, with_results: bool
) -> None:
    heading = _para(document, title, bold=True)
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.keep_with_next = True
    names = tuple(names)
    single = len(names) == 1
    for name in names:
        label = _("Target groups") if name == "target_groups" else _label(name)
        if initiative is None:
            if single:
                for _i in range(BLANK_LINES):
                    _para(document, dotted=True)
            else:
                _line(document, f"- {label}", None)
        elif single:
            _para(document, _value(initiative, name), dotted=not _value(initiative, name))
        else:
            _line(document, f"- {label}", _value(initiative, name))
    if with_results:
        _results(document, initiative)


def _results(document: Any, initiative: Initiative | None) -> None:
    """The results in numbers, under the verifiable outputs, as the page lists them."""
    if initiative is None:
        _line(document, f"- {_('Results, in numbers')}", None)
        return
    for result in initiative.results.all():
        metric = result.metric
        value = format_number(result.value, places=2, lang="vi")
        _line(document, f"- {metric.name}", f"{value} {metric.unit_label}".strip())


def _signatures(document: Any) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for cell, (who, how) in zip(
        table.rows[0].cells,
        (
            (_("PERSON FILLING IN THE FORM"), _("(Signature and full name)")),
            (_("HEAD OF THE BODY OR UNIT"), _("(Signature, full name and seal)")),
        ),
        strict=True,
    ):
        cell.paragraphs[0].alignment = center
        cell.paragraphs[0].paragraph_format.space_before = Pt(12)
        cell.paragraphs[0].add_run(who).bold = True
        _para(cell, how, italic=True, align=center)
