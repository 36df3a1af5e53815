"""Replicating a model ("spread models to the people"): a draft in the user's own unit, linked to the original."""

from __future__ import annotations

from django.utils import timezone

from danvan.conftest import unit
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization

QN_2025_COMMISSION = "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh"


def test_the_form_starts_in_the_users_own_unit(login, commune_reporter, province_manager):
    original = nam_khe_model(commune_reporter, register=True)
    response = login(province_manager).get(f"/models/{original.pk}/replicate/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["unit"].value() == "2025/22"
    assert form["organization"].value() == Organization.objects.get(name=QN_2025_COMMISSION).pk
    assert form["year"].value() == timezone.localdate().year
    assert "Nhân rộng “Tuyến phố tự quản Nam Sơn”" in response.content.decode()


def test_replicating_creates_a_draft_linked_to_the_original(login, commune_reporter, province_manager):
    original = nam_khe_model(commune_reporter, register=True)
    org = Organization.objects.get(name=QN_2025_COMMISSION)
    client = login(province_manager)
    response = client.post(
        f"/models/{original.pk}/replicate/", {"unit": "2025/22", "organization": str(org.pk), "year": "2025"}
    )
    copy = Initiative.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/models/{copy.pk}/edit/"
    assert (copy.status, copy.replicated_from, copy.unit, copy.organization) == (
        Status.DRAFT,
        original,
        unit("2025", "22"),
        org,
    )
    assert copy.content == original.content
    assert (
        "bản sao của “Tuyến phố tự quản Nam Sơn” ở dạng bản nháp" in client.get(response["Location"]).content.decode()
    )


def test_a_copy_goes_only_where_the_user_may_register(login, commune_reporter):
    original = nam_khe_model(commune_reporter, register=True)
    org = Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    response = login(commune_reporter).post(
        f"/models/{original.pk}/replicate/", {"unit": "2024/196", "organization": str(org.pk), "year": "2025"}
    )
    assert response.status_code == 403
    assert "Bạn không được đăng ký mô hình tại Thành phố Uông Bí" in response.content.decode()
    assert Initiative.objects.count() == 1


def test_bad_input_is_refused(login, commune_reporter):
    original = nam_khe_model(commune_reporter, register=True)
    response = login(commune_reporter).post(f"/models/{original.pk}/replicate/", {"unit": "", "year": "abc"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert Initiative.objects.count() == 1


def test_it_rejects_other_province(login, commune_reporter, other_manager):
    original = nam_khe_model(commune_reporter, register=True)
    client = login(other_manager)
    assert client.get(f"/models/{original.pk}/replicate/").status_code == 404
    tq = Organization.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang")
    response = client.post(
        f"/models/{original.pk}/replicate/", {"unit": "2025/08", "organization": str(tq.pk), "year": "2025"}
    )
    assert response.status_code == 404
    assert Initiative.objects.count() == 1
