"""The review report's Word file read back with python-docx, and once through the real LibreOffice to PDF and PNG.

No database: the contents are built here (`review.synthetic`), as the roll-ups would give them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.documents.office import docx_to_pdf
from danvan.documents.review.contents import Chart, Figure, ReviewContents, Section, Series, Table
from danvan.documents.review.synthetic import province_contents, province_header
from danvan.documents.review.word import review_docx, step_count, word_text
from danvan.documents.tests.fake_office import needs_libreoffice

NARRATIVES = {
    "limits": "Một số nơi còn hình thức, chạy theo số lượng.\nNguyên nhân: công tác kiểm tra chưa thường xuyên.",
    "directions": "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo” gắn với Đề án 02.",
}


def _header():
    header = province_header()
    header.signed_on = date(2024, 12, 20)
    return header


def _read(data: bytes):
    return Document(io.BytesIO(data))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _cell_texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _all_text(document) -> str:
    parts = _texts(document)
    for table in document.tables:
        parts.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def party_docx() -> bytes:
    return review_docx(province_contents(), _header(), layout="party", narratives=NARRATIVES)


def test_party_header_title_and_page(party_docx):
    document = _read(party_docx)
    left, right = (c.text for c in document.tables[0].rows[0].cells)
    assert left.split("\n") == ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "BAN DÂN VẬN TỈNH ỦY", "*", "Số 125-BC/BDVTU"]
    party, _blank, place = right.split("\n")
    assert party == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert document.tables[0].rows[0].cells[1].paragraphs[0].runs[0].underline
    assert place == "Tuyên Quang, ngày 20 tháng 12 năm 2024"
    assert document.tables[0].rows[0].cells[1].paragraphs[2].runs[0].italic
    texts = _texts(document)
    kind = texts.index("BÁO CÁO")
    assert texts[kind + 1] == "Tổng kết phong trào thi đua “Dân vận khéo” năm 2024"
    assert document.paragraphs[kind + 1].runs[0].bold
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    top, bottom, left, right = (
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    )
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20  # Decree 30
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14


def test_sections_are_numbered_and_narratives_follow_the_figures(party_docx):
    texts = _texts(_read(party_docx))
    headings = [t for t in texts if t[:3] in {"I. ", "II.", "III", "IV.", "V. ", "VI."} or t[:2] in {"1.", "2.", "3."}]
    assert headings[:2] == ["I. Kết quả thực hiện phong trào thi đua “Dân vận khéo”", "1. Mô hình theo lĩnh vực"]
    assert "II. Thực hiện “Ba cùng”" in texts
    limits, directions = texts.index("V. Hạn chế, nguyên nhân"), texts.index("VI. Phương hướng, nhiệm vụ")
    assert texts.index("IV. Khen thưởng") < limits < directions
    assert texts[limits + 1 : limits + 3] == NARRATIVES["limits"].split("\n")
    assert texts[directions + 1] == NARRATIVES["directions"]
    assert "Đánh giá chung" not in "\n".join(texts)  # no summary written: no empty section for it
    assert "Nơi nhận:" in _all_text(_read(party_docx))


def test_figures_table_has_the_previous_period_and_the_change_in_vietnamese_numbers(party_docx):
    document = _read(party_docx)
    figures = _cell_texts(document.tables[1])
    assert figures[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024", "Năm 2023", "Tăng (+), giảm (-)"]
    assert figures[1] == ["1", "Số mô hình, điển hình “Dân vận khéo”", "mô hình", "7.604", "7.012", "+592"]
    assert figures[3][3:] == ["33.800", "31.250", "+2.550"]
    assert figures[5][3:] == ["1.234,5", "1.100,3", "+134,3"]  # one decimal place, half up
    assert all(cell.paragraphs[0].style.font.bold for cell in document.tables[1].rows[0].cells)


def test_tables_have_stt_a_bold_header_and_a_bold_total(party_docx):
    document = _read(party_docx)
    fields = _cell_texts(document.tables[2])
    assert fields[0] == ["STT", "Lĩnh vực", "Năm nay", "Năm trước"]
    assert [row[0] for row in fields[1:5]] == ["1", "2", "3", "4"]
    assert fields[-1] == ["", "Tổng cộng", "5.800", "5.300"]
    assert all(cell.paragraphs[0].style.font.bold for cell in document.tables[2].rows[-1].cells[1:])
    assert not document.tables[2].rows[1].cells[1].paragraphs[0].style.font.bold
    communes = next(t for t in document.tables if _cell_texts(t)[0][:2] == ["STT", "Đơn vị"] and len(t.rows) > 100)
    assert len(communes.rows) == 101 and _cell_texts(communes)[100][0] == "100"
    assert len(document.inline_shapes) == 2  # the two charts, as pictures


def test_state_layout_has_the_national_title_and_motto():
    document = _read(review_docx(province_contents(charts=False), _header(), layout="state", narratives=NARRATIVES))
    left, right = (c.text.split("\n") for c in document.tables[0].rows[0].cells)
    assert left[:2] == ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "BAN DÂN VẬN TỈNH ỦY"] and "Số 125-BC/BDVTU" in left
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[-1] == "Tuyên Quang, ngày 20 tháng 12 năm 2024"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in _all_text(document)


def test_characters_word_rejects_are_dropped_everywhere():
    bad = "Hạn\x0b chế\x00 do\x1f lũ\x08 bão\ufffe"
    contents = ReviewContents(
        unit_name="Xã\x01 A",
        unit_path="2024/08/",
        era="2024",
        period_code="2024",
        period_label="năm 2024",
        previous_label="năm 2023",
        sections=[
            Section(
                f"Mục {bad}",
                paragraphs=[bad],
                figures=[Figure(bad, 3, 1)],
                tables=[Table(bad, ["Đơn vị\x0c", "Số"], [[bad, 2]])],
            )
        ],
    )
    header = _header()
    header.title, header.issuer, header.recipients = bad, "Ban\x07 Dân vận", [bad]
    data = review_docx(contents, header, narratives={"limits": bad, "directions": "Phương\x1b hướng"})
    text = _all_text(_read(data))  # python-docx would raise on a file Word refuses
    assert "Hạn chế do lũ bão" in text and "Phương hướng" in text and "BAN DÂN VẬN" in text
    assert not any(ch in text for ch in "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\ufffe")
    assert word_text("a\tb\nc\rđ") == "a\tb\nc\rđ"  # what XML allows is kept


def test_a_period_without_figures_still_has_its_header_and_says_so():
    empty = ReviewContents(
        unit_name="Tỉnh Tuyên Quang",
        unit_path="2024/08/",
        era="2024",
        period_code="2031",
        period_label="năm 2031",
        previous_label="năm 2030",
        sections=[Section("Không dùng", key="models")],
        empty=True,
    )
    document = _read(review_docx(empty, _header(), narratives={}))
    texts = _texts(document)
    assert "BAN DÂN VẬN TỈNH ỦY" in document.tables[0].rows[0].cells[0].text
    assert "Không có số liệu nào được báo cáo cho năm 2031: báo cáo này chưa có phần số liệu." in texts
    assert "Không dùng" not in "\n".join(texts)
    assert "I. Hạn chế, nguyên nhân" in texts and "(Chưa soạn nội dung.)" in texts
    assert step_count(empty) == 3


def test_a_narrative_part_the_contents_placed_is_written_there():
    contents = province_contents(charts=False)
    contents.sections.append(Section("Hạn chế, nguyên nhân và bài học kinh nghiệm", key="limits"))
    texts = _texts(_read(review_docx(contents, _header(), narratives={**NARRATIVES, "summary": "Đạt kết quả tốt."})))
    assert texts.count(NARRATIVES["limits"].split("\n")[0]) == 1
    placed = texts.index("V. Hạn chế, nguyên nhân và bài học kinh nghiệm")
    assert texts[placed + 1] == NARRATIVES["limits"].split("\n")[0]
    assert "VI. Đánh giá chung" in texts and "VII. Phương hướng, nhiệm vụ" in texts


@needs_libreoffice
@pytest.mark.slow
def test_libreoffice_makes_a_pdf_with_the_same_text_that_renders_to_png(party_docx, settings, tmp_path):
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        pytest.skip("poppler-utils is missing")
    settings.DANVAN_SOFFICE = ""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(docx_to_pdf(party_docx, timeout=120))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout  # noqa: S603, S607
    flat = " ".join(text.split())
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN DÂN VẬN TỈNH ỦY",
        "BÁO CÁO",
        "Tuyên Quang, ngày 20 tháng 12 năm 2024",
        "V. Hạn chế, nguyên nhân",
        "VI. Phương hướng, nhiệm vụ",
        "7.604",
        "1.234,5",
        "Nguyên nhân: công tác kiểm tra chưa thường xuyên.",
        "Nơi nhận:",
    ):
        assert expected in flat, expected
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)  # noqa: S603, S607
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pages)


def test_decimal_cells_keep_their_places():
    contents = ReviewContents(
        unit_name="A",
        unit_path="2024/08/",
        era="2024",
        period_code="2024",
        period_label="năm 2024",
        previous_label="năm 2023",
        sections=[
            Section("Bảng", tables=[Table("T", ["Đơn vị", "Giá trị"], [["X", Decimal("1234.50")], ["Y", None]])])
        ],
    )
    rows = _cell_texts(_read(review_docx(contents, _header())).tables[1])
    assert rows[1] == ["1", "X", "1.234,5"] and rows[2] == ["2", "Y", "—"]


def test_number_columns_are_right_aligned_and_text_columns_not(party_docx):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _read(party_docx)
    communes = next(t for t in document.tables if len(t.rows) > 100)
    first = communes.rows[1].cells
    alignments = [cell.paragraphs[0].style.paragraph_format.alignment for cell in first]
    assert alignments[1] is None and alignments[2] is None  # the commune and the district it belongs to
    assert alignments[3] == alignments[4] == WD_ALIGN_PARAGRAPH.RIGHT


def test_table_cells_keep_tabs_line_breaks_spaces_and_markup_characters():
    contents = province_contents(districts=2, communes=3, charts=False)
    odd = [[" a  b ", 1, "x\ty"], ["dòng\nhai", None, ""], ['<b>&amp; "q"</b>', 2, "\r\nz "]]
    contents.sections[0].tables.append(Table("Thử ký tự", ["Tên", "Số", "Ghi chú"], odd, total=["Tổng", 3, None]))
    document = _read(review_docx(contents, _header(), layout="party", narratives=NARRATIVES))
    table = next(t for t in document.tables if _cell_texts(t)[0] == ["STT", "Tên", "Số", "Ghi chú"])
    assert _cell_texts(table) == [
        ["STT", "Tên", "Số", "Ghi chú"],
        ["1", " a  b ", "1", "x\ty"],
        ["2", "dòng\nhai", "—", ""],
        ["3", '<b>&amp; "q"</b>', "2", "\n\nz "],
        ["", "Tổng", "3", ""],
    ]
    assert table.rows[0].cells[1].paragraphs[0].style.font.bold  # the header row, repeated on each page
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert table.rows[1].cells[2].paragraphs[0].alignment is None  # aligned by its style: numbers right
    assert table.rows[1].cells[2].paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


@pytest.mark.parametrize(
    "chart",
    [
        Chart("Mô hình theo lĩnh vực", ["Kinh tế", "Văn hóa - xã hội"], [Series("Năm nay", [1900, 1600])]),
        Chart("Theo huyện", [f"Huyện số {i}" for i in range(13)], [Series("Số", [float(i) for i in range(13)])]),
        Chart("Xu hướng", ["2022", "2023", "2024"], [Series("Tỉnh", [1.5, None, 2.25])], kind="line"),
        Chart("Âm và dương", ["a", "b"], [Series("Thu", [-5, 3.5]), Series("Chi", [0.03, None])], unit="tỷ đồng"),
    ],
)
def test_a_chart_is_a_png_of_the_text_width_with_its_series_drawn(chart):
    from PIL import Image

    from danvan.documents.review.charts import COLOURS, chart_png

    image = Image.open(io.BytesIO(chart_png(chart, clean=word_text)))
    assert image.format == "PNG" and image.size == (945, 480)  # 16 cm at 150 dpi
    colours = {(r, g, b) for _count, (r, g, b) in image.convert("RGB").getcolors(maxcolors=1 << 16)}
    first = tuple(int(COLOURS[0][i : i + 2], 16) for i in (1, 3, 5))
    assert first in colours  # the first series' bars or line
    assert (0, 0, 0) in colours  # the axes and their labels


def test_a_chart_with_nothing_reported_is_still_drawn():
    from PIL import Image

    from danvan.documents.review.charts import chart_png

    empty = Image.open(io.BytesIO(chart_png(Chart("Chưa có số liệu", ["a", "b"], [Series("x", [None, None])]))))
    assert empty.size == (945, 480)
