"""The campaign and evaluation pages: what each user sees and may do, bad input, and the list's queries.

Personas (danvan/conftest.py): the Quảng Ninh manager launches and approves (the standing body);
Nam Khê's reporter registers and assesses itself; Tuyên Quang's manager sees nothing of it (404).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from danvan.conftest import unit
from danvan.org.models import Organization, Role, User
from danvan.org.services import membership_grant
from danvan.recognition.models import (
    Campaign,
    CouncilScore,
    CriteriaSet,
    Evaluation,
    EvaluationStatus,
    Evidence,
    Registration,
    SelfScore,
    Subject,
)
from danvan.recognition.services.campaigns import (
    CriterionSpec,
    campaign_launch,
    criteria_set_create,
    registration_create,
)
from danvan.recognition.services.evaluations import (
    council_score,
    council_set,
    evaluation_approve,
    evaluation_open_review,
    evaluation_self_score,
    evaluation_start,
    evaluation_submit,
)

pytestmark = pytest.mark.django_db
FIVE = [CriterionSpec(title=f"Tiêu chuẩn {i}", max_score=20, guidance="Hướng dẫn") for i in range(1, 6)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def account(username: str, role: Role, era: str, code: str) -> User:
    user = User.objects.create_user(username=username, password="x", full_name=username)
    membership_grant(actor=None, user=user, role=role, unit=unit(era, code))
    return user


def commission():
    return Organization.objects.get(name="Ban Dân vận Tỉnh ủy Quảng Ninh")


@pytest.fixture
def campaign(province_manager):
    c = campaign_launch(
        actor=province_manager,
        organization=commission(),
        name="Dân vận khéo 2024",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
        levels=["commune"],
    )
    criteria_set_create(
        actor=province_manager, campaign=c, subject=Subject.COLLECTIVE, name="5 tiêu chuẩn", criteria=FIVE
    )
    return c


@pytest.fixture
def council(campaign, province_manager):
    a = account("hd_chu_tich", Role.VIEWER, "2024", "22")
    b = account("hd_uy_vien", Role.VIEWER, "2024", "22")
    council_set(actor=province_manager, campaign=campaign, name="Hội đồng TĐKT", members=[(a, "chair"), (b, "member")])
    return {"chair": a, "member": b}


@pytest.fixture
def evaluation(campaign, commune_reporter):
    reg = registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    return evaluation_start(actor=commune_reporter, registration=reg)


def crits(ev):
    return list(ev.criteria_set.criteria.all())


def submitted(ev, reporter):
    evaluation_self_score(actor=reporter, evaluation=ev, scores={c.pk: (15, "") for c in crits(ev)})
    return evaluation_submit(actor=reporter, evaluation=ev)


def in_review(ev, reporter, steer):
    submitted(ev, reporter)
    return evaluation_open_review(actor=steer, evaluation=ev)


def score_post(ev, value):
    return {f"score_{c.pk}": str(value) for c in crits(ev)}


# --- the list and the launch ----------------------------------------------------------------------


def test_the_list_shows_the_campaign_to_its_province_and_below(login, campaign, commune_reporter, other_manager):
    url = reverse("recognition:campaign_list")
    page = login(commune_reporter).get(url)
    assert page.status_code == 200 and "Dân vận khéo 2024" in page.content.decode()
    assert 'id="launch-form"' not in page.content.decode()  # a commune reporter manages nothing
    other = login(other_manager).get(url).content.decode()
    assert "Dân vận khéo 2024" not in other and 'id="launch-form"' in other


def test_the_list_keeps_its_queries_pinned(login, campaign, province_manager, django_assert_num_queries):
    client = login(province_manager)
    client.get(reverse("recognition:campaign_list"))
    for i in range(3):
        campaign_launch(
            actor=province_manager,
            organization=commission(),
            name=f"Đợt {i}",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 6, 30),
        )
    with django_assert_num_queries(11):
        page = client.get(reverse("recognition:campaign_list"))
    assert page.content.decode().count("/recognition/campaigns/") >= 4


def test_a_manager_launches_a_campaign(login, province_manager):
    kinds = list(Organization.objects.filter(name="Ban Dân vận Tỉnh ủy Quảng Ninh").values_list("kind_id", flat=True))
    page = login(province_manager).post(
        reverse("recognition:campaign_launch"),
        {
            "organization": commission().pk,
            "name": "Dân vận khéo giai đoạn 2021–2025",
            "starts_on": "2021-01-01",
            "ends_on": "2025-12-31",
            "levels": ["commune", "district"],
            "organization_kinds": kinds,
            "result_rule": "trimmed",
        },
    )
    c = Campaign.objects.get(name="Dân vận khéo giai đoạn 2021–2025")
    assert page.status_code == 302 and page["Location"] == reverse("recognition:campaign_detail", args=[c.pk])
    assert (c.levels, c.result_rule, c.period_label) == (["commune", "district"], "trimmed", "2021–2025")


def test_a_commune_reporter_cannot_launch_for_the_province(login, commune_reporter):
    page = login(commune_reporter).post(
        reverse("recognition:campaign_launch"),
        {
            "organization": commission().pk,
            "name": "X",
            "starts_on": "2024-01-01",
            "ends_on": "2024-12-31",
            "result_rule": "average",
        },
    )
    assert page.status_code == 400 and not Campaign.objects.filter(name="X").exists()


def test_launch_refuses_an_end_before_the_start(login, province_manager):
    page = login(province_manager).post(
        reverse("recognition:campaign_launch"),
        {
            "organization": commission().pk,
            "name": "Ngược",
            "starts_on": "2024-12-31",
            "ends_on": "2024-01-01",
            "result_rule": "average",
        },
    )
    assert page.status_code == 400 and gettext("A campaign cannot end before it starts.") in page.content.decode()
    assert not Campaign.objects.filter(name="Ngược").exists()


# --- the campaign page ----------------------------------------------------------------------------


def test_the_campaign_page_is_a_404_for_another_province(login, campaign, other_manager):
    url = reverse("recognition:campaign_detail", args=[campaign.pk])
    assert login(other_manager).get(url).status_code == 404
    assert (
        login(other_manager).post(reverse("recognition:criteria_set_create", args=[campaign.pk]), {}).status_code == 404
    )


def test_the_campaign_page_shows_the_standards_and_offers_forms_by_role(
    login, campaign, province_manager, commune_reporter
):
    url = reverse("recognition:campaign_detail", args=[campaign.pk])
    manager = login(province_manager).get(url).content.decode()
    assert "Tiêu chuẩn 5" in manager and 'id="criteria-form"' in manager and 'id="council-form"' in manager
    reporter = login(commune_reporter).get(url).content.decode()
    assert "Tiêu chuẩn 5" in reporter and 'id="criteria-form"' not in reporter and 'id="council-form"' not in reporter
    assert 'id="registration-form"' in reporter and "Nam Khê" in reporter


def test_the_campaign_page_keeps_its_queries_pinned(
    login, campaign, province_manager, commune_reporter, django_assert_num_queries
):
    client = login(province_manager)
    url = reverse("recognition:campaign_detail", args=[campaign.pk])
    registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    client.get(url)
    with django_assert_num_queries(PINNED_DETAIL):
        client.get(url)
    for code in ("06826", "06832"):  # two more wards of Uông Bí register
        registration_create(actor=province_manager, campaign=campaign, unit=unit("2024", code))
    with django_assert_num_queries(PINNED_DETAIL):
        page = client.get(url)
    assert page.content.decode().count("<tr>") >= 3


PINNED_DETAIL = 29  # 27 + the people an individual registration may name + the members removed from the council


def test_a_new_version_of_the_standards_from_pasted_lines(login, campaign, province_manager):
    page = login(province_manager).post(
        reverse("recognition:criteria_set_create", args=[campaign.pk]),
        {
            "subject": "collective",
            "name": "Bộ mới",
            "lines": "Gần dân; 30; đi cơ sở\n\nHiểu dân;20\nTin dân; 50,5; có minh chứng; ảnh",
        },
    )
    assert page.status_code == 302
    cs = CriteriaSet.objects.get(campaign=campaign, subject="collective", version=2)
    assert [(c.title, c.max_score, c.guidance) for c in cs.criteria.all()] == [
        ("Gần dân", Decimal(30), "đi cơ sở"),
        ("Hiểu dân", Decimal(20), ""),
        ("Tin dân", Decimal("50.5"), "có minh chứng; ảnh"),
    ]


def test_bad_criteria_lines_are_named_and_nothing_is_saved(login, campaign, province_manager):
    page = login(province_manager).post(
        reverse("recognition:criteria_set_create", args=[campaign.pk]),
        {"subject": "collective", "name": "Sai", "lines": "Gần dân; 30\nHiểu dân\nTin dân; mười\n; 10"},
    )
    text = page.content.decode()
    assert page.status_code == 400
    for n in (2, 3, 4):
        assert f"Line {n}" in text or f"Dòng {n}" in text
    assert "Line 1" not in text and "Dòng 1:" not in text
    assert CriteriaSet.objects.filter(campaign=campaign).count() == 1


def test_a_reporter_cannot_write_standards(login, campaign, commune_reporter):
    page = login(commune_reporter).post(
        reverse("recognition:criteria_set_create", args=[campaign.pk]), {"subject": "collective", "lines": "A; 10"}
    )
    assert page.status_code == 403 and CriteriaSet.objects.filter(campaign=campaign).count() == 1


def test_the_council_is_set_from_officials_of_the_level(login, campaign, province_manager, commune_reporter):
    a = account("hd_a", Role.VIEWER, "2024", "22")
    client = login(province_manager)
    page = client.get(reverse("recognition:campaign_detail", args=[campaign.pk])).content.decode()
    assert f'name="member_{a.pk}"' in page
    assert (
        f'name="member_{commune_reporter.pk}"' not in page
    )  # a commune reporter does not sit on the province's council
    done = client.post(
        reverse("recognition:council_set", args=[campaign.pk]),
        {
            "name": "Hội đồng TĐKT tỉnh",
            f"member_{a.pk}": "chair",
            f"member_{province_manager.pk}": "secretary",
            f"member_{commune_reporter.pk}": "member",
        },
    )
    assert done.status_code == 302
    roster = {m.user.username: m.role for m in campaign.council.members.select_related("user")}
    assert roster == {"hd_a": "chair", "quangninh": "secretary"}


def test_a_reporter_cannot_set_the_council(login, campaign, commune_reporter):
    page = login(commune_reporter).post(reverse("recognition:council_set", args=[campaign.pk]), {"name": "X"})
    assert page.status_code == 403


def test_a_commune_registers_with_its_commitments(login, campaign, commune_reporter):
    from danvan.reporting.models import Indicator

    ind = Indicator.objects.filter(active=True).order_by("code").first()
    page = login(commune_reporter).post(
        reverse("recognition:registration_create", args=[campaign.pk]),
        {
            "unit": unit("2024", "06823").pk,
            "commitments_text": "Xây dựng 2 mô hình",
            "c0_text": "Nhà văn hóa",
            "c0_indicator": ind.pk,
            "c0_target": "12,5",
            "c1_text": "Đường bê tông",
        },
    )
    assert page.status_code == 302
    reg = Registration.objects.get(campaign=campaign)
    assert reg.commitments_text == "Xây dựng 2 mô hình"
    assert [(c.text, c.indicator_id, c.target_value) for c in reg.commitments.all()] == [
        ("Nhà văn hóa", ind.pk, Decimal("12.5")),
        ("Đường bê tông", None, None),
    ]


def test_registration_offers_only_units_the_user_reports_for(login, campaign, commune_reporter):
    page = login(commune_reporter).post(
        reverse("recognition:registration_create", args=[campaign.pk]), {"unit": unit("2024", "06826").pk}
    )
    assert page.status_code == 400 and not Registration.objects.exists()


def test_registering_twice_is_a_clear_message(login, campaign, commune_reporter, evaluation):
    page = login(commune_reporter).post(
        reverse("recognition:registration_create", args=[campaign.pk]), {"unit": unit("2024", "06823").pk}
    )
    assert page.status_code == 409 and 'role="alert"' in page.content.decode()
    assert Registration.objects.count() == 1


# --- the evaluation page --------------------------------------------------------------------------


def test_the_registrant_scores_itself_and_submits(login, evaluation, commune_reporter):
    client = login(commune_reporter)
    url = reverse("recognition:evaluation_detail", args=[evaluation.pk])
    page = client.get(url).content.decode()
    assert 'id="self-form"' in page and "Hướng dẫn" in page and 'id="submit-button"' in page
    data = {**score_post(evaluation, "15,5"), f"note_{crits(evaluation)[0].pk}": "Có 3 mô hình"}
    assert client.post(reverse("recognition:evaluation_self_score", args=[evaluation.pk]), data).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.self_total == Decimal("77.5")
    assert client.post(reverse("recognition:evaluation_transition", args=[evaluation.pk, "submit"])).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED
    page = client.get(url).content.decode()
    assert 'id="self-form"' not in page and "Có 3 mô hình" in page


def test_a_self_score_above_the_maximum_is_refused_and_nothing_saved(login, evaluation, commune_reporter):
    data = score_post(evaluation, 15)
    data[f"score_{crits(evaluation)[2].pk}"] = "25"
    page = login(commune_reporter).post(reverse("recognition:evaluation_self_score", args=[evaluation.pk]), data)
    assert page.status_code == 400 and 'role="alert"' in page.content.decode()
    assert "20" in page.content.decode()
    assert not SelfScore.objects.filter(evaluation=evaluation).exists()


def test_submitting_an_incomplete_self_assessment_is_a_clear_message(login, evaluation, commune_reporter):
    page = login(commune_reporter).post(reverse("recognition:evaluation_transition", args=[evaluation.pk, "submit"]))
    assert page.status_code == 400 and "1, 2, 3, 4, 5" in page.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT


def test_the_evaluation_page_is_a_404_for_another_province(login, evaluation, other_manager):
    client = login(other_manager)
    assert client.get(reverse("recognition:evaluation_detail", args=[evaluation.pk])).status_code == 404
    assert client.post(reverse("recognition:evaluation_transition", args=[evaluation.pk, "approve"])).status_code == 404


def test_evidence_links_a_visible_record_or_a_file(login, evaluation, commune_reporter):
    from danvan.initiatives.models import Initiative

    client = login(commune_reporter)
    url = reverse("recognition:evidence_add", args=[evaluation.pk])
    first = crits(evaluation)[0]
    model = Initiative.objects.filter(unit__path__startswith=unit("2024", "06823").path).first()
    if model is not None:
        assert client.post(url, {"criterion": first.pk, "kind": "initiative", "object_id": model.pk}).status_code == 302
    missing = client.post(url, {"criterion": first.pk, "kind": "initiative", "object_id": 999999})
    assert missing.status_code == 400 and "999999" in missing.content.decode()
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    done = client.post(url, {"criterion": first.pk, "kind": "file", "label": "Biên bản", "file": upload})
    assert done.status_code == 302
    item = Evidence.objects.get(evaluation=evaluation, kind="file")
    got = client.get(reverse("recognition:evidence_file", args=[evaluation.pk, item.pk]))
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF")
    fake = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
    bad = client.post(url, {"criterion": first.pk, "kind": "file", "file": fake})
    assert bad.status_code == 400 and Evidence.objects.filter(evaluation=evaluation, kind="file").count() == 1


def test_a_commune_reporter_cannot_send_to_review_or_approve(login, evaluation, commune_reporter, council):
    submitted(evaluation, commune_reporter)
    client = login(commune_reporter)
    page = client.get(reverse("recognition:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert 'id="review-button"' not in page and 'id="approve-button"' not in page
    for step in ("review", "approve", "publish"):
        r = client.post(reverse("recognition:evaluation_transition", args=[evaluation.pk, step]))
        assert r.status_code in (403, 409), step
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED


def test_returning_needs_a_reason(login, evaluation, commune_reporter, council):
    submitted(evaluation, commune_reporter)
    client = login(council["chair"])
    url = reverse("recognition:evaluation_transition", args=[evaluation.pk, "return"])
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400 and 'role="alert"' in empty.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert client.post(url, {"reason": "Thiếu minh chứng tiêu chí 2"}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT
    page = login(commune_reporter).get(reverse("recognition:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert "Thiếu minh chứng tiêu chí 2" in page and 'id="self-form"' in page


def test_council_members_score_and_the_standing_body_approves_and_publishes(
    login, evaluation, commune_reporter, council, province_manager
):
    in_review(evaluation, commune_reporter, council["chair"])
    url = reverse("recognition:evaluation_detail", args=[evaluation.pk])
    member = login(council["member"])
    assert 'id="score-form"' in member.get(url).content.decode()
    assert (
        member.post(reverse("recognition:council_score", args=[evaluation.pk]), score_post(evaluation, 16)).status_code
        == 302
    )
    chair = login(council["chair"])
    assert (
        chair.post(reverse("recognition:council_score", args=[evaluation.pk]), score_post(evaluation, 18)).status_code
        == 302
    )
    manager = login(province_manager)
    page = manager.get(url).content.decode()
    assert 'id="approve-button"' in page and 'id="member-totals"' in page and "80" in page and "90" in page
    assert (
        manager.post(reverse("recognition:evaluation_transition", args=[evaluation.pk, "approve"])).status_code == 302
    )
    evaluation.refresh_from_db()
    assert evaluation.result == Decimal("85.00")
    assert (
        manager.post(reverse("recognition:evaluation_transition", args=[evaluation.pk, "publish"])).status_code == 302
    )
    page = login(commune_reporter).get(url).content.decode()
    assert 'id="read-only"' in page and "85" in page and 'id="self-form"' not in page
    assert 'id="return-form"' not in manager.get(url).content.decode()


def test_a_council_score_above_the_maximum_is_refused_and_nothing_saved(login, evaluation, commune_reporter, council):
    in_review(evaluation, commune_reporter, council["chair"])
    data = score_post(evaluation, 10)
    data[f"score_{crits(evaluation)[4].pk}"] = "20,01"
    page = login(council["member"]).post(reverse("recognition:council_score", args=[evaluation.pk]), data)
    assert page.status_code == 400 and 'role="alert"' in page.content.decode()
    assert not CouncilScore.objects.exists()


def test_a_member_is_not_offered_the_form_on_their_own_unit(
    login, evaluation, commune_reporter, council, province_manager
):
    council_set(
        actor=province_manager,
        campaign=evaluation.registration.campaign,
        name="Hội đồng TĐKT",
        members=[(commune_reporter, "member")],
    )
    in_review(evaluation, commune_reporter, council["chair"])
    client = login(commune_reporter)
    page = client.get(reverse("recognition:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert 'id="score-form"' not in page and 'id="no-score"' in page
    r = client.post(reverse("recognition:council_score", args=[evaluation.pk]), score_post(evaluation, 20))
    assert r.status_code == 403 and not CouncilScore.objects.exists()


def test_a_published_result_is_read_only(login, evaluation, commune_reporter, council, province_manager):
    in_review(evaluation, commune_reporter, council["chair"])
    council_score(actor=council["member"], evaluation=evaluation, scores={c.pk: (10, "") for c in crits(evaluation)})
    evaluation_approve(actor=province_manager, evaluation=evaluation)
    client = login(province_manager)
    client.post(reverse("recognition:evaluation_transition", args=[evaluation.pk, "publish"]))
    r = client.post(reverse("recognition:evaluation_transition", args=[evaluation.pk, "return"]), {"reason": "sửa"})
    assert r.status_code == 409 and 'role="alert"' in r.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.PUBLISHED and evaluation.result == Decimal("50.00")
    assert Evaluation.objects.get(pk=evaluation.pk).council_scores.count() == 5
