"""GET /api/v1/indicators/, /periods/ and /forms/: the catalogue, for anyone signed in, with pinned queries."""

import pytest

from danvan.reporting.models import Indicator, Period
from danvan.reporting.periods import period_get
from danvan.reporting.services import period_ensure

INDICATORS = "/api/v1/indicators/"
PERIODS = "/api/v1/periods/"
FORMS = "/api/v1/forms/"


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def codes(response):
    return [row["code"] for row in ok(response)["results"]]


@pytest.mark.parametrize("url", [INDICATORS, f"{INDICATORS}tt_people/", PERIODS, f"{PERIODS}2024/", FORMS])
def test_anonymous_gets_401(api, db, url):
    response = api().get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_indicators_describe_how_each_figure_sums(api, commune_reporter):
    rows = {row["code"]: row for row in ok(api(commune_reporter).get(INDICATORS))["results"]}
    people = rows["tt_people"]
    assert people == {
        "code": "tt_people",
        "name": "Số lượt người dân tham gia",
        "name_en": "People taking part",
        "unit_of_measure": "lượt người",
        "unit_of_measure_en": "people",
        "value_type": "integer",
        "time_aggregation": "sum",
        "split_rule": "apportion",
        "breakdown": "",
        "categories": [],
        "source": "both",
        "record_key": "engagement.tt_people",
        "period_type": "year",
        "active": True,
    }
    assert rows["prestigious_persons"]["time_aggregation"] == "last"
    registered = rows["models_registered"]
    assert registered["breakdown"] == "field"
    assert [c["code"] for c in registered["categories"]] == [
        "economic",
        "cultural_social",
        "defence_security",
        "party_building",
    ]
    assert registered["categories"][0]["label"] == "kinh tế"


def test_indicators_filter_by_source_activity_and_words(api, commune_reporter):
    client = api(commune_reporter)
    assert codes(client.get(INDICATORS, {"source": "records"})) == [
        "models_registered",
        "models_recognised",
        "models_typical",
    ]
    Indicator.objects.filter(code="workdays").update(source="entered", record_key="")
    assert codes(client.get(INDICATORS, {"source": "entered"})) == ["workdays"]
    assert "awards_collective" in codes(client.get(INDICATORS, {"source": "both"}))  # read from the decisions too
    Indicator.objects.filter(code="workdays").update(active=False)
    assert codes(client.get(INDICATORS, {"active": "false"})) == ["workdays"]
    assert "workdays" not in codes(client.get(INDICATORS, {"active": "true"}))
    assert "workdays" in codes(client.get(INDICATORS))  # no filter: all, each saying whether it is in use
    assert codes(client.get(INDICATORS, {"q": "nguoi dan"})) == ["tt_people"]  # diacritics optional
    assert codes(client.get(INDICATORS, {"q": "Người dân"})) == ["tt_people"]
    assert codes(client.get(INDICATORS, {"q": "money"})) == ["money_mobilised"]


def test_indicators_refuse_bad_filters(api, commune_reporter):
    response = api(commune_reporter).get(INDICATORS, {"source": "guessed", "active": "maybe"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"source", "active"}
    assert "entered" in response.json()["errors"]["source"][0]


def test_the_indicator_list_is_three_queries(api, commune_reporter, django_assert_num_queries):
    client = api(commune_reporter)
    client.get(INDICATORS)  # the periods and caches warm up
    with django_assert_num_queries(3):  # token, count, page
        ok(client.get(INDICATORS))


def test_one_indicator_or_404(api, commune_reporter):
    client = api(commune_reporter)
    assert ok(client.get(f"{INDICATORS}houses_helped/"))["unit_of_measure"] == "hộ"
    Indicator.objects.filter(code="workdays").update(active=False)
    assert ok(client.get(f"{INDICATORS}workdays/"))["active"] is False  # a retired one is still described
    missing = client.get(f"{INDICATORS}nothing_here/")
    assert missing.status_code == 404
    assert "nothing_here" in missing.json()["detail"]


def test_periods_list_the_stored_ones_by_type(api, commune_reporter):
    for code in ("2024", "2024-Q3", "2024-Q1", "2021-2025"):
        period_ensure(period=period_get(code))  # as opening a report does
    client = api(commune_reporter)
    assert codes(client.get(PERIODS, {"type": "quarter"})) == ["2024-Q1", "2024-Q3"]
    every = codes(client.get(PERIODS))
    assert {"2024", "2024-Q3", "2021-2025"} <= set(every)
    bad = client.get(PERIODS, {"type": "week"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["type"]


def test_any_valid_period_code_is_parsed_and_never_stored_by_reading_it(api, commune_reporter):
    assert not Period.objects.filter(code="2031-Q3").exists()
    body = ok(api(commune_reporter, language="en").get(f"{PERIODS}2031-q3/"))
    assert body == {"code": "2031-Q3", "type": "quarter", "start": "2031-07-01", "end": "2031-09-30"}
    assert not Period.objects.filter(code="2031-Q3").exists()  # a read never writes


def test_a_bad_period_code_is_a_400_that_says_what_a_code_looks_like(api, commune_reporter):
    response = api(commune_reporter, language="en").get(f"{PERIODS}2024-13/")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_period"
    assert "2024-H1" in body["detail"]
    assert body["errors"] == {"non_field_errors": [body["detail"]]}


def test_forms_list_their_indicators_in_order(api, commune_reporter):
    rows = {row["code"]: row for row in ok(api(commune_reporter).get(FORMS))["results"]}
    commune = rows["dvk-commune-year"]
    assert commune["levels"] == ["commune"]
    assert commune["period_type"] == "year"
    assert commune["deadline_days"] == 15
    assert commune["organization_kinds"] == []
    assert [i["code"] for i in commune["indicators"]][:4] == [
        "models_registered",
        "models_recognised",
        "models_typical",
        "tt_party_cells",
    ]
    assert [i["position"] for i in commune["indicators"]] == sorted(i["position"] for i in commune["indicators"])
    assert rows["dvk-upper-year"]["levels"] == ["province", "district"]


def test_a_retired_indicator_leaves_the_forms(api, commune_reporter):
    Indicator.objects.filter(code="tt_people").update(active=False)
    rows = {row["code"]: row for row in ok(api(commune_reporter).get(FORMS))["results"]}
    assert "tt_people" not in [i["code"] for i in rows["dvk-commune-year"]["indicators"]]


def test_the_form_list_does_not_grow_with_forms(api, commune_reporter, django_assert_num_queries):
    client = api(commune_reporter)
    client.get(FORMS)
    with django_assert_num_queries(5):  # token, count, forms, their kinds, their rows with indicators
        ok(client.get(FORMS))
