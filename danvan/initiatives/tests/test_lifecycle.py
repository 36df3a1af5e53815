"""Each allowed and forbidden transition, per role; the timeline; the edit lock."""

import pytest

from danvan.core.errors import DomainError
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.initiatives.services import allowed_transitions, initiative_transition, initiative_update
from danvan.initiatives.tests.factories import nam_khe_model


@pytest.fixture
def registered(commune_reporter):
    return nam_khe_model(commune_reporter, register=True)


def test_a_reporter_registers_a_model(commune_reporter):
    model = nam_khe_model(commune_reporter)
    assert model.status == Status.DRAFT
    initiative_transition(actor=commune_reporter, initiative=model, to=Status.REGISTERED)
    model.refresh_from_db()
    assert model.status == Status.REGISTERED
    assert [(e.from_status, e.to_status) for e in model.events.all()] == [("", "draft"), ("draft", "registered")]
    assert model.events.last().actor == commune_reporter


def test_a_reporter_cannot_recognise_their_own_model(commune_reporter, registered):
    with pytest.raises(DomainError) as refused:
        initiative_transition(actor=commune_reporter, initiative=registered, to=Status.RECOGNISED)
    assert refused.value.status == 403
    assert Initiative.objects.get(pk=registered.pk).status == Status.REGISTERED


def test_the_reviewer_above_recognises(district_reviewer, registered):
    assert Status.RECOGNISED in allowed_transitions(actor=district_reviewer, initiative=registered)
    initiative_transition(actor=district_reviewer, initiative=registered, to=Status.RECOGNISED, comment="Đạt")
    assert Initiative.objects.get(pk=registered.pk).status == Status.RECOGNISED


def test_a_reviewer_at_the_same_level_cannot_recognise(district_reviewer, province_manager):
    from danvan.conftest import unit
    from danvan.org.models import Organization

    model = nam_khe_model(
        province_manager,
        unit=unit("2024", "196"),
        organization=Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí"),
        register=True,
    )
    with pytest.raises(DomainError):
        initiative_transition(actor=district_reviewer, initiative=model, to=Status.RECOGNISED)
    initiative_transition(actor=province_manager, initiative=model, to=Status.RECOGNISED)  # the province is above


def test_returning_needs_a_reason(district_reviewer, registered):
    with pytest.raises(DomainError, match=r"(?i)reason|lý do"):
        initiative_transition(actor=district_reviewer, initiative=registered, to=Status.RETURNED)
    initiative_transition(actor=district_reviewer, initiative=registered, to=Status.RETURNED, comment="Thiếu số liệu")
    assert Initiative.objects.get(pk=registered.pk).status == Status.RETURNED
    assert registered.events.last().comment == "Thiếu số liệu"


def test_a_returned_model_is_registered_again(commune_reporter, district_reviewer, registered):
    initiative_transition(actor=district_reviewer, initiative=registered, to=Status.RETURNED, comment="Bổ sung")
    initiative_transition(actor=commune_reporter, initiative=registered, to=Status.REGISTERED)
    assert Initiative.objects.get(pk=registered.pk).status == Status.REGISTERED


def test_only_a_manager_names_typical_models(district_reviewer, province_manager, registered):
    initiative_transition(actor=district_reviewer, initiative=registered, to=Status.RECOGNISED)
    with pytest.raises(DomainError):
        initiative_transition(actor=district_reviewer, initiative=registered, to=Status.TYPICAL)
    initiative_transition(actor=province_manager, initiative=registered, to=Status.TYPICAL)
    initiative_transition(actor=province_manager, initiative=registered, to=Status.COMMENDED)
    assert Initiative.objects.get(pk=registered.pk).status == Status.COMMENDED


def test_it_refuses_a_jump_the_lifecycle_does_not_allow(province_manager, registered):
    with pytest.raises(DomainError) as refused:
        initiative_transition(actor=province_manager, initiative=registered, to=Status.TYPICAL)
    assert refused.value.status == 409
    with pytest.raises(DomainError):
        initiative_transition(actor=province_manager, initiative=registered, to="famous")


