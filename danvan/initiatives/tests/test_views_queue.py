"""The recognition queue: registered models the user may recognise, by the rule `initiative_transition` applies."""

from __future__ import annotations

from danvan.initiatives.models import Status
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model


def _registered(actor):
    return initiative_transition(actor=actor, initiative=nam_khe_model(actor), to=Status.REGISTERED)


def test_the_level_above_sees_the_registered_model_with_a_link_to_its_actions(
    login, commune_reporter, district_reviewer
):
    model = _registered(commune_reporter)
    nam_khe_model(commune_reporter, name="Mô hình còn nháp")  # a draft waits for no one
    html = login(district_reviewer).get("/models/queue/").content.decode()
    assert f'href="/models/{model.pk}/#status"' in html and "Tuyến phố tự quản Nam Sơn" in html
    assert "Mô hình còn nháp" not in html
    assert 'id="queue-count">1<' in html


def test_the_models_own_reporter_does_not_recognise_it(login, commune_reporter):
    _registered(commune_reporter)
    html = login(commune_reporter).get("/models/queue/").content.decode()
    assert 'id="queue-count">0<' in html and "Tuyến phố tự quản Nam Sơn" not in html
    assert "cấp trên" in html  # says who recognises


def test_it_rejects_other_province(login, commune_reporter, other_manager):
    _registered(commune_reporter)
    html = login(other_manager).get("/models/queue/").content.decode()
    assert 'id="queue-count">0<' in html and "Nam Sơn" not in html


def test_it_asks_for_a_signed_in_user(client):
    response = client.get("/models/queue/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_query_count_of_the_queue(login, commune_reporter, province_manager, django_assert_num_queries):
    for n in range(3):
        _registered(commune_reporter) if n == 0 else initiative_transition(
            actor=commune_reporter,
            initiative=nam_khe_model(commune_reporter, name=f"Mô hình {n}"),
            to=Status.REGISTERED,
        )
    client = login(province_manager)
    # session, user, scope (membership + 5 for the other era), count, page of models with units and organisations
    with django_assert_num_queries(7):
        response = client.get("/models/queue/")
    assert response.content.decode().count('id="queue-row-') == 3
