"""GET, PATCH and PUT /api/v1/initiatives/{id}/, and its evidence files: timeline, scope, the edit lock."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.api.tests.initiative_data import detail_url, written
from danvan.conftest import unit
from danvan.initiatives.evidence import evidence_add
from danvan.initiatives.models import Initiative, InitiativeEvent, Status, TargetGroup
from danvan.initiatives.services import initiative_replicate, initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 30)).save(out, "PNG")
    return SimpleUploadedFile("tuyen-pho.png", out.getvalue())


@pytest.fixture
def street(commune_reporter, district_reviewer):
    """The Nam Sơn street, registered by Nam Khê and recognised by Uông Bí, with a photo and a copy."""
    model = nam_khe_model(
        commune_reporter,
        register=True,
        results={"ho-gia-dinh": 106},
        target_groups=TargetGroup.objects.filter(code="khu-dan-cu"),
    )
    initiative_transition(actor=district_reviewer, initiative=model, to=Status.RECOGNISED, comment="Đạt")
    evidence_add(actor=commune_reporter, initiative=model, upload=png(), caption="Tuyến phố sau chỉnh trang")
    return Initiative.objects.get(pk=model.pk)


@pytest.fixture
def copy(street, province_manager):
    return initiative_replicate(
        actor=province_manager,
        original=street,
        unit=unit("2025", "06820"),
        organization=Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Vàng Danh"),
        year=2025,
    )


def test_it_shows_the_timeline_results_evidence_and_copies(api, street, copy, province_manager):
    response = api(province_manager, language="en").get(detail_url(street.pk))
    assert response.status_code == 200, response.content
    body = response.json()
    assert [(e["kind"], e["from_status"], e["to_status"], e["actor"], e["comment"]) for e in body["events"]] == [
        ("transition", "", "draft", "Trần Minh Đức", ""),
        ("transition", "draft", "registered", "Trần Minh Đức", ""),
        ("transition", "registered", "recognised", "Phạm Thu Hà", "Đạt"),
        ("evidence", "", "", "Trần Minh Đức", "tuyen-pho.png"),
    ]
    assert body["results"] == [
        {"metric": "ho-gia-dinh", "name": "Hộ gia đình tham gia", "unit_label": "hộ", "value": 106, "note": ""}
    ]
    [photo] = body["evidence"]
    assert (photo["name"], photo["content_type"], photo["caption"]) == (
        "tuyen-pho.png",
        "image/png",
        "Tuyến phố sau chỉnh trang",
    )
    assert photo["size"] > 0
    assert photo["file_url"].endswith(f"/api/v1/initiatives/{street.pk}/evidence/{photo['id']}/file/")
    assert photo["thumbnail_url"].endswith("/thumbnail/")
    assert [(c["id"], c["unit"], c["status"]) for c in body["copies"]] == [(copy.pk, "Phường Vàng Danh", "draft")]
    assert body["replicated_from"] is None
    assert body["allowed_transitions"] == ["typical", "commended", "discontinued"]


def test_allowed_transitions_are_the_callers(api, street, commune_reporter, district_reviewer):
    assert api(commune_reporter).get(detail_url(street.pk)).json()["allowed_transitions"] == []
    assert api(district_reviewer).get(detail_url(street.pk)).json()["allowed_transitions"] == []


def test_a_copy_names_its_original(api, copy, street, province_manager):
    body = api(province_manager).get(detail_url(copy.pk)).json()
    assert body["replicated_from"] == {"id": street.pk, "name": "Tuyến phố tự quản Nam Sơn"}


def test_it_rejects_other_province(api, street, other_manager):
    hidden = api(other_manager, language="en").get(detail_url(street.pk))
    missing = api(other_manager, language="en").get(detail_url(street.pk + 1000))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "No such model.", "code": "not_found"}


def test_an_id_too_big_for_the_database_is_a_404(api, province_manager):
    assert api(province_manager).get(detail_url(10**30)).status_code == 404


def test_the_reporter_of_another_commune_sees_no_copy_there(api, copy, street, commune_reporter):
    assert api(commune_reporter).get(detail_url(street.pk)).json()["copies"] == []  # Vàng Danh is not Nam Khê's


def test_it_answers_in_fixed_queries(api, street, copy, province_manager, django_assert_num_queries):
    client = api(province_manager)
    # token (1) + scope (1 + 5) + the model with its unit, era, organisation, kind, person and original (1)
    # + target groups, policy documents, results, their metrics, evidence, events with actors (6) + copies (1)
    with django_assert_num_queries(4 + 1 + 6 + 1):
        assert client.get(detail_url(street.pk)).status_code == 200


# --- evidence files --------------------------------------------------------------------------


def test_the_evidence_file_and_thumbnail_are_served_to_who_sees_the_model(api, street, province_manager):
    photo = api(province_manager).get(detail_url(street.pk)).json()["evidence"][0]
    response = api(province_manager).get(photo["file_url"], HTTP_ACCEPT="image/*")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    thumb = api(province_manager).get(photo["thumbnail_url"])
    assert thumb.status_code == 200
    assert thumb["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(thumb.streaming_content))) as image:
        assert max(image.size) <= 320


def test_evidence_files_are_404_out_of_scope(api, street, province_manager, other_manager):
    photo = api(province_manager).get(detail_url(street.pk)).json()["evidence"][0]
    response = api(other_manager).get(photo["file_url"], HTTP_ACCEPT="image/png")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    elsewhere = f"/api/v1/initiatives/{street.pk}/evidence/{photo['id'] + 1}/file/"
    assert api(province_manager).get(elsewhere).status_code == 404


def test_a_pdf_is_sent_as_an_attachment_without_thumbnail(api, commune_reporter):
    model = nam_khe_model(commune_reporter)
    evidence_add(
        actor=commune_reporter, initiative=model, upload=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%...\n")
    )
    [pdf] = api(commune_reporter).get(detail_url(model.pk)).json()["evidence"]
    assert pdf["thumbnail_url"] is None
    response = api(commune_reporter).get(pdf["file_url"])
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert api(commune_reporter).get(pdf["file_url"].replace("/file/", "/thumbnail/")).status_code == 404


# --- PATCH and PUT ---------------------------------------------------------------------------


def test_a_draft_is_changed_freely(api, commune_reporter):
    model = nam_khe_model(commune_reporter)
    response = api(commune_reporter).patch(
        detail_url(model.pk), {"outputs": "106 hộ tham gia", "results": {"km-duong": "1.0"}}, format="json"
    )
    assert response.status_code == 200, response.content
    model.refresh_from_db()
    assert model.outputs == "106 hộ tham gia"
    assert model.name == "Tuyến phố tự quản Nam Sơn"  # not sent, not changed
    assert [r["metric"] for r in response.json()["results"]] == ["km-duong"]


def test_a_recognised_model_needs_a_reason(api, street, commune_reporter):
    before = written()
    response = api(commune_reporter, language="en").patch(detail_url(street.pk), {"name": "Tên mới"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    assert response.json()["detail"] == "This model has been recognised: give a reason for the change."
    assert written() == before
    assert Initiative.objects.get(pk=street.pk).name == "Tuyến phố tự quản Nam Sơn"


def test_with_a_reason_the_change_goes_on_the_timeline(api, street, commune_reporter):
    response = api(commune_reporter).patch(
        detail_url(street.pk), {"name": "Tuyến phố văn minh Nam Sơn", "reason": "Theo quyết định"}, format="json"
    )
    assert response.status_code == 200, response.content
    edit = response.json()["events"][-1]
    assert (edit["kind"], edit["comment"], edit["actor"]) == ("edit", "Theo quyết định", "Trần Minh Đức")
    assert edit["changes"] == {"name": ["Tuyến phố tự quản Nam Sơn", "Tuyến phố văn minh Nam Sơn"]}
    assert InitiativeEvent.objects.filter(initiative=street, kind="edit").count() == 1


def test_put_replaces_and_clears_what_is_not_sent(api, street, commune_reporter):
    body = {
        "name": "Tuyến phố tự quản Nam Sơn",
        "field": "cultural_social",
        "organization": street.organization_id,
        "unit": "2024/06823",
        "year": 2024,
        "outputs": "106 hộ",
        "reason": "Viết lại hồ sơ",
    }
    response = api(commune_reporter).put(detail_url(street.pk), body, format="json")
    assert response.status_code == 200, response.content
    model = Initiative.objects.get(pk=street.pk)
    assert (model.outputs, model.content, model.money_vnd) == ("106 hộ", "", None)
    assert not model.results.exists() and not model.target_groups.exists()
    missing = api(commune_reporter, language="en").put(detail_url(street.pk), {"reason": "x"}, format="json")
    assert missing.status_code == 400
    assert set(missing.json()["errors"]) == {"name", "field", "organization", "unit", "year"}


def test_the_status_is_not_changed_by_patch(api, street, province_manager):
    response = api(province_manager, language="en").patch(detail_url(street.pk), {"status": "typical"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["the status changes only through POST …/transition/."]}
    assert Initiative.objects.get(pk=street.pk).status == Status.RECOGNISED


def test_moving_a_model_out_of_the_callers_area_is_forbidden(api, commune_reporter):
    model = nam_khe_model(commune_reporter)
    before = written()
    response = api(commune_reporter).patch(detail_url(model.pk), {"unit": "2024/196"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert written() == before


def test_another_province_cannot_change_it(api, street, other_manager):
    before = written()
    response = api(other_manager).patch(detail_url(street.pk), {"outputs": "?", "reason": "?"}, format="json")
    assert response.status_code == 404
    assert written() == before


def test_the_reviewer_above_may_change_it_with_a_reason(api, street, district_reviewer):
    # each role may do what the ones before it may: the reviewer of Uông Bí also reports in Nam Khê
    response = api(district_reviewer).patch(detail_url(street.pk), {"outputs": "x", "reason": "Rà soát"}, format="json")
    assert response.status_code == 200
    assert response.json()["outputs"] == "x"
    street.refresh_from_db()
    assert street.outputs == "x"
