"""Proposals from published results, the review conference, the awards register (filters, statistics, XLSX)."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.initiatives.models import Field
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.recognition.models import AwardDecision, Conference
from danvan.recognition.selectors.register import RegisterFilter, register_list, register_stats
from danvan.recognition.services.conferences import conference_create
from danvan.recognition.services.decisions import RecipientSpec, decision_issue, decision_revoke
from danvan.recognition.services.evaluations import (
    council_score,
    evaluation_approve,
    evaluation_open_review,
    evaluation_publish,
)
from danvan.recognition.tests.test_decision_pages import form_data
from danvan.recognition.tests.test_decisions import commission, draft
from danvan.recognition.tests.test_evaluations import all_scores, campaign, council, submitted  # noqa: F401

pytestmark = pytest.mark.django_db
DAY = date(2024, 12, 20)


def test_the_nomination_list_comes_from_the_published_results(
    login,
    campaign,  # noqa: F811
    council,  # noqa: F811
    commune_reporter,
    province_manager,
):
    ev, crit = submitted(campaign, commune_reporter)
    evaluation_open_review(actor=council["a"], evaluation=ev)
    for member in ("a", "b", "c"):
        council_score(actor=council[member], evaluation=ev, scores=all_scores(crit, 18))
    evaluation_approve(actor=province_manager, evaluation=ev)
    client = login(province_manager)
    proposed = client.post(
        reverse("recognition:decision_create"),
        form_data(campaign=campaign.pk, action="propose", collectives="", individuals=""),
    )
    assert (
        proposed.status_code == 200 and f'name="evaluations" value="{ev.pk}"' not in proposed.content.decode()
    )  # not yet published
    evaluation_publish(actor=province_manager, evaluation=ev)
    proposed = client.post(
        reverse("recognition:decision_create"),
        form_data(campaign=campaign.pk, action="propose", collectives="", individuals=""),
    )
    page = proposed.content.decode()
    assert f'name="evaluations" value="{ev.pk}"' in page and "90" in page
    saved = client.post(
        reverse("recognition:decision_create"),
        form_data(campaign=campaign.pk, evaluations=[ev.pk], collectives="", individuals=""),
    )
    assert saved.status_code == 302
    cert = AwardDecision.objects.get().certificates.get()
    assert (cert.evaluation_id, cert.unit, cert.subject) == (ev.pk, unit("2024", "06823"), "collective")


def test_a_conference_hands_out_issued_decisions(login, province_manager, other_manager):
    d = decision_issue(actor=province_manager, decision=draft(province_manager), signed_on=DAY)
    with pytest.raises(DomainError) as err:
        conference_create(
            actor=province_manager,
            unit=commission().unit,
            organization=commission(),
            title="Hội nghị tổng kết",
            held_on=DAY,
            decisions=[draft(province_manager)],
        )
    assert err.value.code == "decision_draft" and not Conference.objects.exists()
    client = login(province_manager)
    response = client.post(
        reverse("recognition:conference_create"),
        {
            "organization": commission().pk,
            "title": "Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2024",
            "held_on": "27/12/2024",
            "place": "Hạ Long",
            "report_url": "https://example.org/bao-cao.pdf",
            "decisions": [d.pk],
        },
    )
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert list(conference.decisions.all()) == [d]
    page = client.get(response["Location"]).content.decode()
    assert "1/QĐ-BDVTU" in page and "27/12/2024" in page and "bao-cao.pdf" in page
    assert "“Dân vận khéo” năm 2024" in client.get(reverse("recognition:conference_list")).content.decode()
    outsider = login(other_manager)
    assert outsider.get(reverse("recognition:conference_detail", args=[conference.pk])).status_code == 404
    assert "“Dân vận khéo” năm 2024" not in outsider.get(reverse("recognition:conference_list")).content.decode()
    response = outsider.post(
        reverse("recognition:conference_create"),
        {"organization": commission().pk, "title": "X", "held_on": "27/12/2024"},
    )
    assert response.status_code == 400 and Conference.objects.count() == 1


def test_a_conference_hands_out_no_decision_its_holder_cannot_see(province_manager, other_manager):
    from danvan.org.models import Organization

    ours = decision_issue(actor=province_manager, decision=draft(province_manager), signed_on=DAY)
    theirs = Organization.objects.get(name="Ban Dân vận Tỉnh ủy Tuyên Quang")
    conference_create(actor=other_manager, unit=theirs.unit, organization=theirs, title="Sơ kết", held_on=DAY)
    with pytest.raises(DomainError) as err:
        conference_create(
            actor=other_manager, unit=theirs.unit, organization=theirs, title="Hội nghị", held_on=DAY, decisions=[ours]
        )
    assert err.value.code == "forbidden" and list(Conference.objects.values_list("title", flat=True)) == ["Sơ kết"]


@pytest.fixture
def awarded(province_manager):
    a = draft(
        province_manager,
        recipients=[
            RecipientSpec(unit=unit("2024", "06823"), name="Nhân dân phường Nam Khê"),
            RecipientSpec(unit=unit("2024", "06823"), name="Vũ Thị Lành", new_person=True),
        ],
    )
    decision_issue(actor=province_manager, decision=a, signed_on=DAY)
    b = draft(province_manager, year=2023, recipients=[RecipientSpec(unit=unit("2024", "06823"), name="Tổ 5")])
    decision_issue(actor=province_manager, decision=b, signed_on=date(2023, 12, 1))
    decision_revoke(actor=province_manager, decision=b, reason="Cấp nhầm")
    draft(province_manager)  # a draft is in no register
    model = nam_khe_model(province_manager, field=Field.ECONOMIC)
    a.certificates.filter(subject="collective").update(initiative=model)  # the register only reads the link
    return {"a": a, "b": b, "model": model}


def test_the_register_counts_issued_certificates_and_marks_revoked_ones(province_manager, awarded):
    rows = register_list(user=province_manager)
    assert rows.count() == 3
    stats = register_stats(rows)
    assert (stats.total, stats.revoked) == (2, 1)
    assert stats.by_year == [(2024, 2)]
    assert dict(stats.by_subject) == {"tập thể": 1, "cá nhân": 1}
    assert dict(stats.by_level) == {"tỉnh": 2}
    assert register_list(user=province_manager, f=RegisterFilter(year=2023)).count() == 1
    assert register_list(user=province_manager, f=RegisterFilter(level="commune")).count() == 0
    economic = register_list(user=province_manager, f=RegisterFilter(field=Field.ECONOMIC))
    assert [c.name for c in economic] == ["Nhân dân phường Nam Khê"]


def test_the_register_finds_a_place_on_either_map(province_manager, awarded):
    from danvan.geo.models import AdminUnit

    old_ward = unit("2024", "06823")
    today = AdminUnit.objects.get(path=old_ward.latest_path)
    assert register_list(user=province_manager, f=RegisterFilter(unit=old_ward)).count() == 3
    assert register_list(user=province_manager, f=RegisterFilter(unit=today)).count() == 3
    assert register_list(user=province_manager, f=RegisterFilter(unit=unit("2024", "08"))).count() == 0


def test_the_register_page_and_export(login, province_manager, other_manager, awarded):
    client = login(province_manager)
    client.get(reverse("recognition:register"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("recognition:register"))
    html = page.content.decode()
    assert "Vũ Thị Lành" in html and "Tổ 5" in html and 'class="revoked"' in html
    more = [RecipientSpec(unit=unit("2024", "06823"), name=f"Tổ {i}") for i in range(6, 16)]
    decision_issue(actor=province_manager, decision=draft(province_manager, recipients=more), signed_on=DAY)
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("recognition:register"))
    assert len(again) == len(queries) <= 20
    filtered = client.get(reverse("recognition:register"), {"year": 2023}).content.decode()
    assert "Tổ 5" in filtered and "Vũ Thị Lành" not in filtered
    bad = client.get(reverse("recognition:register"), {"unit": "99999"}).content.decode()
    assert "Vũ Thị Lành" not in bad
    export = client.get(reverse("recognition:register_xlsx"))
    ws = load_workbook(io.BytesIO(export.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 14 and rows[0][0] == "Quyết định"
    signed = next(r for r in rows[1:] if r[0] == "1/QĐ-BDVTU" and r[4] == "Vũ Thị Lành")
    assert signed[1].date() == DAY
    assert ws.cell(row=2, column=2).number_format in ("dd/mm/yyyy", "DD/MM/YYYY")
    outsider = login(other_manager).get(reverse("recognition:register")).content.decode()
    assert "Vũ Thị Lành" not in outsider


def test_register_cells_are_safe(province_manager, login):
    decision_issue(
        actor=province_manager,
        decision=draft(province_manager, recipients=[RecipientSpec(unit=unit("2024", "06823"), name="=HYPERLINK(1)")]),
        signed_on=DAY,
    )
    export = login(province_manager).get(reverse("recognition:register_xlsx"))
    ws = load_workbook(io.BytesIO(export.content)).active
    cell = ws.cell(row=2, column=5)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"
