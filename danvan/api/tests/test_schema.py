"""/api/schema/ (OpenAPI, public) and /api/docs/ (Swagger UI from vendored files, no CDN)."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

SCHEMA = "/api/schema/"
DOCS = "/api/docs/"
VENDOR = Path(__file__).resolve().parents[1] / "static" / "vendor" / "swagger-ui"


def schema(client, **extra):
    response = client.get(SCHEMA, {"format": "json"}, **extra)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_schema_is_valid_openapi_with_every_endpoint(client, db):
    document = schema(client)
    validate_schema(document)  # raises on an invalid document
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/auth/token/",
        "/api/v1/units/",
        "/api/v1/units/{era}/{code}/",
        "/api/v1/organizations/",
    } <= set(document["paths"])


def test_the_schema_documents_the_filters_and_errors(client, db):
    paths = schema(client)["paths"]
    units = paths["/api/v1/units/"]["get"]
    assert {p["name"] for p in units["parameters"]} == {"era", "level", "parent", "q", "as_of", "limit", "offset"}
    assert {"200", "400", "401"} <= set(units["responses"])
    organizations = paths["/api/v1/organizations/"]["get"]
    assert {p["name"] for p in organizations["parameters"]} == {"unit", "kind", "q", "limit", "offset"}
    assert {"200", "404"} <= set(paths["/api/v1/units/{era}/{code}/"]["get"]["responses"])
    assert {"tokenAuth": []} in units["security"]
    assert "security" not in paths["/api/v1/auth/token/"]["post"]  # no token needed to get one


def test_the_schema_is_public_even_with_a_stale_token(client, db):
    assert schema(client, HTTP_AUTHORIZATION="Token revoked-long-ago")["info"]["title"] == "DanVan API"


def test_the_docs_page_loads_vendored_files_that_exist(client, db):
    response = client.get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-schema-url="/api/schema/"' in html
    assets = {url for url in re.findall(r'(?:src|href)="([^"]+)"', html) if url.startswith("/static/")}
    assert {
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/api/docs.js",
        "/static/api/docs.css",
    } <= assets
    for url in assets:
        assert finders.find(url.removeprefix("/static/")), f"{url} is not a static file"


def test_the_docs_page_has_the_site_header_and_a_way_back(client, db):
    html = client.get(DOCS).content.decode()
    assert 'class="site-header"' in html
    assert '<a href="/" id="back-to-app">Quay lại DanVan</a>' in html
    assert "<h1>Tài liệu API</h1>" in html
    assert html.count("<main") == 1  # Swagger UI's own layout (with a second <main>) is replaced


def test_the_docs_page_draws_no_link_inside_an_operation_button(db):
    script = Path(finders.find("api/docs.js")).read_text()
    assert "deepLinking: false" in script  # deep links put an <a> inside each operation's <button>
    assert 'layout: "DanVanLayout"' in script


def test_the_docs_page_talks_to_no_one_else(client, db):
    script = Path(finders.find("api/docs.js")).read_text()
    assert "validatorUrl: null" in script  # Swagger UI would send the schema's address to swagger.io
    assert "http" not in client.get(DOCS).content.decode().replace("<!doctype html>", "")


def test_the_vendored_version_is_the_one_noted(db):
    noted = re.search(r"swagger-ui-dist (\d+\.\d+\.\d+)", (VENDOR / "VERSION.md").read_text())
    assert noted
    assert f'PACKAGE_VERSION:"{noted[1]}"' in (VENDOR / "swagger-ui-bundle.js").read_text()
    assert (VENDOR / "LICENSE").read_text().lstrip().startswith("Apache License")


def _operations(client):
    for path, operations in schema(client)["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_documents_the_errors_it_can_answer(client, db):
    missing = []
    for label, operation in _operations(client):
        codes = set(operation["responses"])
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"} - {"limit", "offset"}
        if "security" in operation and {} not in operation["security"]:  # not public
            missing += [f"{label}: 401"] if "401" not in codes else []
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            missing += [f"{label}: 404"] if "404" not in codes else []  # also an id the route refuses
        if names or "requestBody" in operation:
            missing += [f"{label}: 400"] if "400" not in codes else []
        if "requestBody" in operation:
            missing += [f"{label}: 415"] if "415" not in codes else []
        for code, response in operation["responses"].items():
            if code >= "400":
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", (label, code)
    assert not missing, missing


def test_every_paginated_list_is_declared_as_a_page(client, db):
    document = schema(client)
    paginated = []
    for label, operation in _operations(client):
        if {"limit", "offset"} <= {p["name"] for p in operation.get("parameters", [])}:
            ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            page = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
            assert {"count", "next", "previous", "results"} <= set(page["properties"]), label
            paginated.append(label)
    for label in ("GET /api/v1/dialogues/", "GET /api/v1/grassroots-activities/", "GET /api/v1/prestigious-persons/"):
        assert label in paginated
