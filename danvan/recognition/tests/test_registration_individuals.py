"""An individual (a person of an organisation) registers for a campaign: the page and the service (API: api/tests).

Personas (danvan/conftest.py): Nam Khê's reporter registers a cadre of Nam Khê's Front committee; a
person of Tuyên Quang's police is nobody he may register (refused, nothing saved).
"""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.org.models import Organization, Person
from danvan.recognition.models import Registration, Subject
from danvan.recognition.services.campaigns import CriterionSpec, criteria_set_create, registration_create
from danvan.recognition.services.evaluations import evaluation_start
from danvan.recognition.tests.test_pages_campaigns import campaign  # noqa: F401

pytestmark = pytest.mark.django_db


def front_nam_khe() -> Organization:
    return Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")


@pytest.fixture
def lanh(db) -> Person:
    return Person.objects.create(
        full_name="Vũ Thị Lành", position="Trưởng ban công tác Mặt trận khu 3", organization=front_nam_khe()
    )


@pytest.fixture
def police_officer(db) -> Person:
    return Person.objects.create(
        full_name="Ma Văn Tuấn", organization=Organization.objects.get(name="Công an tỉnh Tuyên Quang")
    )


@pytest.fixture
def individual_standards(campaign, province_manager):  # noqa: F811
    return criteria_set_create(
        actor=province_manager,
        campaign=campaign,
        subject=Subject.INDIVIDUAL,
        name="Tiêu chuẩn cá nhân",
        criteria=[CriterionSpec(title="Gương mẫu", max_score=50), CriterionSpec(title="Sát dân", max_score=50)],
    )


def register_url(campaign):  # noqa: F811
    return reverse("recognition:registration_create", args=[campaign.pk])


# --- the page -------------------------------------------------------------------------------------


def test_the_form_offers_a_collective_or_a_person_the_user_reports_for(
    login,
    campaign,  # noqa: F811
    commune_reporter,
    lanh,
    police_officer,
):
    page = login(commune_reporter).get(reverse("recognition:campaign_detail", args=[campaign.pk])).content.decode()
    assert 'name="subject" value="collective"' in page and 'name="subject" value="individual"' in page
    assert f'<option value="{lanh.pk}">Vũ Thị Lành · Trưởng ban công tác Mặt trận khu 3' in page
    assert "Ma Văn Tuấn" not in page


def test_a_reporter_registers_a_person_who_is_then_listed_with_their_organisation(
    login,
    campaign,  # noqa: F811
    commune_reporter,
    lanh,
    individual_standards,
):
    client = login(commune_reporter)
    done = client.post(
        register_url(campaign),
        {"subject": "individual", "person": lanh.pk, "commitments_text": "Vận động 20 hộ hiến đất"},
    )
    assert done.status_code == 302
    reg = Registration.objects.get(campaign=campaign)
    assert (reg.subject, reg.person, reg.organization, reg.unit) == (
        Subject.INDIVIDUAL,
        lanh,
        front_nam_khe(),
        unit("2024", "06823"),
    )
    page = client.get(reverse("recognition:campaign_detail", args=[campaign.pk])).content.decode()
    table = page.split('id="registration-table"')[1].split("</table>")[0]
    assert "Vũ Thị Lành · Ủy ban MTTQ Việt Nam phường Nam Khê" in table and "Vận động 20 hộ hiến đất" in table
    assert gettext("individual").capitalize() in table

    started = client.post(reverse("recognition:evaluation_start", args=[reg.pk]))
    assert started.status_code == 302
    evaluation = reg.evaluation
    assert evaluation.criteria_set == individual_standards
    page = client.get(started["Location"]).content.decode()
    assert "<h1>Vũ Thị Lành · Ủy ban MTTQ Việt Nam phường Nam Khê</h1>" in page
    assert "Gương mẫu" in page and "Trưởng ban công tác Mặt trận khu 3" in page


def test_a_collective_still_registers_without_a_person(login, campaign, commune_reporter, lanh):  # noqa: F811
    done = login(commune_reporter).post(
        register_url(campaign), {"subject": "collective", "unit": unit("2024", "06823").pk, "person": lanh.pk}
    )
    assert done.status_code == 302
    reg = Registration.objects.get(campaign=campaign)
    assert reg.subject == Subject.COLLECTIVE and reg.person is None and reg.organization is None


def test_a_person_of_another_province_is_refused_and_nothing_is_saved(
    login,
    campaign,  # noqa: F811
    commune_reporter,
    police_officer,
):
    page = login(commune_reporter).post(register_url(campaign), {"subject": "individual", "person": police_officer.pk})
    text = page.content.decode()
    assert page.status_code == 400 and 'role="alert"' in text
    assert gettext("Choose a person of an organisation you report for, inside this campaign.") in text
    assert not Registration.objects.exists()


