"""The review report's pages and services: create, narratives and their drafts, generation, downloads, scope.

The figures come from `review.build.contents_for`, replaced here by contents built in the test
(the roll-ups' own tests check `selectors.review`). LibreOffice is played by fake_office's scripts.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from danvan.core.errors import DomainError, NotFound
from danvan.documents import services
from danvan.documents.models import ReviewJob, ReviewNarrative, ReviewReport
from danvan.documents.review import build
from danvan.documents.review.synthetic import province_contents
from danvan.documents.tests.fake_office import WRITES_A_PDF, fake_soffice, hanging_soffice
from danvan.org.models import AuditEvent
from danvan.reporting.models import Period

QUANG_NINH = ("2025", "22")


@pytest.fixture
def quang_ninh(db):
    from danvan.conftest import unit

    return unit(*QUANG_NINH)


@pytest.fixture
def year(db):
    return Period.objects.get_or_create(
        code="2024", defaults={"type": "year", "start": date(2024, 1, 1), "end": date(2024, 12, 31)}
    )[0]


@pytest.fixture
def contents(monkeypatch):
    """The job's figures: a province-sized report, and who asked for them."""
    calls = []

    def fake(*, user, unit, period):
        calls.append((user.username, unit.pk, period.code))
        return province_contents(districts=3, communes=5, charts=False)

    monkeypatch.setattr(build, "contents_for", fake)
    return calls


@pytest.fixture
def report(province_manager, quang_ninh, year):
    return services.review_report_create(
        actor=province_manager,
        unit=quang_ninh,
        period=year,
        issuer="Ban Dân vận Tỉnh ủy",
        superior="Đảng bộ tỉnh Quảng Ninh",
        number="Số 12-BC/BDVTU",
        place="Quảng Ninh",
        signed_on=date(2024, 12, 20),
        title="Tổng kết phong trào thi đua “Dân vận khéo” năm 2024",
        signer_title="Trưởng ban",
        signer_name="Trần Văn B",
        recipients="Ban Dân vận Trung ương\nThường trực Tỉnh ủy",
    )


@pytest.fixture
def office_writes_pdf(settings, tmp_path):
    settings.DANVAN_SOFFICE = fake_soffice(tmp_path, WRITES_A_PDF)


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


# --- services ---------------------------------------------------------------------------------------


def test_only_a_manager_of_the_unit_creates_and_others_are_told_it_is_missing(
    other_manager, commune_reporter, quang_ninh, year
):
    with pytest.raises(NotFound):
        services.review_report_create(actor=other_manager, unit=quang_ninh, period=year, issuer="X", title="Y")
    with pytest.raises(DomainError) as refused:
        services.review_report_create(actor=commune_reporter, unit=quang_ninh, period=year, issuer="X", title="Y")
    assert refused.value.status in (403, 404)
    assert not ReviewReport.objects.exists()


def test_every_save_keeps_a_draft_and_restoring_writes_a_new_one(report, province_manager):
    first = services.narrative_save(actor=province_manager, report=report, part="limits", text="Bản một")
    second = services.narrative_save(actor=province_manager, report=report, part="limits", text="Bản hai")
    same = services.narrative_save(actor=province_manager, report=report, part="limits", text="Bản hai\r\n")
    assert same.pk == second.pk  # the same text again adds nothing
    restored = services.narrative_restore(actor=province_manager, draft=first)
    drafts = list(ReviewNarrative.objects.filter(report=report, part="limits").order_by("-created_at", "-pk"))
    assert [d.text for d in drafts] == ["Bản một", "Bản hai", "Bản một"]
    assert drafts[0].pk == restored.pk and restored.restored_from_id == first.pk
    verbs = list(AuditEvent.objects.filter(verb__startswith="review.").values_list("verb", flat=True))
    assert verbs.count("review.narrative_save") == 2 and "review.narrative_restore" in verbs


def test_a_narrative_too_long_or_of_no_part_is_refused(report, province_manager):
    with pytest.raises(DomainError):
        services.narrative_save(actor=province_manager, report=report, part="limits", text="x" * 50_001)
    with pytest.raises(DomainError):
        services.narrative_save(actor=province_manager, report=report, part="gossip", text="x")
    assert not ReviewNarrative.objects.exists()


