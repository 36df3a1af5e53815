"""The shipped map: both eras, complete succession, and a load that is all or nothing."""

import gzip
import json

import pytest
from django.db.models import Count, Q
from django.utils import translation

from danvan.core.errors import DomainError
from danvan.geo.models import AdminUnit, Level, Succession
from danvan.geo.services import MAP_FILE, map_load


def count(era: str, level: str) -> int:
    return AdminUnit.objects.filter(era_id=era, level=level, official=True).count()


def test_it_has_34_provinces_and_3321_communes_now(db):
    assert count("2025", Level.PROVINCE) == 34
    assert count("2025", Level.COMMUNE) == 3321
    assert count("2025", Level.DISTRICT) == 0


def test_it_has_63_provinces_before_2025(db):
    assert count("2024", Level.PROVINCE) == 63
    assert count("2024", Level.DISTRICT) == 696
    assert count("2024", Level.COMMUNE) == 10035


def test_every_old_commune_and_district_has_a_successor(db):
    orphans = AdminUnit.objects.filter(era_id="2024", level__in=[Level.COMMUNE, Level.DISTRICT]).exclude(
        outgoing__isnull=False
    )
    assert orphans.count() == 0
    assert not AdminUnit.objects.filter(era_id="2024", level=Level.PROVINCE, outgoing__isnull=True).exists()


def test_every_split_commune_has_exactly_one_default_successor(db):
    split = (
        AdminUnit.objects.filter(era_id="2024", level=Level.COMMUNE)
        .annotate(n=Count("outgoing"), defaults=Count("outgoing", filter=Q(outgoing__is_default=True)))
        .filter(n__gt=1)
    )
    assert split.count() > 400  # the source lists 471 communes divided between new ones
    assert not split.exclude(defaults=1).exists()


def test_codes_are_reused_across_eras(db):
    # 26740 was Phường Bến Nghé (Quận 1) and is now Phường Sài Gòn
    assert AdminUnit.objects.get(era_id="2024", code="26740").name == "Phường Bến Nghé"
    assert AdminUnit.objects.get(era_id="2025", code="26740").name == "Phường Sài Gòn"


def test_paths_follow_the_tree(db):
    nam_khe = AdminUnit.objects.get(era_id="2024", code="06823")
    assert nam_khe.path == "2024/22/196/06823/"
    assert nam_khe.parent.name == "Thành phố Uông Bí"
    assert nam_khe.name_ascii == "phuong nam khe"


def test_a_second_load_changes_nothing(db):
    before = (AdminUnit.objects.count(), Succession.objects.count())
    result = map_load()
    assert result.created == 0 and result.updated == 0
    assert (AdminUnit.objects.count(), Succession.objects.count()) == before


def test_it_keeps_edited_weights_on_refresh(db):
    split = Succession.objects.filter(is_default=False).first()
    Succession.objects.filter(pk=split.pk).update(weight="0.7500")
    map_load()
    kept = Succession.objects.get(predecessor=split.predecessor, successor=split.successor)
    assert str(kept.weight) == "0.7500"


