"""Reads never write: every GET route and every API read, as every persona, leaves every table as it was.

The routes come from the URL resolver itself (a route added tomorrow is walked too), each filled in
with an object of the right kind from a small world built like the demo's: a model with a photo,
a report, a petition, a dialogue with an issue, a Three Together activity, a prestigious person,
an import and a re-mapping. Each is asked bare and with a period nobody reported (2031), which used
to store a `Period` row. One SQL statement counts the rows of every table before and after each
request. The only rows a read may add are the audit rows of the reads the law asks to audit: a
petitioner's identity (and the attachments, which may carry it) and a person's sensitive data, each
opened on purpose.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from PIL import Image

from danvan.conftest import unit
from danvan.documents.models import ImportJob
from danvan.documents.tests.fake_office import WRITES_A_PDF, fake_soffice
from danvan.engagement.tests.activity_helpers import binh_lieu_person, days_ago, nam_khe_dialogue, tq_activity
from danvan.engagement.tests.petition_factories import SENDER, submit
from danvan.initiatives.evidence import evidence_add
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import AuditEvent, Notification
from danvan.recognition.tests.factories import nam_khe_campaign, quang_ninh_decision
from danvan.reporting.models import RollupRebuild
from danvan.reporting.tests import test_dashboards

figures = test_dashboards.figures  # Nam Khê's and Bắc Sơn's reports, on indicators of the test's own

# reads the law asks to audit; a petition's attachment may be a scan of an ID card, so it is audited as the identity is
READ_AUDITS = ("petition.identity.read", "person.sensitive_read", "petition.attachment.read")
UNREPORTED = "2031"  # a period nobody has used: reading it must not store it
PERSONAS = ("anonymous", "province_manager", "commune_reporter", "other_manager", "admin_user")


def routes() -> list[tuple[str, str, list[str]]]:
    """(name, route, parameter names) of every URL pattern, the admin's included."""
    out = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if "(?P<app_label>" in route:  # the admin's index of one app
                    route = prefix + "<app_label>/"
                elif "(?P<" in route:  # the admin's catch-all: nothing to read
                    continue
                out.append((namespace + (p.name or ""), route, re.findall(r"<(?:\w+:)?(\w+)>", route)))

    walk(get_resolver().url_patterns, "", "")
    return out


def png() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buf, "PNG")
    return SimpleUploadedFile("anh.png", buf.getvalue(), content_type="image/png")


@pytest.fixture
def world(figures, commune_reporter, province_manager, admin_user) -> dict[str, Any]:
    from danvan.engagement.services.dialogues import dialogue_issue_add

    model = nam_khe_model(commune_reporter)
    evidence = evidence_add(actor=commune_reporter, initiative=model, upload=png(), caption="Tuyến phố")
    petition = submit(sender=SENDER, uploads=[png()])
    dialogue = nam_khe_dialogue(province_manager)
    issue = dialogue_issue_add(
        actor=province_manager,
        dialogue=dialogue,
        subject="Đường ngõ 12 ngập khi mưa",
        owner=dialogue.host,
        deadline=days_ago(-30),
    )
    job = ImportJob.objects.create(
        kind="initiatives", owner=commune_reporter, file="imports/x.xlsx", original_name="x.xlsx"
    )
    return {
        **programme_world(province_manager, figures),
        **review_world(province_manager),
        "model": model,
        "evidence": evidence,
        "submission": figures.now,
        "petition": petition,
        "attachment": petition.attachments.get(),
        "dialogue": dialogue,
        "issue": issue,
        "activity": tq_activity(admin_user),
        "person": binh_lieu_person(province_manager),
        "job": job,
        "rebuild": RollupRebuild.objects.create(requested_by=admin_user, reason="test"),
        "indicator": figures.people,
        "notification": Notification.objects.create(recipient=commune_reporter, kind="report_approved"),
        "account": commune_reporter,
        **nam_khe_campaign(province_manager, commune_reporter),
        **quang_ninh_decision(province_manager),
        **story_world(),
    }


def story_world() -> dict[str, Any]:
    """A published story with one photo: the portal's story pages and their back office."""
    from django.utils import timezone

    from danvan.portal.models import Story, StoryPhoto

    story = Story.objects.create(
        slug="pho-tu-quan",
        title_vi="Phố tự quản",
        body_vi="Câu chuyện.",
        unit=unit("2024", "06823"),
        published_at=timezone.now(),
    )
    photo = StoryPhoto.objects.create(story=story, image="stories/x.png", caption="Ảnh")
    return {"story": story, "story_photo": photo}


def programme_world(manager: Any, figures: Any) -> dict[str, Any]:
    from danvan.reporting.services import programme_create, target_set

    programme = programme_create(
        actor=manager, name="Đề án 02", unit=unit("2024", "22"), start=date(2021, 1, 1), end=date(2025, 12, 31)
    )
    target = target_set(actor=manager, programme=programme, indicator=figures.people, value=100)
    return {"programme": programme, "target": target}


