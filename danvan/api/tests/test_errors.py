"""Every error under /api/ is JSON {detail, code} in the caller's language, never Django's HTML page."""

from __future__ import annotations

import pytest


def error(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"detail", "code"}
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v1/nothing-here/",
        "/api/v1/dialogues/-1/",  # an id the route's converter refuses
        "/api/v1/units/2024/22/extra/",
        "/api/v1/petitions/12/sender/more/",
        "/api/v1/dialogues/1%0A2/issues/",  # a newline, which "." in a route's pattern would not match
    ],
)
def test_an_unknown_address_answers_a_json_404(api, province_manager, path):
    body = error(api(province_manager, language="en").get(path), 404)
    shown = path.replace("%0A", "\n")  # the path as Django decoded it
    assert body == {
        "detail": f"There is nothing at {shown}; the list of addresses is at /api/docs/.",
        "code": "not_found",
    }


def test_the_404_speaks_vietnamese_by_default(api, db):
    body = error(api().post("/api/v1/nothing-here/", {}, format="json"), 404)  # POST: no CSRF page either
    assert body["detail"] == "Không có gì ở /api/v1/nothing-here/; danh sách các địa chỉ ở /api/docs/."


def test_an_address_without_its_slash_is_still_redirected(client, db):
    response = client.get("/api/v1/units")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/units/")


def test_a_known_object_out_of_reach_answers_the_same_404(api, other_manager):
    body = error(api(other_manager, language="en").get("/api/v1/units/2024/06823/"), 404)
    assert body["code"] == "not_found"


def test_a_wrong_method_answers_a_json_405(api, province_manager):
    body = error(api(province_manager, language="en").delete("/api/v1/units/"), 405)
    assert body == {"detail": "Method DELETE is not allowed here.", "code": "method_not_allowed"}


def test_a_bad_query_parameter_answers_a_json_400_naming_it(api, province_manager):
    body = error(api(province_manager, language="en").get("/api/v1/dialogues/", {"date_from": "yesterday"}), 400)
    assert body["code"] == "invalid"
    assert list(body["errors"]) == ["date_from"]


def test_format_is_a_filter_not_a_renderer(api, province_manager):
    """DRF would answer 404 to ?format=conference: it read it as the name of a renderer."""
    client = api(province_manager, language="en")
    assert client.get("/api/v1/dialogues/", {"format": "conference"}).status_code == 200
    body = error(client.get("/api/v1/dialogues/", {"format": "opera"}), 400)
    assert list(body["errors"]) == ["format"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/indicators/", {"active": "maybe"}),
        ("/api/v1/petitions/", {"mine": "maybe"}),
        ("/api/v1/prestigious-persons/", {"current": "maybe"}),
        ("/api/v1/rollup/", {"era": "2025", "indicator": "tt_people", "period": "2024", "approved_only": "maybe"}),
    ],
)
def test_every_boolean_filter_refuses_what_is_not_a_boolean(api, province_manager, path, params):
    body = error(api(province_manager, language="en").get(path, params), 400)
    name = next(k for k, v in params.items() if v == "maybe")
    assert body["errors"] == {name: ["write true or false (or 1 or 0)."]}


@pytest.mark.parametrize(("given", "expected"), [("true", True), ("1", True), ("false", False), ("0", False)])
def test_every_boolean_filter_takes_true_false_1_and_0(api, province_manager, given, expected):
    client = api(province_manager)
    indicators = client.get("/api/v1/indicators/", {"active": given}).json()["results"]
    assert (indicators and {i["active"] for i in indicators} == {expected}) or (not indicators and not expected)
    rollup = client.get(
        "/api/v1/rollup/", {"unit": "2025/22", "indicator": "tt_people", "period": "2024", "approved_only": given}
    )
    assert rollup.json()["approved_only"] is expected


def test_current_0_means_everyone_not_only_current(api, province_manager):
    """A Django checkbox reads "0" as checked; the API reads it as false."""
    from danvan.engagement.demo import activities

    activities.load()
    client = api(province_manager)
    everyone = client.get("/api/v1/prestigious-persons/", {"current": "0"}).json()["count"]
    assert everyone == client.get("/api/v1/prestigious-persons/").json()["count"]
    assert client.get("/api/v1/prestigious-persons/", {"current": "1"}).json()["count"] <= everyone


def test_a_bug_answers_a_json_500_and_is_logged(api, province_manager, monkeypatch, caplog):
    from danvan.api import views

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.org_selectors, "organization_list", broken)
    client = api(province_manager, language="en")
    client.raise_request_exception = False
    body = error(client.get("/api/v1/organizations/"), 500)
    assert body == {
        "detail": "Something went wrong on our side; it has been recorded. Please try again later.",
        "code": "server_error",
    }
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def test_a_request_django_finds_suspicious_answers_a_json_400(api, province_manager, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 2
    client = api(province_manager, language="en")
    body = error(client.post("/api/v1/dialogues/", {"a": "1", "b": "2", "c": "3"}), 400)
    assert body["code"] == "bad_request"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/petitions/track/AB%00CDEFGHIJKL/",
        "/api/v1/indicators/tt%00people/",
        "/api/v1/units/2024/068%0023/",
        "/api/v1/dialogues/?q=a%00b",
        "/api/v1/petitions/?topic=a%00b&q=c%00d",
        "/api/v1/datavalues/?unit=2024/068%0023",
        "/api/v1/rollup/?unit=2025/2%002&indicator=tt_people&period=2024",
    ],
)
def test_a_nul_character_is_refused_not_a_server_error(api, admin_user, path):
    """PostgreSQL refuses NUL in a text value: every path and parameter must stop it before the database."""
    response = api(admin_user, language="en").get(path)
    assert response.status_code in (400, 404), response.content
    assert set(response.json()) >= {"detail", "code"}


def test_a_body_that_is_not_json_answers_a_json_415(api, province_manager):
    client = api(province_manager, language="en")
    body = error(client.post("/api/v1/dialogues/", "title=x", content_type="text/plain"), 415)
    assert body == {
        "detail": "Send the body as JSON (Content-Type: application/json) or as a form, not as “text/plain”.",
        "code": "unsupported_media_type",
    }


def test_an_accept_header_the_api_cannot_serve_answers_json(api, province_manager):
    body = error(api(province_manager, language="en").get("/api/v1/units/", HTTP_ACCEPT="text/csv"), 406)
    assert body == {"detail": "The API answers only in JSON (Accept: application/json).", "code": "not_acceptable"}
