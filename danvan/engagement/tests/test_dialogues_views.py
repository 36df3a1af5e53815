"""Dialogue pages: wrong user 404, form messages, minutes sniffed from bytes, issues with overdue flag, export."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.engagement.models import Dialogue, Petition
from danvan.engagement.services.dialogues import dialogue_issue_add
from danvan.engagement.tests.activity_helpers import NAM_KHE_MTTQ, days_ago, nam_khe_dialogue, org, viewer_of

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _post(commune_reporter, **extra):
    data = {
        "title": "Ngày tiếp công dân",
        "format": "reception_day",
        "held_on": days_ago(3).isoformat(),
        "unit": "2024/06823",
        "host": org(NAM_KHE_MTTQ).pk,
        "participants_count": "20",
    }
    data.update(extra)
    return data


def test_it_records_a_dialogue_with_minutes(login, commune_reporter):
    c = login(commune_reporter)
    minutes = SimpleUploadedFile("bien-ban.docx", _docx())
    r = c.post("/engagement/dialogues/new/", _post(commune_reporter, minutes=minutes))
    assert r.status_code == 302, r.content.decode()[:2000]
    d = Dialogue.objects.get()
    assert d.minutes.name.endswith(".docx")
    got = c.get(f"/engagement/dialogues/{d.pk}/minutes/")
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"PK")


def test_it_refuses_minutes_that_are_not_a_document(login, commune_reporter):
    c = login(commune_reporter)
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf at all")
    r = c.post("/engagement/dialogues/new/", _post(commune_reporter, minutes=fake))
    assert r.status_code == 400
    assert "PDF, Word (.docx)" in r.content.decode()
    assert not Dialogue.objects.exists()


def test_it_names_the_bad_fields(login, commune_reporter):
    r = login(commune_reporter).post("/engagement/dialogues/new/", _post(commune_reporter, unit="2024/99999", title=""))
    assert r.status_code == 400
    page = r.content.decode()
    assert 'href="#id_unit"' in page and 'href="#id_title"' in page


def test_the_wrong_user_gets_404_everywhere(login, commune_reporter, other_manager):
    d = nam_khe_dialogue(commune_reporter, minutes=SimpleUploadedFile("m.pdf", PDF))
    c = login(other_manager)
    for url in ("", "edit/", "minutes/"):
        assert c.get(f"/engagement/dialogues/{d.pk}/{url}").status_code == 404, url
    r = c.post(f"/engagement/dialogues/{d.pk}/issues/", {"subject": "X"})
    assert r.status_code == 404
    assert d.title not in c.get("/engagement/dialogues/").content.decode()


def test_a_viewer_sees_but_cannot_edit(login, commune_reporter, district_reviewer):
    d = nam_khe_dialogue(commune_reporter)
    assert login(district_reviewer).get(f"/engagement/dialogues/{d.pk}/edit/").status_code == 200
    c = login(viewer_of("2024", "196"))
    assert c.get(f"/engagement/dialogues/{d.pk}/").status_code == 200
    assert c.get(f"/engagement/dialogues/{d.pk}/edit/").status_code == 403
    r = c.post(
        f"/engagement/dialogues/{d.pk}/issues/",
        {"subject": "X", "owner": org(NAM_KHE_MTTQ).pk, "deadline": days_ago(1), "kind": "feedback"},
    )
    assert r.status_code == 403 and not Petition.objects.exists()


def test_the_page_lists_issues_with_owner_deadline_and_overdue(login, commune_reporter):
    d = nam_khe_dialogue(commune_reporter)
    c = login(commune_reporter)
    r = c.post(
        f"/engagement/dialogues/{d.pk}/issues/",
        {
            "subject": "Cống thoát nước tắc",
            "owner": org(NAM_KHE_MTTQ).pk,
            "deadline": days_ago(1),
            "kind": "recommendation",
        },
    )
    assert r.status_code == 302
    issue = Petition.objects.get(dialogue=d)
    page = c.get(f"/engagement/dialogues/{d.pk}/").content.decode()
    assert "Cống thoát nước tắc" in page and issue.tracking_code in page and NAM_KHE_MTTQ in page
    assert 'class="overdue"' in page
    r = c.post(f"/engagement/dialogues/{d.pk}/issues/{issue.pk}/settle/", {"answer": "Đã nạo vét"})
    assert r.status_code == 302
    page = c.get(f"/engagement/dialogues/{d.pk}/").content.decode()
    assert "Đã nạo vét" in page and 'class="overdue"' not in page


def test_an_issue_without_a_deadline_is_refused(login, commune_reporter):
    d = nam_khe_dialogue(commune_reporter)
    r = login(commune_reporter).post(
        f"/engagement/dialogues/{d.pk}/issues/", {"subject": "X", "owner": org(NAM_KHE_MTTQ).pk, "kind": "feedback"}
    )
    assert r.status_code == 400
    assert not Petition.objects.exists()


def test_the_next_dialogue_shows_last_times_promises(login, commune_reporter):
    first = nam_khe_dialogue(commune_reporter, held_on=days_ago(40))
    dialogue_issue_add(
        actor=commune_reporter, dialogue=first, subject="Lời hứa cũ", owner=org(NAM_KHE_MTTQ), deadline=days_ago(35)
    )
    second = nam_khe_dialogue(commune_reporter, title="Lần sau", held_on=days_ago(1))
    page = login(commune_reporter).get(f"/engagement/dialogues/{second.pk}/").content.decode()
    previous = page[page.index('id="previous"') :]
    assert "Lời hứa cũ" in previous


def test_the_list_exports_csv_and_xlsx(login, commune_reporter):
    nam_khe_dialogue(commune_reporter)
    c = login(commune_reporter)
    csv = c.get("/engagement/dialogues/?export=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Cà phê sáng" in csv.content.decode("utf-8-sig")
    xlsx = c.get("/engagement/dialogues/?export=xlsx")
    assert xlsx.content.startswith(b"PK")


def test_the_list_keeps_its_query_count(login, commune_reporter, django_assert_num_queries):
    for i in range(3):
        nam_khe_dialogue(commune_reporter, title=f"Đối thoại {i}")
    c = login(commune_reporter)
    c.get("/engagement/dialogues/")  # warm the session
    with django_assert_num_queries(10):
        r = c.get("/engagement/dialogues/")
    html = r.content.decode()
    for d in Dialogue.objects.filter(title__startswith="Đối thoại "):  # each listed by title, linked to its page
        assert f'<a href="/engagement/dialogues/{d.pk}/">{d.title}</a>' in html
