"""The lifecycle buttons: exactly the allowed transitions; the service decides, its message is shown."""

from __future__ import annotations

import pytest

from danvan.initiatives.models import InitiativeEvent, Status
from danvan.initiatives.tests.factories import nam_khe_model


def post(client, model, to, comment=""):
    return client.post(f"/models/{model.pk}/transition/", {"to": to, "comment": comment})


def test_a_reporter_registers_a_draft(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    client = login(commune_reporter)
    response = post(client, model, "registered")
    assert response.status_code == 302
    assert response["Location"] == model.get_absolute_url()
    model.refresh_from_db()
    assert model.status == Status.REGISTERED
    assert "Mô hình đã được đăng ký." in client.get(response["Location"]).content.decode()


def test_a_reporter_cannot_recognise_even_by_posting(login, commune_reporter):
    model = nam_khe_model(commune_reporter, register=True)
    client = login(commune_reporter)
    assert 'data-to="recognised"' not in client.get(model.get_absolute_url()).content.decode()
    response = post(client, model, "recognised", "Tự công nhận")
    assert response.status_code == 403
    content = response.content.decode()
    message = "Bạn không được thực hiện thao tác này với mô hình này."
    assert f'<div class="form-error" role="alert" id="transition-error">{message}</div>' in content
    model.refresh_from_db()
    assert model.status == Status.REGISTERED
    assert not model.events.filter(to_status=Status.RECOGNISED).exists()


def test_the_level_above_recognises(login, commune_reporter, district_reviewer):
    model = nam_khe_model(commune_reporter, register=True)
    response = post(login(district_reviewer), model, "recognised", "Đạt các tiêu chí.")
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == Status.RECOGNISED
    event = model.events.get(to_status=Status.RECOGNISED)
    assert (event.actor, event.comment, event.from_status) == (district_reviewer, "Đạt các tiêu chí.", "registered")


def test_returning_needs_a_reason(login, commune_reporter, district_reviewer):
    model = nam_khe_model(commune_reporter, register=True)
    client = login(district_reviewer)
    refused = post(client, model, "returned", "   ")
    assert refused.status_code == 400
    assert "Hãy nêu lý do." in refused.content.decode()
    model.refresh_from_db()
    assert model.status == Status.REGISTERED
    assert post(client, model, "returned", "Bổ sung số liệu kết quả.").status_code == 302
    model.refresh_from_db()
    assert model.status == Status.RETURNED
    assert model.events.get(to_status=Status.RETURNED).comment == "Bổ sung số liệu kết quả."


def test_a_transition_the_lifecycle_does_not_have_is_refused(login, admin_user, commune_reporter):
    model = nam_khe_model(commune_reporter)
    response = post(login(admin_user), model, "typical")
    assert response.status_code == 409
    assert "Mô hình đang ở trạng thái bản nháp không thể chuyển sang điển hình." in response.content.decode()
    model.refresh_from_db()
    assert model.status == Status.DRAFT


@pytest.mark.parametrize("to", ["", "lost", "x" * 500])
def test_an_unknown_status_is_refused(login, commune_reporter, to):
    model = nam_khe_model(commune_reporter)
    response = post(login(commune_reporter), model, to)
    assert response.status_code == 400
    model.refresh_from_db()
    assert model.status == Status.DRAFT


def test_a_too_long_comment_is_refused_with_its_message(login, commune_reporter, district_reviewer):
    model = nam_khe_model(commune_reporter, register=True)
    response = post(login(district_reviewer), model, "recognised", "x" * 2001)
    assert response.status_code == 400
    assert "2000" in response.content.decode()
    model.refresh_from_db()
    assert model.status == Status.REGISTERED


def test_it_rejects_other_province(login, commune_reporter, other_manager):
    model = nam_khe_model(commune_reporter, register=True)
    assert post(login(other_manager), model, "recognised").status_code == 404
    model.refresh_from_db()
    assert model.status == Status.REGISTERED
    assert not model.events.exclude(kind=InitiativeEvent.Kind.TRANSITION).exists()


def test_it_takes_only_posts(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    assert login(commune_reporter).get(f"/models/{model.pk}/transition/").status_code == 405


def test_anonymous_posts_change_nothing(client, commune_reporter):
    model = nam_khe_model(commune_reporter)
    assert post(client, model, "registered").status_code == 302
    model.refresh_from_db()
    assert model.status == Status.DRAFT
