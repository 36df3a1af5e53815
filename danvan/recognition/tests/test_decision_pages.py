"""The decision pages: list, draft (lines and published results), detail, issue, revoke, certificate downloads."""

import io
import zipfile
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.conftest import unit
from danvan.org.models import Person
from danvan.recognition.models import Award, AwardDecision, Certificate, DecisionStatus
from danvan.recognition.services.decisions import RecipientSpec, decision_issue
from danvan.recognition.tests.test_decisions import commission, draft

pytestmark = pytest.mark.django_db
DAY = date(2024, 12, 20)


def form_data(**over):
    data = {
        "issuer": commission().pk,
        "award": "bang-khen-dang-mat-tran",
        "year": 2024,
        "suffix": "bdvtu",
        "title": "Về việc tặng Bằng khen năm 2024",
        "reason": "Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2024",
        "signer_name": "Nguyễn Thị Hạnh",
        "signer_title": "Trưởng Ban",
        "place": "Quảng Ninh",
        "collectives": "Nhân dân phường Nam Khê | 06823\nBan Dân vận Thành ủy Uông Bí | 196",
        "individuals": "Vũ Thị Lành | Bí thư Chi bộ khu 3, phường Nam Khê | 06823",
        "action": "save",
    }
    data.update(over)
    return data


def test_a_manager_drafts_a_decision_with_collectives_and_a_new_person(login, province_manager):
    client = login(province_manager)
    page = client.get(reverse("recognition:decision_create"))
    assert page.status_code == 200 and "Ban Dân vận Tỉnh ủy Quảng Ninh" in page.content.decode()
    response = client.post(reverse("recognition:decision_create"), form_data())
    assert response.status_code == 302
    decision = AwardDecision.objects.get()
    assert (decision.status, decision.suffix, decision.number) == (DecisionStatus.DRAFT, "BDVTU", None)
    names = list(decision.certificates.values_list("name", "subject"))
    assert names == [
        ("Nhân dân phường Nam Khê", "collective"),
        ("Ban Dân vận Thành ủy Uông Bí", "collective"),
        ("Vũ Thị Lành", "individual"),
    ]
    person = Person.objects.get(full_name="Vũ Thị Lành")
    assert person.position.startswith("Bí thư") and decision.certificates.filter(person=person).exists()
    detail = client.get(response["Location"]).content.decode()
    assert "Vũ Thị Lành" in detail and 'id="issue-form"' in detail and "Mã xác thực" not in detail


def test_awarding_a_form_the_issuer_may_not_award_is_a_clear_message_and_nothing_saved(login, province_manager):
    response = login(province_manager).post(reverse("recognition:decision_create"), form_data(award="bang-khen-tinh"))
    assert response.status_code == 400
    assert "không được tặng" in response.content.decode()
    assert not AwardDecision.objects.exists() and not Person.objects.filter(full_name="Vũ Thị Lành").exists()


def test_bad_lines_are_refused_without_saving(login, province_manager):
    client = login(province_manager)
    response = client.post(reverse("recognition:decision_create"), form_data(collectives="Tổ 5 | 99999"))
    assert response.status_code == 400 and "99999" in response.content.decode()
    response = client.post(reverse("recognition:decision_create"), form_data(collectives="", individuals=""))
    assert response.status_code == 400 and "ít nhất một" in response.content.decode()
    outside = form_data(collectives="Xã ngoài tỉnh | 02215", individuals="")  # a commune of Tuyên Quang
    response = client.post(reverse("recognition:decision_create"), outside)
    assert response.status_code == 400
    assert not AwardDecision.objects.exists()


def test_an_issuer_outside_the_users_scope_cannot_be_chosen(login, other_manager, commune_reporter):
    response = login(other_manager).post(reverse("recognition:decision_create"), form_data())
    assert response.status_code == 400 and not AwardDecision.objects.exists()
    assert login(commune_reporter).get(reverse("recognition:decision_create")).status_code == 404