def test_it_rejects_other_province(other_manager, registered):
    with pytest.raises(DomainError) as refused:
        initiative_transition(actor=other_manager, initiative=registered, to=Status.RECOGNISED)
    assert refused.value.status == 403
    assert allowed_transitions(actor=other_manager, initiative=registered) == []


def test_discontinuing_needs_a_manager_and_a_reason(commune_reporter, province_manager, registered):
    with pytest.raises(DomainError):
        initiative_transition(actor=commune_reporter, initiative=registered, to=Status.DISCONTINUED, comment="x")
    with pytest.raises(DomainError):
        initiative_transition(actor=province_manager, initiative=registered, to=Status.DISCONTINUED)
    initiative_transition(actor=province_manager, initiative=registered, to=Status.DISCONTINUED, comment="Giải thể")
    assert Initiative.objects.get(pk=registered.pk).status == Status.DISCONTINUED


def test_a_recognised_model_is_edited_only_with_a_reason(commune_reporter, district_reviewer, registered):
    initiative_transition(actor=district_reviewer, initiative=registered, to=Status.RECOGNISED)
    with pytest.raises(DomainError) as refused:
        initiative_update(actor=commune_reporter, initiative=registered, values={"name": "Tên mới"})
    assert refused.value.code == "reason_required"
    assert Initiative.objects.get(pk=registered.pk).name == "Tuyến phố tự quản Nam Sơn"
    initiative_update(
        actor=commune_reporter, initiative=registered, values={"name": "Tên mới"}, reason="Sửa theo quyết định"
    )
    edit = registered.events.filter(kind=InitiativeEvent.Kind.EDIT).get()
    assert edit.comment == "Sửa theo quyết định"
    assert edit.changes == {"name": ["Tuyến phố tự quản Nam Sơn", "Tên mới"]}


def test_a_draft_is_edited_freely_but_not_by_another_province(commune_reporter, other_manager):
    model = nam_khe_model(commune_reporter)
    initiative_update(actor=commune_reporter, initiative=model, values={"outputs": "106 hộ"})
    assert Initiative.objects.get(pk=model.pk).outputs == "106 hộ"
    with pytest.raises(DomainError):
        initiative_update(actor=other_manager, initiative=model, values={"outputs": "?"})
    assert Initiative.objects.get(pk=model.pk).outputs == "106 hộ"


def test_an_unrecognised_model_is_replicated_only_within_scope(commune_reporter, other_manager):
    from danvan.conftest import unit
    from danvan.initiatives.services import initiative_replicate
    from danvan.org.models import Organization

    original = nam_khe_model(commune_reporter, register=True)
    with pytest.raises(DomainError) as refused:
        initiative_replicate(
            actor=other_manager,
            original=original,
            unit=unit("2025", "08"),
            organization=Organization.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang"),
            year=2025,
        )
    assert refused.value.status == 404
    assert not original.copies.exists()


def test_the_person_of_an_individual_model_belongs_to_its_organisation(commune_reporter):
    from danvan.org.models import Organization, Person

    stranger = Person.objects.create(
        full_name="Nguyễn Văn A", organization=Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí")
    )
    with pytest.raises(DomainError):
        nam_khe_model(commune_reporter, kind="individual", person=stranger)
    assert not Initiative.objects.filter(person=stranger).exists()


def test_a_recognised_model_is_spread_to_another_province(commune_reporter, district_reviewer, other_manager):
    from danvan.conftest import unit
    from danvan.initiatives.services import initiative_replicate
    from danvan.org.models import Organization

    original = nam_khe_model(commune_reporter, register=True)
    initiative_transition(actor=district_reviewer, initiative=original, to=Status.RECOGNISED)
    copy = initiative_replicate(
        actor=other_manager,
        original=Initiative.objects.get(pk=original.pk),
        unit=unit("2025", "08"),
        organization=Organization.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang"),
        year=2025,
    )
    assert copy.status == Status.DRAFT and copy.replicated_from_id == original.pk
    assert copy.unit.path == "2025/08/"