def review_world(manager: Any) -> dict[str, Any]:
    from danvan.documents.models.review import ReviewJob
    from danvan.documents.services.review import narrative_save, review_report_create
    from danvan.reporting.periods import period_get

    report = review_report_create(
        actor=manager, unit=unit("2024", "22"), period=period_get("2024"), issuer="Ban Dân vận", title="Tổng kết"
    )
    draft = narrative_save(actor=manager, report=report, part="limits", text="Một số hạn chế.")
    job = ReviewJob.objects.create(report=report, requested_by=manager, status=ReviewJob.Status.SUCCEEDED)
    return {"review": report, "draft": draft, "review_job": job}


def kwargs_for(name: str, route: str, params: list[str], world: dict[str, Any]) -> dict[str, Any] | None:
    """Sample values for a route's parameters, from the world; None when the route is not walked."""
    by_prefix = [
        ("models/", "model"),
        ("vi/models/", "model"),  # the portal's page of a model (i18n_patterns: walked in Vietnamese)
        ("publishing/", "model"),  # publishing a model on the portal: POST-only, a GET is refused
        ("portal-photos/", "model"),
        ("api/v1/initiatives/", "model"),
        ("reports/remap/", "rebuild"),
        ("reports/", "submission"),
        ("api/v1/submissions/", "submission"),
        ("engagement/petitions/", "petition"),
        ("api/v1/petitions/", "petition"),
        ("engagement/dialogues/", "dialogue"),
        ("api/v1/dialogues/", "dialogue"),
        ("engagement/three-together/", "activity"),
        ("api/v1/grassroots-activities/", "activity"),
        ("engagement/persons/", "person"),
        ("api/v1/prestigious-persons/", "person"),
        ("documents/imports/", "job"),
        ("accounts/notifications/", "notification"),
        ("accounts/", "account"),  # POST-only routes (end a session, deactivate): a GET is refused
        ("recognition/campaigns/", "campaign"),
        ("recognition/registrations/", "registration"),
        ("recognition/evaluations/", "evaluation"),
        ("recognition/decisions/", "decision"),
        ("recognition/conferences/", "conference"),
        ("api/v1/campaigns/", "campaign"),
        ("api/v1/registrations/", "registration"),
        ("api/v1/evaluations/", "evaluation"),
        ("api/v1/decisions/", "decision"),
        ("api/v1/conferences/", "conference"),
        ("reports/programmes/", "programme"),
        ("api/v1/programmes/", "programme"),
        ("documents/reviews/", "review"),
        ("stories/manage/", "story"),
    ]
    out: dict[str, Any] = {}
    for param in params:
        if param == "pk":
            kind = next((k for prefix, k in by_prefix if route.startswith(prefix)), None)
            if kind is None:
                return None
            out[param] = world[kind].pk
        elif param in ("evidence_id", "evidence"):
            out[param] = world["evidence"].pk
        elif param == "issue":
            out[param] = world["issue"].pk
        elif param == "attachment_pk":
            out[param] = world["attachment"].pk
        elif param == "member" and route.startswith("recognition/campaigns/"):
            out[param] = world["council_member"].pk
        elif param == "item" and route.startswith("recognition/evaluations/"):
            out[param] = world["campaign_evidence"].pk
        elif param == "target_pk":
            out[param] = world["target"].pk
        elif param == "part" and route.startswith("documents/reviews/"):
            out[param] = "limits"
        elif param == "draft":
            out[param] = world["draft"].pk
        elif param == "job" and route.startswith("documents/reviews/"):
            out[param] = world["review_job"].pk
        elif param == "kind" and route.startswith("documents/reviews/"):
            out[param] = "docx"
        elif param == "cert":
            out[param] = world["certificate"].pk
        elif param == "code" and (route.startswith("api/v1/certificates/") or route.startswith("verify/")):
            out[param] = world["certificate"].code
        elif param == "era":
            out[param] = "2024"
        elif param == "code" and ("track" in route or "petition/sent" in route):
            out[param] = world["petition"].tracking_code
        elif param == "code" and route.startswith("api/v1/indicators/"):
            out[param] = world["indicator"].code
        elif param == "code" and route.startswith("api/v1/periods/"):
            out[param] = UNREPORTED
        elif param == "code":
            out[param] = "06823"
        elif param == "language" and route.startswith(("publishing/", "stories/manage/")):
            out[param] = "en"
        elif param == "photo_pk" and route.startswith("stories/manage/"):
            out[param] = world["story_photo"].pk
        elif param == "slug" and route.startswith("vi/stories/"):
            out[param] = world["story"].slug
        elif param == "fmt":
            out[param] = "xlsx"
        elif param == "action":
            out[param] = "submit"
        elif param == "object_id":
            out[param] = _admin_object(route)
            if out[param] is None:
                return None
        elif param == "app_label":
            out[param] = "org"
        elif param in ("uidb64", "token"):  # a password-reset link that does not work
            out[param] = "MQ" if param == "uidb64" else "set-password"
        else:
            return None  # a parameter nobody taught this test: it fails below, so that one is added
    return out


