"""The models' endpoints in /api/schema/: every path, its filters and its error answers."""

from drf_spectacular.validation import validate_schema


def test_the_schema_documents_the_models_endpoints(client, db):
    document = client.get("/api/schema/", {"format": "json"}).json()
    validate_schema(document)
    paths = document["paths"]
    assert {
        "/api/v1/initiatives/",
        "/api/v1/initiatives/stats/",
        "/api/v1/initiatives/{id}/",
        "/api/v1/initiatives/{id}/transition/",
        "/api/v1/initiatives/{id}/evidence/{evidence}/file/",
        "/api/v1/initiatives/{id}/evidence/{evidence}/thumbnail/",
    } <= set(paths)
    listing = paths["/api/v1/initiatives/"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {
        "q",
        "field",
        "status",
        "kind",
        "year",
        "unit",
        "organization_kind",
        "target_group",
        "limit",
        "offset",
    }
    assert {"201", "400", "403"} <= set(paths["/api/v1/initiatives/"]["post"]["responses"])
    assert {"200", "400", "403", "404", "409"} <= set(
        paths["/api/v1/initiatives/{id}/transition/"]["post"]["responses"]
    )
    assert {"get", "put", "patch"} <= set(paths["/api/v1/initiatives/{id}/"])
    stats = paths["/api/v1/initiatives/stats/"]["get"]
    assert {p["name"] for p in stats["parameters"]} == {"unit", "era", "year"}
    assert (
        "image/png" in paths["/api/v1/initiatives/{id}/evidence/{evidence}/file/"]["get"]["responses"]["200"]["content"]
    )
