"""POST /api/v1/initiatives/: a draft or a registered model, references resolved in scope, nothing half-saved."""

import pytest

from danvan.api.tests.initiative_data import LIST, nam_khe_body, written
from danvan.initiatives.models import Initiative, InitiativeEvent
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import AuditEvent, Organization, Person


def test_a_reporter_saves_a_draft(api, commune_reporter):
    response = api(commune_reporter).post(LIST, nam_khe_body(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    model = Initiative.objects.get(pk=body["id"])
    assert response["Location"] == body["url"] == f"http://testserver/api/v1/initiatives/{model.pk}/"
    assert (model.status, model.created_by, model.unit.code, model.year) == ("draft", commune_reporter, "06823", 2024)
    assert model.social_contributions_vnd == 185_000_000
    assert str(model.start_date) == "2024-03-01"
    assert {r["metric"]: r["value"] for r in body["results"]} == {"ho-gia-dinh": 106, "tien-huy-dong": 185_000_000}
    assert [g["code"] for g in body["target_groups"]] == ["khu-dan-cu"]
    assert [(e["from_status"], e["to_status"]) for e in body["events"]] == [("", "draft")]
    assert body["allowed_transitions"] == ["registered", "discontinued"]


def test_a_reporter_registers_at_once(api, commune_reporter):
    response = api(commune_reporter).post(LIST, nam_khe_body(register=True), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "registered"
    assert [(e["from_status"], e["to_status"]) for e in response.json()["events"]] == [
        ("", "draft"),
        ("draft", "registered"),
    ]
    assert AuditEvent.objects.filter(verb="initiative.transition", actor=commune_reporter).count() == 1


def test_a_copy_names_its_original(api, commune_reporter, province_manager):
    original = nam_khe_model(commune_reporter, register=True)
    response = api(province_manager).post(
        LIST,
        nam_khe_body(
            organization=Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Vàng Danh").pk,
            unit="2025/06820",
            year=2025,
            replicated_from=original.pk,
        ),
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["replicated_from"] == {"id": original.pk, "name": original.name}
    assert Initiative.objects.get(pk=response.json()["id"]).replicated_from == original


def test_an_individual_model_names_its_person(api, commune_reporter):
    person = Person.objects.create(
        full_name="Vi Văn Thắng", organization=Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    )
    response = api(commune_reporter).post(LIST, nam_khe_body(kind="individual", person=person.pk), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["person"] == {"id": person.pk, "full_name": "Vi Văn Thắng", "position": ""}


def refused(client, body, status=400):
    before = written()
    response = client.post(LIST, body, format="json")
    assert response.status_code == status, response.content
    assert written() == before, "a refused request saved something"
    return response.json()


def test_a_unit_the_reporter_may_see_but_not_report_in_is_forbidden(api, commune_reporter):
    # Uông Bí is above Nam Khê: the reporter sees its name but may not register there (the service says 403)
    body = refused(
        api(commune_reporter, language="en"),
        nam_khe_body(unit="2024/196", register=True),
        status=403,
    )
    assert body == {
        "detail": "You may not register models in Thành phố Uông Bí for Ủy ban MTTQ Việt Nam phường Nam Khê.",
        "code": "forbidden",
    }


def test_a_unit_outside_the_scope_is_unknown_like_a_missing_one(api, commune_reporter):
    hidden = refused(api(commune_reporter, language="en"), nam_khe_body(unit="2024/08"))
    missing = refused(api(commune_reporter, language="en"), nam_khe_body(unit="2024/99"))
    assert hidden["errors"] == {"unit": ["there is no administrative unit “2024/08”."]}
    assert missing["errors"] == {"unit": ["there is no administrative unit “2024/99”."]}


def test_it_rejects_other_province(api, other_manager):
    body = refused(api(other_manager, language="en"), nam_khe_body())
    assert set(body["errors"]) == {"organization", "unit"}  # neither is anything it may see


def test_an_individual_model_without_a_person_is_refused(api, commune_reporter):
    body = refused(api(commune_reporter, language="en"), nam_khe_body(kind="individual", register=True))
    assert body["detail"] == "An individual model must name its person."
    assert body["errors"] == {"non_field_errors": ["An individual model must name its person."]}
    vietnamese = refused(api(commune_reporter), nam_khe_body(kind="individual"))
    assert vietnamese["detail"] == "Mô hình cá nhân phải ghi rõ cá nhân thực hiện."


def test_an_unknown_field_of_work_is_refused(api, commune_reporter):
    body = refused(api(commune_reporter, language="en"), nam_khe_body(field="sport"))
    assert body["errors"] == {
        "field": [
            "“sport” is not accepted here; use one of: economic, cultural_social, defence_security, party_building."
        ]
    }


def test_an_unknown_key_is_refused_not_dropped(api, commune_reporter):
    body = refused(api(commune_reporter, language="en"), nam_khe_body(money=5, status="typical"))
    assert body["errors"] == {
        "money": ["unknown or read-only; /api/schema/ lists what can be sent."],
        "status": ["the status changes only through POST …/transition/."],
    }


@pytest.mark.parametrize("key", ["money_vnd", "social_contributions_vnd", "workdays"])
def test_a_negative_amount_is_refused(api, commune_reporter, key):
    body = refused(api(commune_reporter, language="en"), nam_khe_body(**{key: -1}))
    assert body["errors"] == {key: ["must be at least 0."]}


def test_a_negative_result_is_refused_by_the_service_after_the_model_was_written(api, commune_reporter):
    # the model row, its events and audit rows are written before the results are checked: all rolled back
    body = refused(api(commune_reporter, language="en"), nam_khe_body(register=True, results={"ho-gia-dinh": -3}))
    assert body["code"] == "invalid"
    assert "cannot be negative" in body["detail"]


def test_an_unknown_metric_is_refused_and_nothing_is_kept(api, commune_reporter):
    body = refused(api(commune_reporter, language="en"), nam_khe_body(register=True, results={"vui-ve": 1}))
    assert body["detail"] == "Unknown result metric vui-ve."
    assert not InitiativeEvent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"name": ""}, {"name": ["this field may not be blank."]}),
        ({"year": 1890}, {"year": ["must be at least 1990."]}),
        ({"year": "năm nay"}, {"year": ["a whole number is required."]}),
        ({"start_date": "01/03/2024"}, {"start_date": ["not a date; write it as YYYY-MM-DD, e.g. 2025-07-01."]}),
        ({"organization": 10**12}, {"organization": ["there is no organisation 1000000000000."]}),
        ({"organization": "Nam Khê"}, {"organization": ["an id (a whole number) is required."]}),
        ({"person": 10**12}, {"person": ["there is no person 1000000000000."]}),
        ({"replicated_from": 10**12}, {"replicated_from": ["there is no model 1000000000000."]}),
        ({"target_groups": ["ai-do"]}, {"target_groups": ["unknown target groups: ai-do."]}),
        ({"policy_documents": [10**12]}, {"policy_documents": ["unknown policy documents: 1000000000000."]}),
        ({"results": {"ho-gia-dinh": "nhiều"}}, {"results": ["ho-gia-dinh: a number is required."]}),
        ({"money_vnd": 10**19}, {"money_vnd": ["must be at most 1000000000000000."]}),
    ],
    ids=[
        "blank-name",
        "old-year",
        "year-text",
        "date-format",
        "org-unknown",
        "org-text",
        "person",
        "original",
        "target-group",
        "document",
        "result-text",
        "money-overflow",
    ],
)
def test_malformed_input_is_a_400_naming_the_key(api, commune_reporter, changes, errors):
    body = refused(api(commune_reporter, language="en"), nam_khe_body(**changes))
    assert body["code"] == "invalid"
    assert body["errors"] == errors


def test_missing_keys_are_named(api, commune_reporter):
    body = refused(api(commune_reporter, language="en"), {"name": "Mô hình"})
    assert body["errors"] == {k: ["this field is required."] for k in ("field", "organization", "unit", "year")}


def test_a_body_that_is_not_an_object_is_a_400(api, commune_reporter):
    body = refused(api(commune_reporter, language="en"), [nam_khe_body()])
    assert body["errors"] == {"non_field_errors": ["send a JSON object of named values."]}


def test_a_copy_of_a_model_out_of_sight_is_refused(api, commune_reporter, other_manager):
    original = nam_khe_model(commune_reporter)
    body = refused(
        api(other_manager, language="en"),
        nam_khe_body(unit="2024/08", replicated_from=original.pk, organization=10**12),
    )
    assert body["errors"]["replicated_from"] == [f"there is no model {original.pk}."]


def test_messages_are_in_vietnamese_by_default(api, commune_reporter):
    body = refused(api(commune_reporter), nam_khe_body(money_vnd=-1, field="sport", year=None))
    assert set(body["errors"]) == {"money_vnd", "field", "year"}
    assert "must" not in body["detail"] and "accepted" not in body["detail"]
