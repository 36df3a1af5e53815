"""Records carry their unit's path (`geo.unit_paths`): set on every save and bulk insert, and moved with the map."""

import gzip
import json

from danvan.conftest import unit
from danvan.geo.services import MAP_FILE, map_load
from danvan.geo.unit_paths import resync_all
from danvan.initiatives.bulk import NewInitiative, initiatives_bulk_create
from danvan.initiatives.models import Initiative
from danvan.initiatives.tests.factories import NAM_KHE_FRONT, nam_khe_model
from danvan.org.models import Organization
from danvan.reporting.models import Submission
from danvan.reporting.tests.factories import commune_form, indicator, report

NAM_KHE = "2024/22/196/06823/"


def test_a_saved_record_carries_its_units_path_and_follows_a_new_unit(commune_reporter):
    model = nam_khe_model(commune_reporter)
    assert Initiative.objects.get(pk=model.pk).unit_path == NAM_KHE
    trung_vuong = unit("2024", "06820")
    model.unit = trung_vuong
    model.save(update_fields=["unit"])  # the copy is written with the unit, even when only the unit is named
    assert Initiative.objects.get(pk=model.pk).unit_path == trung_vuong.path


def test_a_report_carries_its_units_path(commune_reporter):
    form = commune_form(indicator("t-households"))
    saved = report(commune_reporter, form, unit("2024", "06823"), "2024", {"t-households": 5})
    assert Submission.objects.get(pk=saved.pk).unit_path == NAM_KHE


def test_a_bulk_import_carries_the_paths(commune_reporter):
    item = NewInitiative(
        name="Đèn sáng ngõ xóm",
        field="cultural_social",
        unit=unit("2024", "06823"),
        organization=Organization.objects.get(name=NAM_KHE_FRONT),
        year=2024,
    )
    [made] = initiatives_bulk_create(actor=commune_reporter, items=[item])
    assert Initiative.objects.get(pk=made.pk).unit_path == NAM_KHE


def test_a_map_load_that_moves_a_unit_moves_its_records(commune_reporter, tmp_path):
    """A commune moved to another district: its models are then found under the new district's prefix."""
    model = nam_khe_model(commune_reporter)
    with gzip.open(MAP_FILE, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    for row in data["units"]:
        if row[0] == "2024" and row[1] == "06823":
            row[3] = "193"  # from Uông Bí to Hạ Long
    path = tmp_path / "map.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
    map_load(path=path)
    moved = Initiative.objects.get(pk=model.pk)
    assert moved.unit_path == "2024/22/193/06823/" == unit("2024", "06823").path
    assert set(resync_all().values()) == {0}  # nothing left stale anywhere


def test_a_stale_copy_is_found_and_rewritten(commune_reporter):
    model = nam_khe_model(commune_reporter)
    Initiative.objects.filter(pk=model.pk).update(unit_path="2024/99/")
    assert resync_all()["initiatives.Initiative"] == 1
    assert Initiative.objects.get(pk=model.pk).unit_path == NAM_KHE
