"""The demo reports read as the field notes, on both maps, and load once.

The session database holds only the map and the accounts; the demo's models and reports are
loaded once for this module inside a transaction that is rolled back after it (each test runs in
a savepoint of its own), so no other test counts them.
"""

from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Count

from danvan.conftest import unit
from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.org.models import AuditEvent
from danvan.reporting import demo
from danvan.reporting.models import DataValue, Submission
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import completeness, form_get, indicator_get, review_queue, rollup

FIELD_NOTES_2024 = {
    "models_registered": 7_604,
    "tt_party_cells": 1_008,
    "tt_cadres": 33_800,
    "tt_people": 140_300,
    "tt_communes": 822,
    "tt_villages": 5_061,
    "houses_helped": 306,
    "awards_collective": 71,
    "awards_individual": 86,
}


def _counts() -> dict[str, int]:
    return {
        "submissions": Submission.objects.count(),
        "values": DataValue.objects.count(),
        "models": Initiative.objects.count(),
        "events": InitiativeEvent.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Both demo loaders once, timed and with their queries counted; everything undone after the module."""
    from danvan.engagement.demo import activities as demo_activities
    from danvan.initiatives import demo as initiatives_demo
    from danvan.recognition import demo as recognition_demo

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with django_db_blocker.unblock(), transaction.atomic():
        initiatives_demo.load()
        demo_activities.load()  # as `danvan demo` does: records first, reports type only the rest
        recognition_demo.load()  # the commended of 2024 are read from the commission's decision
        wall, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(count):
            summary = demo.load()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"\nreporting demo: {summary} in {wall:.1f} s ({cpu:.1f} s CPU), {queries} queries")
        yield {"summary": summary, "queries": queries}
        transaction.set_rollback(True)


def _read(user, era: str, code: str, indicator: str, year: str) -> Decimal:
    return rollup(
        user=user, unit=unit(era, code), indicator=indicator_get(user=user, code=indicator), period=period_get(year)
    ).value


@pytest.mark.parametrize(("era", "code"), [("2024", "08"), ("2025", "08")])
def test_tuyen_quang_2024_reads_the_field_notes_on_either_map(loaded, admin_user, era, code):
    """Old Tuyên Quang, and today's (old Tuyên Quang + Hà Giang, where the demo has nothing)."""
    read = {indicator: _read(admin_user, era, code, indicator, "2024") for indicator in FIELD_NOTES_2024}
    assert read == {k: Decimal(v) for k, v in FIELD_NOTES_2024.items()}


def test_the_reports_type_only_what_the_records_lack(loaded, admin_user):
    """Three Together activities and prestigious persons recorded in the demo are part of the totals above."""
    from danvan.engagement.models import GrassrootsActivity, PrestigiousPerson

    activities = GrassrootsActivity.objects.filter(unit__path__startswith="2024/08/", start_date__year=2024)
    people_recorded = sum(a.people_count for a in activities)
    assert people_recorded > 0
    typed = sum(
        v.value
        for v in DataValue.objects.filter(
            indicator__code="tt_people", period__code="2024", unit__path__startswith="2024/08/"
        )
    )
    assert typed + people_recorded == FIELD_NOTES_2024["tt_people"]
    assert PrestigiousPerson.objects.filter(village__path__startswith="2024/22/198/").exists()
    typed_awards = DataValue.objects.filter(
        indicator__code__in=["awards_collective", "awards_individual"],
        period__code="2024",
        unit__path__startswith="2024/08/",
    )
    assert sum(v.value for v in typed_awards) == 0  # 71 and 86 come from the decision's certificates


def test_tuyen_quang_2023_is_lower_on_every_figure(loaded, admin_user):
    for indicator, figure in FIELD_NOTES_2024.items():
        before = _read(admin_user, "2024", "08", indicator, "2023")
        assert Decimal("0.85") * figure <= before < figure, indicator
    assert _read(admin_user, "2024", "08", "models_registered", "2023") == demo.TQ_MODELS[2023]


def test_every_tuyen_quang_commune_reports_and_the_level_above_approves(loaded, admin_user):
    form, period = form_get(user=admin_user, code="dvk-commune-year"), period_get("2024")
    rows = completeness(user=admin_user, form=form, period=period, unit=unit("2024", "08"), era="2024").rows
    assert len(rows) == 137
    assert {r["status"] for r in rows} == {Submission.Status.APPROVED}
    assert 0 < sum(r["late"] for r in rows) < 20  # a few late, most on time
    reviewers = Counter(
        Submission.objects.filter(unit__path__startswith="2024/08/", period=period).values_list(
            "form__code", "reviewed_by__username"
        )
    )
    assert reviewers == {("dvk-commune-year", "tuyenquang"): 137, ("dvk-upper-year", "admin"): 1}
    sent = Submission.objects.filter(unit__path__startswith="2024/08/", period=period)
    assert all(s.submitted_at.year == 2025 and s.reviewed_at > s.submitted_at for s in sent)


def test_the_models_keep_the_registry_rules(loaded, db):
    models = Initiative.objects.filter(unit__path__startswith="2024/08/", name__startswith=demo.MODEL_PREFIX)
    assert models.filter(year=2024).count() + 2 == 7_604  # two of initiatives.demo's count too
    statuses = Counter(models.filter(year=2024).values_list("status", flat=True))
    assert statuses[Status.REGISTERED] > statuses[Status.RECOGNISED] > statuses[Status.TYPICAL] > 0
    assert set(statuses) == {Status.REGISTERED, Status.RECOGNISED, Status.TYPICAL}
    assert len(set(models.values_list("field", flat=True))) == 4
    assert not models.values("unit", "name", "year").annotate(n=Count("pk")).filter(n__gt=1).exists()  # one name each
    sample = models.filter(status=Status.TYPICAL, year=2024).select_related("unit", "organization").first()
    assert fold(sample.name) in sample.search_text and fold(sample.unit.name) in sample.search_text
    timeline = [(e.to_status, e.actor.username, e.at.year) for e in sample.events.select_related("actor")]
    assert timeline == [(s, "tuyenquang", 2024) for s in ("draft", "registered", "recognised", "typical")]
    moves = AuditEvent.objects.filter(verb="initiative.transition", target_id=str(sample.pk))
    assert sorted(moves.values_list("data__to", flat=True)) == ["recognised", "registered", "typical"]


def test_quang_ninh_reads_binh_lieu_and_nam_khe(loaded, province_manager):
    assert _read(province_manager, "2024", "198", "prestigious_persons", "2024") == 119
    assert _read(province_manager, "2024", "06823", "money_mobilised", "2023") == 185_000_000
    nam_khe = Submission.objects.get(unit=unit("2024", "06823"), period__code="2023")
    assert (nam_khe.status, nam_khe.submitted_by.username, nam_khe.reviewed_by.username) == (
        "approved",
        "namkhe",
        "uongbi",
    )
    # left for the browser test to enter
    assert not Submission.objects.filter(unit=unit("2024", "06823"), period__code="2024").exists()


def test_uong_bi_has_reports_to_review_and_quang_ninh_has_missing_ones(loaded, admin_user, district_reviewer):
    queue = review_queue(user=district_reviewer)
    assert sorted(s.unit.code for s in queue) == sorted(demo.UONG_BI_SUBMITTED)
    rows = completeness(
        user=admin_user,
        form=form_get(user=admin_user, code="dvk-commune-year"),
        period=period_get("2024"),
        unit=unit("2024", "22"),
        era="2024",
    ).rows
    missing = [r for r in rows if r["submission"] is None]
    assert unit("2024", "06823") in [r["unit"] for r in missing]
    assert len(missing) > 100 and all(r["late"] for r in missing)


def test_other_managers_do_not_see_each_others_figures(loaded, province_manager, other_manager):
    with pytest.raises(NotFound):
        _read(province_manager, "2024", "08", "tt_people", "2024")
    with pytest.raises(NotFound):
        _read(other_manager, "2024", "198", "prestigious_persons", "2024")
    assert _read(other_manager, "2025", "08", "tt_people", "2024") == 140_300


def test_a_second_load_creates_nothing(loaded, db):
    before = _counts()
    assert demo.load() == dict.fromkeys(loaded["summary"], 0)
    assert _counts() == before
    assert loaded["summary"]["reports"] > 280


def test_it_stays_in_bulk(loaded, db):
    """Queries do not grow with the 14,000 models: the reports' services are most of them."""
    assert loaded["summary"]["bulk models"] == 7_602 + 6_912
    assert loaded["queries"] < 100 * loaded["summary"]["reports"]  # one by one, the models alone would be 70,000


def test_spread_gives_whole_parts_summing_exactly():
    parts = demo.spread(1_008, [1.3, 0.7, 1.0, 0.61, 2.2])
    assert sum(parts) == 1_008 and parts == demo.spread(1_008, [1.3, 0.7, 1.0, 0.61, 2.2])
    assert demo.spread(2, [1, 1, 1]) == [1, 1, 0]


def test_report_histories_read_the_dates_the_status_box_shows(loaded, login, admin_user):
    import re

    from django.utils import timezone

    nam_khe = Submission.objects.get(unit=unit("2024", "06823"), period__code="2023")
    rows = AuditEvent.objects.filter(target_type="reporting.submission", target_id=str(nam_khe.pk))
    at = dict(rows.values_list("verb", "at"))
    assert at["report.submit"] == nam_khe.submitted_at and at["report.approve"] == nam_khe.reviewed_at
    assert at["report.open"] <= at["report.values"] < at["report.submit"] < at["report.approve"]
    today = timezone.localdate()
    late = AuditEvent.objects.filter(target_type="reporting.submission", at__date__gte=today)
    assert not late.filter(target_id__in=[str(pk) for pk in Submission.objects.values_list("pk", flat=True)]).exists()

    html = login(admin_user).get(f"/reports/{nam_khe.pk}/").content.decode()
    box = re.search(r'id="submitted-by">[^<]*, ([^<]+)</dd>', html).group(1)
    reviewed = re.search(r'id="reviewed-by">[^<]*, ([^<]+)</dd>', html).group(1)
    history = html[html.index('id="history"') :]
    shown = dict(re.findall(r'data-verb="([a-z.]+)">\s*<span class="small muted">([^<]+)</span>', history))
    assert shown["report.submit"] == box and shown["report.approve"] == reviewed
    assert today.strftime("%d/%m/%Y") not in history  # the load time of the demo shows nowhere


def test_tuyen_quangs_project_02_shows_progress_of_every_kind(loaded, other_manager):
    """The demo's programme: its manager (`other_manager` is Tuyên Quang's) reads a mix of statuses."""
    from datetime import date

    from danvan.reporting.demo.programmes import NAME
    from danvan.reporting.models import ProgressStatus
    from danvan.reporting.selectors import programme_list, programme_progress

    programme = programme_list(user=other_manager).get(name=NAME)
    progress = programme_progress(user=other_manager, programme=programme, as_of=date(2026, 1, 1))
    kinds = {t.target.kind for t in progress.targets}
    assert kinds == {"absolute", "per_unit_below", "share"}
    statuses = {t.status for t in progress.targets}
    assert {ProgressStatus.DONE, ProgressStatus.BEHIND} <= statuses
    houses = next(
        t
        for t in progress.targets
        if t.target.indicator.code == "houses_helped" and t.target.kind == "absolute" and t.target.due_period is None
    )
    assert houses.actual == 306 + 268 and houses.status == ProgressStatus.DONE
    per_commune = next(t for t in progress.targets if t.target.kind == "per_unit_below")
    assert per_commune.met and per_commune.goal == len(per_commune.met) + len(per_commune.short)