def _write(tmp_path, mutate):
    with gzip.open(MAP_FILE, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    mutate(data)
    path = tmp_path / "map.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
    return path


def test_a_broken_file_leaves_the_previous_map_intact(db, tmp_path):
    def rename_then_break(data):
        # valid renames first, then a succession pointing nowhere at the very end
        for row in data["units"][:50]:
            row[5] = "ĐÃ ĐỔI " + row[5]
        data["successions"].append(["2024", "06823", "2025", "99999", True, "1"])

    before = AdminUnit.objects.get(era_id="2024", code="01").name
    with pytest.raises(DomainError, match="99999"):
        map_load(path=_write(tmp_path, rename_then_break))
    assert AdminUnit.objects.get(era_id="2024", code="01").name == before


def test_it_rejects_two_default_successors(db, tmp_path):
    def two_defaults(data):
        data["successions"].append(["2024", "06823", "2025", "06811", True, "0.5"])

    with translation.override("en"), pytest.raises(DomainError, match="default successor"):
        map_load(path=_write(tmp_path, two_defaults))


def test_it_rejects_a_file_that_is_not_a_map(db, tmp_path):
    path = tmp_path / "nonsense.json.gz"
    path.write_bytes(b"not gzip at all")
    with translation.override("en"), pytest.raises(DomainError, match="cannot be read"):
        map_load(path=path)
    assert AdminUnit.objects.filter(era_id="2025", level=Level.PROVINCE).count() == 34


def test_it_applies_a_renamed_unit_in_place(db, tmp_path):
    """2026 resolutions renamed provinces into cities: the unit keeps its row and its links."""
    dong_nai = AdminUnit.objects.get(era_id="2025", code="75")

    def rename(data):
        for row in data["units"]:
            if row[0] == "2025" and row[1] == "75":
                row[4], row[5] = "Thành phố", "Thành phố Đồng Nai"

    result = map_load(path=_write(tmp_path, rename))
    assert result.updated == 1
    renamed = AdminUnit.objects.get(pk=dong_nai.pk)
    assert renamed.name == "Thành phố Đồng Nai" and renamed.name_ascii == "thanh pho dong nai"


def test_old_units_point_at_the_unit_covering_them_today(db):
    # figures of the old Ninh Sơn district count under Khánh Hòa, which took Ninh Thuận in 2025
    assert AdminUnit.objects.get(era_id="2024", code="585").latest_path == "2025/56/"
    assert AdminUnit.objects.get(era_id="2024", code="06823").latest_path == "2025/22/06820/"
    assert AdminUnit.objects.get(era_id="2025", code="06820").latest_path == "2025/22/06820/"
    assert not AdminUnit.objects.filter(era_id="2024").exclude(latest_path__startswith="2025/").exists()


def test_a_village_of_an_old_ward_follows_it_onto_the_new_map(admin_user):
    from danvan.geo.services import village_add

    old = village_add(actor=admin_user, commune=AdminUnit.objects.get(era_id="2024", code="06823"), name="Khu 3")
    new = village_add(actor=admin_user, commune=AdminUnit.objects.get(era_id="2025", code="06820"), name="Khu 3")
    assert old.latest_path == "2025/22/06820/"
    assert new.latest_path == new.path == "2025/22/06820/06820-001/"


def _drop_split(data, code="06820"):
    """Trưng Vương (2024/06820) now goes whole to its default successor."""
    links = [s for s in data["successions"] if s[0] == "2024" and s[1] == code]
    default = next(s for s in links if s[4])
    data["successions"] = [s for s in data["successions"] if s not in links or s is default]
    default[5] = "1"
    return default[3], {s[3] for s in links if not s[4]}


def test_a_refresh_removes_successions_no_longer_in_the_file_and_takes_its_weights(db, tmp_path):
    old = AdminUnit.objects.get(era_id="2024", code="06820")
    # an edited weight: the unit keeps it only while its successors stay the same
    Succession.objects.filter(predecessor=old, is_default=True).update(weight="0.9000")
    kept = {}

    def mutate(data):
        kept["to"], kept["gone"] = _drop_split(data)

    result = map_load(path=_write(tmp_path, mutate))
    links = Succession.objects.filter(predecessor=old)
    assert [(s.successor.code, s.is_default, str(s.weight)) for s in links] == [(kept["to"], True, "1.0000")]
    assert kept["gone"] and result.successions == Succession.objects.filter(predecessor__official=True).count()


def test_a_changed_succession_queues_the_remapping_of_history(admin_user, tmp_path, django_capture_on_commit_callbacks):
    from danvan.geo.signals import map_changed
    from danvan.reporting.models import RollupRebuild
    from danvan.reporting.tests.factories import commune_form, indicator, report

    money = indicator("t_money", split_rule="apportion")
    report(admin_user, commune_form(money), AdminUnit.objects.get(era_id="2024", code="06820"), "2024", {"t_money": 1})
    told = []

    def listener(sender, reason="", **kwargs):
        told.append(reason)

    map_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks():
            map_load(path=_write(tmp_path, _drop_split))
    finally:
        map_changed.disconnect(listener)
    assert told == ["map.load"]
    assert RollupRebuild.objects.filter(status=RollupRebuild.Status.QUEUED).count() == 1


def test_a_refresh_with_the_same_successions_queues_nothing(admin_user):
    from danvan.reporting.models import RollupRebuild
    from danvan.reporting.tests.factories import commune_form, indicator, report

    money = indicator("t_money", split_rule="apportion")
    report(admin_user, commune_form(money), AdminUnit.objects.get(era_id="2024", code="06820"), "2024", {"t_money": 1})
    map_load()
    assert not RollupRebuild.objects.exists()
