"""The home page's live figures: read as the public viewer of org.access, approved values only."""

import pytest

from danvan.conftest import unit
from danvan.core.errors import NotFound
from danvan.geo.selectors import current_era
from danvan.org.access import PUBLIC, approved_figures_only, may_read_figures
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors.bulk import rollups_bulk
from danvan.reporting.services import submission_approve
from danvan.reporting.tests.factories import commune_form, report

pytestmark = pytest.mark.django_db


def test_the_public_viewer_reads_aggregates_only(client):
    from django.contrib.auth.models import AnonymousUser

    assert may_read_figures(PUBLIC, None) and approved_figures_only(PUBLIC)
    assert not may_read_figures(AnonymousUser(), None)
    houses = Indicator.objects.get(code="houses_helped")
    with pytest.raises(NotFound):
        rollups_bulk(user=AnonymousUser(), unit=None, era=current_era().code, indicators=[houses], periods=[])


def test_the_home_page_counts_approved_values_only(client, commune_reporter, district_reviewer, admin_user):
    houses = Indicator.objects.get(code="houses_helped")
    form = commune_form(houses)
    submission = report(commune_reporter, form, unit("2024", "06823"), "2024", {"houses_helped": 1234})
    period, era = period_get("2024"), current_era().code

    def seen(user):
        return rollups_bulk(user=user, unit=None, era=era, indicators=[houses], periods=[period]).get(houses, period)

    assert seen(admin_user).value == 1234  # the national user may ask for everything
    assert seen(PUBLIC).value == 0  # not approved yet: not public
    assert "1.234" not in client.get("/vi/").content.decode()
    submission_approve(actor=district_reviewer, submission=submission)
    assert seen(PUBLIC).value == 1234
    from django.core.cache import cache

    cache.clear()  # the figures are at most PUBLIC_PAGE_SECONDS old; here, now
    html = client.get("/vi/").content.decode()
    assert 'data-code="houses_helped"' in html and "1.234" in html
    assert "1,234" in client.get("/en/").content.decode()