def test_generation_writes_the_word_file_with_the_latest_narrative_and_the_pdf(
    report, province_manager, contents, office_writes_pdf, django_capture_on_commit_callbacks
):
    services.narrative_save(actor=province_manager, report=report, part="limits", text="Bản cũ")
    services.narrative_save(actor=province_manager, report=report, part="limits", text="Còn hình thức ở\x0b vài nơi")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.review_generate(actor=province_manager, report=report)
    job.refresh_from_db()
    assert job.status == ReviewJob.Status.SUCCEEDED and job.percent == 100 and job.done == job.total
    assert contents == [("quangninh", report.unit_id, "2024")]
    text = "\n".join(p.text for p in Document(job.docx.open("rb")).paragraphs)
    assert "Còn hình thức ở vài nơi" in text and "Bản cũ" not in text
    assert job.pdf.read().startswith(b"%PDF") and job.pdf_error == ""
    assert job.docx.name.endswith("bao-cao-tong-ket-tinh-quang-ninh-2024.docx")


def test_without_libreoffice_the_job_succeeds_with_the_word_file_and_says_why_there_is_no_pdf(
    report, province_manager, contents, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DANVAN_SOFFICE = str(tmp_path / "nowhere" / "soffice")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.review_generate(actor=province_manager, report=report)
    job.refresh_from_db()
    assert job.status == ReviewJob.Status.SUCCEEDED and job.docx and not job.pdf
    assert "LibreOffice" in job.pdf_error


def test_a_hanging_libreoffice_is_stopped_and_the_word_file_is_still_given(
    report, province_manager, contents, settings, tmp_path, django_capture_on_commit_callbacks, login
):
    settings.DANVAN_SOFFICE = hanging_soffice(tmp_path)
    settings.DANVAN_OFFICE_TIMEOUT = 1
    with django_capture_on_commit_callbacks(execute=True):
        job = services.review_generate(actor=province_manager, report=report)
    job.refresh_from_db()
    assert job.status == ReviewJob.Status.SUCCEEDED and job.docx and not job.pdf
    page = login(province_manager).get(reverse("documents:review_job", args=[report.pk, job.pk]))
    body = page.content.decode()
    assert "LibreOffice" in body
    assert 'id="download-docx"' in body and 'id="download-pdf"' not in body
    assert 'id="pdf-error"' in body


def test_a_unit_out_of_the_requesters_scope_fails_the_job_with_a_message(
    report, province_manager, monkeypatch, django_capture_on_commit_callbacks
):
    def out_of_scope(**_kw):
        raise NotFound("Đơn vị này không có hoặc không thuộc phạm vi của bạn.")

    monkeypatch.setattr(build, "contents_for", out_of_scope)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.review_generate(actor=province_manager, report=report)
    job.refresh_from_db()
    assert job.status == ReviewJob.Status.FAILED and "phạm vi" in job.error and not job.docx


# --- pages ------------------------------------------------------------------------------------------


def test_the_dashboard_link_prefills_the_create_page(
    province_manager, login, quang_ninh, year, django_assert_num_queries
):
    client = login(province_manager)
    url = reverse("documents:review_new") + f"?unit={quang_ninh.pk}&period=2024"
    client.get(url)  # warm the session and scope caches
    with django_assert_num_queries(9):  # session, user, scope (3), units (3), periods
        page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["unit"] == quang_ninh.pk and form.initial["period"] == "2024"
    assert form.initial["title"].endswith("năm 2024")


def test_creating_a_report_from_the_page(province_manager, login, quang_ninh, year):
    client = login(province_manager)
    answer = client.post(
        reverse("documents:review_new"),
        {"unit": quang_ninh.pk, "period": "2024", "layout": "state", "issuer": "UBND tỉnh", "title": "Báo cáo năm"},
    )
    report = ReviewReport.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("documents:review", args=[report.pk])
    assert report.layout == "state" and report.created_by == province_manager


def test_bad_input_gives_the_form_back_with_a_message_and_saves_nothing(province_manager, login, quang_ninh, year):
    answer = login(province_manager).post(
        reverse("documents:review_new"),
        {"unit": quang_ninh.pk, "period": "1999", "layout": "party", "issuer": "", "title": ""},
    )
    assert answer.status_code == 400 and not ReviewReport.objects.exists()
    assert answer.context["form"].errors


def test_the_list_and_detail_pages_with_pinned_queries(report, province_manager, login, django_assert_num_queries):
    services.narrative_save(actor=province_manager, report=report, part="limits", text="Một")
    services.narrative_save(actor=province_manager, report=report, part="limits", text="Hai")
    client = login(province_manager)
    client.get(reverse("documents:reviews"))
    with django_assert_num_queries(6):
        listing = client.get(reverse("documents:reviews"))
    assert report.title in listing.content.decode()
    with django_assert_num_queries(8):  # session, user, scope (3), report, drafts, latest job
        detail = client.get(reverse("documents:review", args=[report.pk]))
    body = detail.content.decode()
    assert "Hạn chế, nguyên nhân" in body and "Khôi phục bản nháp này" in body


def test_narrative_restore_and_generate_through_the_pages(
    report, province_manager, login, contents, office_writes_pdf, django_capture_on_commit_callbacks
):
    client = login(province_manager)
    url = reverse("documents:review_narrative", args=[report.pk, "directions"])
    assert client.post(url, {"directions-text": "Hướng một"}).status_code == 302
    assert client.post(url, {"directions-text": "Hướng hai"}).status_code == 302
    first = ReviewNarrative.objects.get(text="Hướng một")
    assert client.post(reverse("documents:review_restore", args=[report.pk, first.pk])).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("documents:review_generate", args=[report.pk])).status_code == 302
    job = ReviewJob.objects.get()
    fragment = client.get(reverse("documents:review_job", args=[report.pk, job.pk])).content.decode()
    assert 'id="download-docx"' in fragment and 'id="download-pdf"' in fragment and "hx-get" not in fragment
    word = client.get(reverse("documents:review_download", args=[report.pk, job.pk, "docx"]))
    assert word.status_code == 200 and "bao-cao-tong-ket-tinh-quang-ninh-2024.docx" in word["Content-Disposition"]
    document = Document(io.BytesIO(b"".join(word.streaming_content)))
    assert "Hướng một" in [p.text for p in document.paragraphs]
    pdf = client.get(reverse("documents:review_download", args=[report.pk, job.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"


def test_a_running_job_is_polled(report, province_manager, login):
    job = ReviewJob.objects.create(
        report=report, requested_by=province_manager, status="running", total=4, done=2, step="Đang viết"
    )
    body = login(province_manager).get(reverse("documents:review_job", args=[report.pk, job.pk])).content.decode()
    assert "hx-get" in body and 'value="50"' in body and "Đang viết" in body


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("documents:review", lambda r, j, d: [r], "get"),
        ("documents:review", lambda r, j, d: [r], "post"),
        ("documents:review_narrative", lambda r, j, d: [r, "limits"], "post"),
        ("documents:review_restore", lambda r, j, d: [r, d], "post"),
        ("documents:review_generate", lambda r, j, d: [r], "post"),
        ("documents:review_job", lambda r, j, d: [r, j], "get"),
        ("documents:review_download", lambda r, j, d: [r, j, "docx"], "get"),
    ],
)
def test_it_hides_the_report_from_another_province(report, province_manager, other_manager, login, name, args, method):
    draft = services.narrative_save(actor=province_manager, report=report, part="limits", text="Riêng")
    job = ReviewJob.objects.create(
        report=report, requested_by=province_manager, status="succeeded", docx="reviews/x.docx"
    )
    client = login(other_manager)
    answer = getattr(client, method)(reverse(name, args=args(report.pk, job.pk, draft.pk)), {"limits-text": "Lạ"})
    assert answer.status_code == 404
    assert ReviewNarrative.objects.count() == 1 and ReviewJob.objects.count() == 1
    assert report.title not in client.get(reverse("documents:reviews")).content.decode()


def test_a_reader_of_the_unit_sees_the_report_but_cannot_write(report, commune_reporter, login):
    """A commune's reporter does not see the province's report at all: its unit is above their scope."""
    assert login(commune_reporter).get(reverse("documents:review", args=[report.pk])).status_code == 404


def test_another_provinces_unit_is_not_offered_or_accepted(other_manager, login, quang_ninh, year):
    client = login(other_manager)
    page = client.get(reverse("documents:review_new") + f"?unit={quang_ninh.pk}&period=2024")
    assert page.status_code == 200 and page.context["form"].initial.get("unit") is None
    answer = client.post(
        reverse("documents:review_new"),
        {"unit": quang_ninh.pk, "period": "2024", "layout": "party", "issuer": "X", "title": "Y"},
    )
    assert answer.status_code == 400 and not ReviewReport.objects.exists()


def test_the_polled_progress_fragment_has_pinned_queries(report, province_manager, login, django_assert_num_queries):
    job = ReviewJob.objects.create(report=report, requested_by=province_manager, status="running", total=5, done=1)
    client = login(province_manager)
    url = reverse("documents:review_job", args=[report.pk, job.pk])
    client.get(url)
    with django_assert_num_queries(7):  # session, user, scope (3), report, job
        assert client.get(url).status_code == 200


def test_a_national_administrator_is_offered_the_provinces_not_every_commune(admin_user, login, year):
    form = login(admin_user).get(reverse("documents:review_new")).context["form"]
    offered = form.fields["unit"].choices
    assert 60 < len(offered) <= 100  # the 63 and the 34 provinces
    assert any(label == "Tỉnh Quảng Ninh" for _pk, label in offered)