def test_issue_and_revoke_from_the_page(login, province_manager):
    client = login(province_manager)
    d = draft(province_manager)
    url = reverse("recognition:decision_detail", args=[d.pk])
    response = client.post(reverse("recognition:decision_issue", args=[d.pk]), {"signed_on": "20/12/2024"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "1/QĐ-BDVTU" in page and 'id="revoke-form"' in page
    assert Certificate.objects.get(decision=d).code in page
    # revoking without a reason: a message, the decision stands
    client.post(reverse("recognition:decision_revoke", args=[d.pk]), {"reason": "  "})
    assert AwardDecision.objects.get(pk=d.pk).status == DecisionStatus.ISSUED
    page = client.get(url).content.decode()
    assert "Hãy nêu lý do." in page
    client.post(reverse("recognition:decision_revoke", args=[d.pk]), {"reason": "Cấp nhầm đối tượng"})
    d.refresh_from_db()
    assert (d.status, d.revoked_reason) == (DecisionStatus.REVOKED, "Cấp nhầm đối tượng")
    assert "Cấp nhầm đối tượng" in client.get(url).content.decode()


def test_issuing_twice_or_in_the_future_is_a_message(login, province_manager):
    client = login(province_manager)
    d = draft(province_manager)
    client.post(reverse("recognition:decision_issue", args=[d.pk]), {"signed_on": "20/12/2099"})
    assert AwardDecision.objects.get(pk=d.pk).status == DecisionStatus.DRAFT
    client.post(reverse("recognition:decision_issue", args=[d.pk]), {"signed_on": "20/12/2024"})
    client.post(reverse("recognition:decision_issue", args=[d.pk]), {"signed_on": "21/12/2024"})
    d.refresh_from_db()
    assert (d.number, d.signed_on) == (1, DAY)


def test_wrong_users_see_404_everywhere(login, province_manager, other_manager):
    d = decision_issue(actor=province_manager, decision=draft(province_manager), signed_on=DAY)
    cert = Certificate.objects.get(decision=d)
    client = login(other_manager)
    for url in (
        reverse("recognition:decision_detail", args=[d.pk]),
        reverse("recognition:decision_pdf", args=[d.pk]),
        reverse("recognition:decision_zip", args=[d.pk]),
        reverse("recognition:certificate_pdf", args=[d.pk, cert.pk]),
        reverse("recognition:decision_detail", args=[2**63]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("recognition:decision_issue", args=[d.pk]),
        reverse("recognition:decision_revoke", args=[d.pk]),
    ):
        assert client.post(url, {"reason": "x", "signed_on": "20/12/2024"}).status_code == 404
    assert AwardDecision.objects.get(pk=d.pk).status == DecisionStatus.ISSUED
    assert d.title not in client.get(reverse("recognition:decision_list")).content.decode()


def test_a_viewer_below_sees_but_cannot_issue(login, province_manager, commune_reporter):
    """The reporter of Nam Khê may not see the provincial commission's decisions (its scope is the ward)."""
    d = draft(province_manager)
    response = login(commune_reporter).post(
        reverse("recognition:decision_issue", args=[d.pk]), {"signed_on": "20/12/2024"}
    )
    assert response.status_code == 404
    assert AwardDecision.objects.get(pk=d.pk).status == DecisionStatus.DRAFT


def test_certificate_downloads(login, province_manager):
    recipients = [RecipientSpec(unit=unit("2024", "06823"), name=f"Tổ dân phố số {i}") for i in range(1, 4)]
    d = decision_issue(actor=province_manager, decision=draft(province_manager, recipients=recipients), signed_on=DAY)
    client = login(province_manager)
    first = Certificate.objects.filter(decision=d).order_by("order").first()
    one = client.get(reverse("recognition:certificate_pdf", args=[d.pk, first.pk]))
    assert one.status_code == 200 and one["Content-Type"] == "application/pdf" and one.content.startswith(b"%PDF")
    assert "1-QD-BDVTU-1.pdf" in one["Content-Disposition"]
    from pypdf import PdfReader

    whole = client.get(reverse("recognition:decision_pdf", args=[d.pk]))
    assert len(PdfReader(io.BytesIO(whole.content)).pages) == 3
    archive = client.get(reverse("recognition:decision_zip", args=[d.pk]))
    assert len(zipfile.ZipFile(io.BytesIO(archive.content)).namelist()) == 3
    draft_d = draft(province_manager)
    assert client.get(reverse("recognition:decision_pdf", args=[draft_d.pk])).status_code == 404


def test_the_list_shows_the_users_decisions_in_a_fixed_number_of_queries(login, province_manager):
    for _i in range(3):
        decision_issue(actor=province_manager, decision=draft(province_manager), signed_on=DAY)
    client = login(province_manager)
    client.get(reverse("recognition:decision_list"))  # warm the session and scope
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("recognition:decision_list"))
    assert page.content.decode().count("/QĐ-BDVTU") == 3
    for _i in range(5):
        draft(province_manager)
    with CaptureQueriesContext(connection) as more:
        page = client.get(reverse("recognition:decision_list"))
    assert "8 quyết định" in page.content.decode()
    assert len(more) == len(few) <= 12


def test_proposed_from_the_published_results(login, province_manager):
    award = Award.objects.get(code="bang-khen-dang-mat-tran")
    assert award.pk  # the proposal: tested with a published evaluation in test_decision_proposals