def test_an_individual_without_a_person_or_a_collective_without_a_unit_is_a_clear_message(
    login,
    campaign,  # noqa: F811
    commune_reporter,
):
    client = login(commune_reporter)
    no_person = client.post(register_url(campaign), {"subject": "individual", "unit": unit("2024", "06823").pk})
    assert no_person.status_code == 400 and gettext("Choose the person taking part.") in no_person.content.decode()
    no_unit = client.post(register_url(campaign), {"subject": "collective"})
    assert no_unit.status_code == 400 and gettext("Choose the unit taking part.") in no_unit.content.decode()
    assert not Registration.objects.exists()


def test_the_same_person_registers_once(login, campaign, commune_reporter, lanh):  # noqa: F811
    client = login(commune_reporter)
    assert client.post(register_url(campaign), {"subject": "individual", "person": lanh.pk}).status_code == 302
    again = client.post(register_url(campaign), {"subject": "individual", "person": lanh.pk})
    assert again.status_code == 409 and gettext("Already registered for this campaign.") in again.content.decode()
    assert Registration.objects.count() == 1


# --- the service ----------------------------------------------------------------------------------


def test_the_service_places_a_person_at_their_organisation(campaign, commune_reporter, lanh):  # noqa: F811
    reg = registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"), person=lanh)
    assert reg.organization == front_nam_khe() and reg.who_label == "Vũ Thị Lành · Ủy ban MTTQ Việt Nam phường Nam Khê"


def test_the_service_refuses_a_person_without_an_organisation_or_of_another(campaign, commune_reporter, lanh):  # noqa: F811
    loose = Person.objects.create(full_name="Không Tổ Chức")
    with pytest.raises(DomainError) as exc:
        registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"), person=loose)
    assert exc.value.code == "person_without_organization"
    other = Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí")
    with pytest.raises(DomainError) as exc:
        registration_create(
            actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"), organization=other, person=lanh
        )
    assert exc.value.code == "person_organization"
    assert not Registration.objects.exists()


def test_the_service_refuses_a_person_the_actor_may_not_report_for(campaign, commune_reporter, police_officer):  # noqa: F811
    with pytest.raises(DomainError) as exc:
        registration_create(
            actor=commune_reporter, campaign=campaign, unit=police_officer.organization.unit, person=police_officer
        )
    assert exc.value.code == "forbidden" and not Registration.objects.exists()


def test_a_council_member_does_not_score_themself(campaign, province_manager, lanh, individual_standards):  # noqa: F811
    from danvan.org.models import User
    from danvan.recognition.services.evaluations import (
        council_score,
        council_set,
        evaluation_open_review,
        evaluation_self_score,
        evaluation_submit,
    )

    lanh.user = User.objects.create_user(username="lanh", password="x", full_name="Vũ Thị Lành")
    lanh.save()
    council_set(actor=province_manager, campaign=campaign, name="Hội đồng", members=[(lanh.user, "member")])
    reg = registration_create(actor=province_manager, campaign=campaign, unit=unit("2024", "06823"), person=lanh)
    ev = evaluation_start(actor=province_manager, registration=reg)
    crit = list(ev.criteria_set.criteria.all())
    evaluation_self_score(actor=province_manager, evaluation=ev, scores={c.pk: (40, "") for c in crit})
    evaluation_submit(actor=province_manager, evaluation=ev)
    evaluation_open_review(actor=province_manager, evaluation=ev)
    with pytest.raises(DomainError) as exc:
        council_score(actor=lanh.user, evaluation=ev, scores={c.pk: (50, "") for c in crit})
    assert exc.value.code == "conflict_of_interest"


def test_individuals_in_the_list_add_no_queries(
    login,
    campaign,  # noqa: F811
    province_manager,
    commune_reporter,
    lanh,
    django_assert_num_queries,
):
    from danvan.recognition.tests.test_pages_campaigns import PINNED_DETAIL

    client = login(province_manager)
    url = reverse("recognition:campaign_detail", args=[campaign.pk])
    registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    client.get(url)
    with django_assert_num_queries(PINNED_DETAIL):
        client.get(url)
    registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"), person=lanh)
    other = Person.objects.create(full_name="Đỗ Văn Hưng", organization=front_nam_khe())
    registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"), person=other)
    with django_assert_num_queries(PINNED_DETAIL):
        page = client.get(url).content.decode()
    assert "Đỗ Văn Hưng · Ủy ban MTTQ" in page and "Vũ Thị Lành · Ủy ban MTTQ" in page
