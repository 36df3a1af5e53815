"""The reporting endpoints in /api/schema/: every path, its parameters and its error answers."""

from drf_spectacular.validation import validate_schema


def test_the_schema_documents_the_reporting_endpoints(client, db):
    document = client.get("/api/schema/", {"format": "json"}).json()
    validate_schema(document)
    paths = document["paths"]
    assert {
        "/api/v1/indicators/",
        "/api/v1/indicators/{code}/",
        "/api/v1/periods/",
        "/api/v1/periods/{code}/",
        "/api/v1/forms/",
        "/api/v1/datavalues/",
        "/api/v1/submissions/",
        "/api/v1/submissions/{id}/",
        "/api/v1/submissions/{id}/transition/",
        "/api/v1/rollup/",
    } <= set(paths)

    def names(path, method="get"):
        return {p["name"] for p in paths[path][method].get("parameters", [])}

    assert names("/api/v1/indicators/") == {"source", "active", "q", "limit", "offset"}
    assert names("/api/v1/periods/") == {"type", "limit", "offset"}
    assert names("/api/v1/datavalues/") == {"form", "era", "unit", "period", "indicator", "limit", "offset"}
    assert names("/api/v1/submissions/") == {"form", "period", "status", "era", "unit", "limit", "offset"}
    assert names("/api/v1/rollup/") == {"era", "unit", "indicator", "period", "by", "approved_only"}
    upsert = paths["/api/v1/datavalues/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(upsert["responses"])
    assert "application/json" in upsert["requestBody"]["content"]
    assert {"200", "400", "403", "404", "409"} <= set(
        paths["/api/v1/submissions/{id}/transition/"]["post"]["responses"]
    )
    assert {"200", "400", "404"} <= set(paths["/api/v1/rollup/"]["get"]["responses"])
    rollup = document["components"]["schemas"]["Rollup"]["properties"]
    assert {"era", "unit", "indicator", "period", "value", "count", "approved_only", "by", "rows"} == set(rollup)
    assert paths["/api/v1/rollup/"]["get"]["tags"] == ["reporting"]
