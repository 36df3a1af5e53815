"""Every operation of /api/schema/ answers as the schema says, to an anonymous visitor and to a manager.

Schemathesis reads the app's own generated schema and calls the app in-process (WSGI) with valid
and invalid inputs, a few examples per operation. A 5xx, an undocumented status, a body or content
type that does not match the schema fails the test; every operation's failures are listed at once.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from danvan.geo.models import AdminUnit

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 6  # per operation, kind and persona: the whole file stays under a minute and a half on either engine


@pytest.fixture
def app(db, settings):
    """The site as a WSGI application, inside the test's transaction (as Django's test client keeps it).

    Django closes the database connection when a request ends; in a test that would end the
    transaction every test runs in (PostgreSQL then refuses every later query).
    """
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis's WSGI client sends
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _headers(persona: str) -> dict[str, str]:
    if persona == "anonymous":
        return {}
    from danvan.org.models import User

    token, _created = Token.objects.get_or_create(user=User.objects.get(username=persona))
    return {"Authorization": f"Token {token.key}"}


@pytest.mark.parametrize("persona", ["anonymous", "quangninh"])
def test_every_operation_answers_as_documented(app, persona):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    headers = _headers(persona)
    failures, seen = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        seen += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @hypothesis_settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,  # the same cases on every run: a failure here is a failure on the next run too
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.generate],
            )
            @given(case=operation.as_strategy(mode))
            def check(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                check()
            except Unsatisfiable:  # nothing in the operation can be made invalid
                continue
            except (Exception, BaseExceptionGroup) as exc:  # every operation's failures are listed, not the first
                failures.append(f"{operation.label} ({mode.value}): {str(exc)[:3000]}")
    assert seen > 40
    assert not failures, "\n\n".join(failures)


# a detail address whose list is elsewhere, and the key of a listed item that fills each parameter
DETAIL_SOURCES = {"/api/v1/petitions/track/{code}/": ("/api/v1/petitions/", {"code": "tracking_code"})}
ITEMS_PER_LIST = 3


def _demo_records() -> None:
    """The demo's models, dialogues, activities, persons and petitions, and one submitted report."""
    from danvan.engagement.demo import activities, petitions
    from danvan.initiatives import demo as initiatives_demo
    from danvan.org.models import User
    from danvan.reporting import selectors, services
    from danvan.reporting.periods import period_get

    for demo in (initiatives_demo, activities, petitions):
        demo.load()
    reporter = User.objects.get(username="namkhe")
    services.values_upsert(
        actor=reporter,
        form=selectors.form_get(user=reporter, code="dvk-commune-year"),
        unit=AdminUnit.objects.get(era_id="2024", code="06823"),
        period=period_get("2024"),
        organization=None,
        values={("tt_people", ""): 1234},
        submit=True,
    )


def test_the_objects_users_see_match_the_schema(app):
    """Random ids name nothing: here every list is read, and the first objects of each opened, as they are."""
    _demo_records()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    gets = {r.ok().path: r.ok() for r in schema.get_all_operations() if r.ok().method.upper() == "GET"}
    failures = []
    counts = {}

    def call(case, headers):
        try:
            return case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{case.operation.label} {case.path_parameters or ''}: {str(exc)[:3000]}")
            return None

    for persona in ("quangninh", "namkhe", "admin"):  # a manager (sensitive fields), a reporter, the nation
        headers = _headers(persona)
        items = {}
        for path, operation in gets.items():
            if "{" not in path:
                response = call(operation.Case(), headers)
                body = response.json() if response is not None else {}
                items[path] = body.get("results", []) if isinstance(body, dict) else []
        opened = 0
        for path, operation in gets.items():
            if "{" not in path or "/evidence/" in path:  # evidence files are bytes: test_initiatives_detail
                continue
            list_path, keys = DETAIL_SOURCES.get(path, (path[: path.index("{")], {}))
            for item in items.get(list_path, [])[:ITEMS_PER_LIST]:
                parameters = {p.name: item.get(keys.get(p.name, p.name)) for p in operation.path_parameters}
                call(operation.Case(path_parameters=parameters), headers)
                opened += 1
        counts[persona] = (opened, {path: len(found) for path, found in items.items()})
    assert not failures, "\n\n".join(failures)
    assert all(opened > 5 for opened, _lists in counts.values()), counts  # each persona opened something
    assert counts["admin"][0] > 25, counts  # and the nation something of every kind
