"""A changed map re-maps history: the weights move apportioned figures, by a background job with progress."""

from decimal import Decimal

from django.urls import reverse

from danvan.conftest import unit
from danvan.geo.models import Succession
from danvan.reporting.models import RollupRebuild
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup
from danvan.reporting.services import rollup_rebuild_run
from danvan.reporting.tests.factories import commune_form, indicator, report


def test_a_weight_edit_queues_a_remap_that_moves_the_apportioned_figures(
    admin_user, django_capture_on_commit_callbacks
):
    money = indicator("t_money", split_rule="apportion")
    report(admin_user, commune_form(money), unit("2024", "06820"), "2024", {"t_money": 1000})  # Trưng Vương, split
    uong_bi, vang_danh, period = unit("2025", "06811"), unit("2025", "06820"), period_get("2024")
    assert rollup(user=admin_user, unit=uong_bi, indicator=money, period=period).value == 500
    with django_capture_on_commit_callbacks() as callbacks:
        s = Succession.objects.get(predecessor=unit("2024", "06820"), successor=uong_bi)
        s.weight = Decimal("0.8")
        s.save()
        other = Succession.objects.get(predecessor=unit("2024", "06820"), successor=vang_danh)
        other.weight = Decimal("0.2")
        other.save()
    job = RollupRebuild.objects.get()  # two edits, one waiting job
    assert job.status == "queued" and len(callbacks) == 1
    rollup_rebuild_run(job_id=job.pk)  # what the worker runs
    job.refresh_from_db()
    assert (job.status, job.done, job.percent) == ("succeeded", job.total, 100)
    assert rollup(user=admin_user, unit=uong_bi, indicator=money, period=period).value == 800
    assert rollup(user=admin_user, unit=vang_danh, indicator=money, period=period).value == 200
    assert rollup(user=admin_user, unit=None, era="2025", indicator=money, period=period).value == 1000


def test_no_history_no_remap(admin_user):
    s = Succession.objects.filter(predecessor=unit("2024", "06820")).first()
    s.save()
    assert not RollupRebuild.objects.exists()


def test_the_page_is_for_national_administrators(login, admin_user, province_manager):
    assert login(province_manager).get(reverse("reporting:rebuild")).status_code == 404
    assert login(province_manager).post(reverse("reporting:rebuild")).status_code == 404
    client = login(admin_user)
    response = client.post(reverse("reporting:rebuild"), {"reason": "bản đồ mới"})
    assert response.status_code == 302
    job = RollupRebuild.objects.get()
    assert job.reason == "bản đồ mới" and job.requested_by == admin_user
    page = client.get(reverse("reporting:rebuild"))
    assert "bản đồ mới" in page.content.decode()
    assert client.post(reverse("reporting:rebuild"), follow=True).status_code == 200
    assert RollupRebuild.objects.count() == 1  # one waiting is enough
    status = client.get(reverse("reporting:rebuild-status", args=[job.pk]))
    assert 'hx-trigger="every 1s"' in status.content.decode()
