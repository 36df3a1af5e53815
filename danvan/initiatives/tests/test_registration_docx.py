"""The registration form in Word: /models/<pk>/registration.docx filled in, /models/registration-form.docx blank.

Read back with python-docx: the title, the name and the nine numbered sections with the page's
labels in Vietnamese, the model's values with their diacritics, A4 with Decree 30's margins, Times
New Roman; the blank form has the labels and dotted lines, no values; scope (404), sign-in, and
characters Word refuses dropped rather than a broken file or a 500.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_TAB_LEADER
from docx.shared import Mm

from danvan.initiatives.models import Initiative
from danvan.initiatives.sheets import registration_docx
from danvan.initiatives.tests.factories import NAM_KHE_FRONT, nam_khe_model
from danvan.initiatives.tests.test_views_detail import full_model
from danvan.org.models import Organization, Person

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE = "PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”"
SECTION_TITLES = [
    "1. Thực trạng và lý do xây dựng mô hình",
    "2. Mục tiêu và tiêu chí đánh giá",
    "3. Nội dung và cách làm",
    "4. Địa bàn và đối tượng",
    "5. Lực lượng chủ trì, phối hợp và vai trò",
    "6. Nguồn lực",
    "7. Tiến độ thực hiện",
    "8. Kết quả, sản phẩm kiểm chứng được",
    "9. Tính bền vững và khả năng nhân rộng",
]
LABELS = ["Tên mô hình", "Lĩnh vực", "Loại", "Cơ quan, tổ chức chủ trì", "Đơn vị hành chính", "Năm đăng ký"]
LABELS += ["Tiền (đồng)", "Hiện vật", "Ngày công", "Xã hội hóa (đồng)", "Ngày bắt đầu", "Các mốc thực hiện"]
LABELS += ["Ngày đánh giá", "Đối tượng"]
VALUES = [
    "Tuyến phố tự quản Nam Sơn",
    "Tuyến phố xuống cấp, thiếu chiếu sáng.",
    "Tuyến phố sáng – xanh – sạch – đẹp.",
    "Nhân dân đóng góp 185 triệu đồng chỉnh trang tuyến phố dài 1 km, 106 hộ.",
    "Tuyến phố Nam Sơn; 106 hộ gia đình.",
    "Ủy ban MTTQ phường chủ trì; chi bộ khu phố phối hợp.",
    "Tiền (đồng): 20.000.000",
    "Ngày công: 1.250",
    "Xã hội hóa (đồng): 185.000.000",
    "Ngày bắt đầu: 01/03/2024",
    "Ngày đánh giá: 30/11/2024",
    "Quý II: lắp đèn; quý III: trồng cây.",
    "Khoảng 1 km tuyến phố được chỉnh trang.",
    "Các hộ tự quản; dễ nhân rộng.",
    "Lĩnh vực: văn hóa - xã hội",
]


def read(response):
    return Document(io.BytesIO(b"".join(response.streaming_content)))


def text_of(document) -> str:
    """Every paragraph, the header's and signatures' table cells included, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def test_it_fills_the_form_from_the_model(login, commune_reporter):
    model = full_model(commune_reporter)
    response = login(commune_reporter).get(reverse("initiatives:registration_docx", args=[model.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    document = read(response)
    text = text_of(document)
    assert TITLE in text
    assert "Năm 2024" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert model.organization.name.upper() in text
    paragraphs = [p.text for p in document.paragraphs]
    for title in SECTION_TITLES:
        assert title in paragraphs
    assert paragraphs.index(SECTION_TITLES[0]) < paragraphs.index(SECTION_TITLES[8])
    for label in LABELS:
        assert f"{label}:" in text, label
    for value in VALUES:
        assert value in text, value
    assert "Đối tượng: Cộng đồng dân cư" in text


def test_it_names_the_person_of_an_individual_model_and_leaves_empty_fields_to_write_on(login, commune_reporter):
    person = Person.objects.create(
        full_name="Nguyễn Thị Lan", organization=Organization.objects.get(name=NAM_KHE_FRONT)
    )
    model = nam_khe_model(commune_reporter, kind="individual", person=person)
    document = read(login(commune_reporter).get(reverse("initiatives:registration_docx", args=[model.pk])))
    text = text_of(document)
    assert "Cá nhân: Nguyễn Thị Lan" in text
    assert "Loại: cá nhân" in text
    assert "Tiền (đồng): \t" in text  # no money recorded: a dotted line, not "None" or "0"
    assert "None" not in text
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[paragraphs.index(SECTION_TITLES[0]) + 1] == "\t"  # no situation recorded: a dotted line


def test_it_lists_the_results_under_the_outputs(login, commune_reporter):
    model = full_model(commune_reporter)
    text = text_of(read(login(commune_reporter).get(reverse("initiatives:registration_docx", args=[model.pk]))))
    outputs, sustainability = text.index("8. Kết quả"), text.index("9. Tính bền vững")
    metric = model.results.get(metric__code="ho-gia-dinh").metric
    assert f"{metric.name}: 106" in text[outputs:sustainability]


def test_it_lays_the_page_out_as_decree_30_asks(login, commune_reporter):
    model = full_model(commune_reporter)
    document = read(login(commune_reporter).get(reverse("initiatives:registration_docx", args=[model.pk])))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert normal.size.pt in (13, 14)
    title = next(p for p in document.paragraphs if p.text == TITLE)
    assert title.runs[0].bold
    assert title.runs[0].font.size.pt == 14
    assert all(run.font.name in (None, "Times New Roman") for p in document.paragraphs for run in p.runs)


def test_it_names_the_file_in_ascii_and_in_vietnamese(login, commune_reporter):
    model = full_model(commune_reporter)
    response = login(commune_reporter).get(reverse("initiatives:registration_docx", args=[model.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="phieu-dang-ky-tuyen-pho-tu-quan-nam-son.docx"')
    assert disposition.isascii()
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "Phiếu đăng ký - Tuyến phố tự quản Nam Sơn.docx"


def test_the_blank_form_has_the_labels_and_no_values(login, commune_reporter):
    full_model(commune_reporter)
    response = login(commune_reporter).get(reverse("initiatives:registration_blank"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert 'filename="phieu-dang-ky-mo-hinh.docx"' in response["Content-Disposition"]
    document = read(response)
    text = text_of(document)
    assert TITLE in text
    assert "Năm ……" in text
    for title in SECTION_TITLES:
        assert title in text
    for label in LABELS:
        assert f"{label}: \t" in text, label  # a tab to a dotted leader: a line to write on
    for value in ["Tuyến phố", "Nam Khê", "20.000.000", "2024", "văn hóa"]:
        assert value not in text
    assert (round(document.sections[0].page_width.mm), round(document.sections[0].left_margin.mm)) == (210, 30)
    leaders = [s.leader for p in document.paragraphs for s in p.paragraph_format.tab_stops]
    single_field_sections = 6  # 1, 2, 3, 5, 8 and 9: lines to write on under the title
    assert len(leaders) >= len(LABELS) + single_field_sections * registration_docx.BLANK_LINES
    assert set(leaders) == {WD_TAB_LEADER.DOTS}


def test_the_model_page_and_the_entry_page_link_to_the_forms(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    client = login(commune_reporter)
    page = client.get(model.get_absolute_url()).content.decode()
    assert reverse("initiatives:registration_docx", args=[model.pk]) in page
    assert "Tải phiếu đăng ký (Word)" in page
    entry = client.get(reverse("initiatives:create")).content.decode()
    assert reverse("initiatives:registration_blank") in entry


def test_it_rejects_other_province(login, commune_reporter, other_manager):
    model = nam_khe_model(commune_reporter)
    response = login(other_manager).get(reverse("initiatives:registration_docx", args=[model.pk]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_it_answers_a_missing_model_like_a_forbidden_one(login, commune_reporter):
    response = login(commune_reporter).get(f"/models/{2**63}/registration.docx")
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["initiatives:registration_docx", "initiatives:registration_blank"])
def test_it_sends_anonymous_visitors_to_sign_in(client, commune_reporter, name):
    model = nam_khe_model(commune_reporter)
    url = reverse(name, args=[model.pk] if name.endswith("docx") else [])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_drops_characters_word_refuses(login, commune_reporter):
    model = full_model(commune_reporter)
    # text pasted from Excel or an old import: a vertical tab and a form feed inside the words
    Initiative.objects.filter(pk=model.pk).update(
        name="Tuyến phố\x0b tự quản", situation="Thực trạng\x0c xuống cấp\x1f.\nDòng hai"
    )
    response = login(commune_reporter).get(reverse("initiatives:registration_docx", args=[model.pk]))
    assert response.status_code == 200
    text = text_of(read(response))
    assert "Tên mô hình: Tuyến phố tự quản" in text
    assert "Thực trạng xuống cấp.\nDòng hai" in text
    assert 'filename="phieu-dang-ky-tuyen-pho-tu-quan.docx"' in response["Content-Disposition"]


def test_the_builder_drops_nul_and_keeps_vietnamese(commune_reporter):
    """PostgreSQL refuses NUL in text, so this one is checked on the builder, with an unsaved change."""
    model = full_model(commune_reporter)
    model.name = "Mô hình\x00 “Dân vận khéo”\ufffe ở Đồng Triều"
    model.outputs = "Hơn 10.000\x00 bộ đèn\x0b"
    out = io.BytesIO()
    registration_docx.write_registration_form(out, model, today=date(2025, 1, 15))
    text = text_of(Document(io.BytesIO(out.getvalue())))
    assert "Tên mô hình: Mô hình “Dân vận khéo” ở Đồng Triều" in text
    assert "Hơn 10.000 bộ đèn" in text
    assert "ngày 15 tháng 01 năm 2025" in text
    assert registration_docx.word_text("a\x00b\x0bc\td\ne\rf") == "abc\td\ne\rf"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_it_converts_to_pdf_with_the_same_text(commune_reporter, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    model = full_model(commune_reporter)
    source = tmp_path / "phieu.docx"
    with source.open("wb") as out:
        registration_docx.write_registration_form(out, model)
    soffice = shutil.which("soffice") or "soffice"
    subprocess.run(  # noqa: S603 - a fixed program on a file we wrote
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    pdf = pypdf.PdfReader(str(tmp_path / "phieu.pdf"))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "PHIẾU ĐĂNG KÝ MÔ HÌNH" in text
    assert "Tuyến phố tự quản Nam Sơn" in text
    assert pdf.pages[0].mediabox.width == pytest.approx(Mm(210).pt, abs=2)


def test_the_form_is_vietnamese_in_the_english_interface_too(login, commune_reporter):
    """It is filed with Vietnamese bodies: the English interface links to it in English, the file stays Vietnamese."""
    model = full_model(commune_reporter)
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    assert "Download the registration form (Word)" in client.get(model.get_absolute_url()).content.decode()
    text = text_of(read(client.get(reverse("initiatives:registration_docx", args=[model.pk]))))
    assert TITLE in text
    assert "Lĩnh vực: văn hóa - xã hội" in text
    assert "Đối tượng: Cộng đồng dân cư" in text and "Residential communities" not in text
    assert "Hộ gia đình tham gia: 106 hộ" in text