def _admin_object(route: str) -> str | None:
    """The first object of the model an admin route is about."""
    parts = route.split("/")
    if len(parts) < 3:
        return None
    try:
        model = apps.get_model(parts[1], parts[2])
    except LookupError:
        return None
    obj = model._base_manager.order_by("pk").first()
    return str(obj.pk) if obj is not None else None


def fill(route: str, values: dict[str, Any]) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path


def queries(path: str, world: dict[str, Any]) -> list[dict[str, str]]:
    """Each route bare, and asking for the unreported period in the ways the pages and the API take it."""
    period = {"period": UNREPORTED, "year": UNREPORTED}
    asks: list[dict[str, str]] = [{}, period]
    form, indicator = world["submission"].form.code, world["indicator"].code
    if path.startswith(("/reports/dashboard/", "/reports/completeness/", "/reports/sheets/template/")):
        for place in ({"era": "2024", "unit": "196"}, {"era": "2025", "unit": ""}, {"era": "2025", "unit": "22"}):
            asks += [{**place, "form": form, "period": p} for p in (UNREPORTED, f"{UNREPORTED}-Q3", "2027-2031")]
    if path == "/api/v1/rollup/":
        for by in ("", "period", "child", "field"):
            asks.append({"era": "2024", "unit": "196", "indicator": indicator, "period": UNREPORTED, "by": by})
            asks.append({"era": "2025", "indicator": indicator, "period": "2027-2031", "by": by})
    if path.startswith("/api/v1/periods/"):
        asks += [{"code": c} for c in (f"{UNREPORTED}-Q3", f"{UNREPORTED}-05")]
    if path == "/engagement/petitions/dashboard/":
        asks.append({"year": UNREPORTED, "quarter": "3"})
    return asks


def counter_sql() -> tuple[list[str], str]:
    """One statement: the row count of every table (audit rows of the audited reads left out)."""
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed})
    audit = AuditEvent._meta.db_table
    verbs = ", ".join(f"'{v}'" for v in READ_AUDITS)
    q = connection.ops.quote_name
    # table names from our own models, verbs from the constant above: nothing from outside
    parts = [
        f"(SELECT COUNT(*) FROM {q(t)} WHERE verb NOT IN ({verbs}))"  # noqa: S608
        if t == audit
        else f"(SELECT COUNT(*) FROM {q(t)})"  # noqa: S608
        for t in tables
    ]
    return tables, "SELECT " + ", ".join(parts)


def snapshot(sql: str) -> tuple[int, ...]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def client_for(persona: str, request: pytest.FixtureRequest) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))  # the session and last_login before counting
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_get_route_writes_a_row(persona, world, request, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DANVAN_SOFFICE = fake_soffice(tmp_path, WRITES_A_PDF)  # PDF routes: seconds of LibreOffice spared
    client = client_for(persona, request)
    tables, sql = counter_sql()
    untaught, walked, writes, errors = [], 0, [], []
    for name, route, params in routes():
        if route.startswith("admin/") and persona != "admin_user":
            continue
        values = kwargs_for(name, route, params, world)
        if values is None:
            if not route.startswith("admin/"):  # the admin's generic routes without an object are skipped
                untaught.append(route)
            continue
        path = fill(route, values)
        for query in queries(path, world):
            before = snapshot(sql)
            response = client.get(path, query, HTTP_ACCEPT="text/html,application/json")
            after = snapshot(sql)
            walked += 1
            if response.status_code >= 500:
                errors.append(f"{path}?{query} answered {response.status_code}")
            changed = [f"{t}: {a - b:+d}" for t, a, b in zip(tables, after, before, strict=True) if a != b]
            if changed:
                writes.append(f"GET {path} {query} ({name}) wrote: {', '.join(changed)}")
    print(f"{persona}: {walked} GET requests, none wrote a row")  # shown with -s
    assert not untaught, f"routes with parameters this test cannot fill: {untaught}"
    assert not writes, "\n".join(writes)
    assert not errors, "\n".join(errors)
    assert walked > 150  # every route, not a handful
    from danvan.reporting.models import Period

    assert not Period.objects.filter(code__startswith=UNREPORTED).exists()


def test_the_audited_reads_are_the_only_rows_a_read_adds(world, login, province_manager):
    """The identity of a petitioner, opened on purpose, is audited: that row is expected, nothing else."""
    client = login(province_manager)
    before = AuditEvent.objects.count()
    response = client.get(f"/engagement/petitions/{world['petition'].pk}/sender/")
    assert response.status_code == 200 and SENDER.full_name in response.content.decode()
    assert list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True)[before:]) == ["petition.identity.read"]


def test_a_period_is_stored_when_a_report_opens(login, commune_reporter, figures):
    """The write side: opening a report for 2031 stores the period (and nothing before)."""
    from danvan.reporting.models import Period, Submission

    client = login(commune_reporter)
    client.get("/api/v1/periods/2031/")
    assert not Period.objects.filter(code="2031").exists()
    response = client.post(
        "/reports/open/", {"form": figures.form.code, "unit": "2024/06823", "period": "2031"}, follow=False
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    period = Period.objects.get(code="2031")
    assert Submission.objects.filter(period=period, unit=unit("2024", "06823")).count() == 1
