"""Subtree, ancestors, succession, covering-on-a-date and search, as the national administrator."""

from datetime import date

from django.db.models import Count

from danvan.conftest import unit
from danvan.geo import selectors
from danvan.geo.models import AdminUnit, Level


def names(units):
    return [u.name for u in units]


def test_subtree_of_a_district_is_the_district_and_its_communes(admin_user):
    uong_bi = unit("2024", "196")
    subtree = selectors.unit_subtree(user=admin_user, unit=uong_bi)
    assert subtree.first() == uong_bi
    assert {u.level for u in subtree} == {Level.DISTRICT, Level.COMMUNE}
    assert "Phường Nam Khê" in names(subtree)
    assert all(u.path.startswith("2024/22/196/") for u in subtree)


def test_subtree_of_a_new_province_has_no_districts(admin_user):
    subtree = selectors.unit_subtree(user=admin_user, unit=unit("2025", "22"), include_self=False)
    assert subtree.count() > 40
    assert set(subtree.values_list("level", flat=True)) == {Level.COMMUNE}


def test_ancestors_run_from_the_province_down(admin_user):
    assert names(selectors.unit_ancestors(user=admin_user, unit=unit("2024", "06823"))) == [
        "Tỉnh Quảng Ninh",
        "Thành phố Uông Bí",
    ]
    assert names(selectors.unit_ancestors(user=admin_user, unit=unit("2024", "22"))) == []


def test_a_merged_ward_has_one_default_successor(admin_user):
    successors = selectors.unit_successors(user=admin_user, unit=unit("2024", "06823"))
    assert [(u.era_id, u.code, s.is_default) for u, s in successors] == [("2025", "06820", True)]


def test_a_new_ward_lists_the_old_wards_it_was_made_of(admin_user):
    predecessors = names(u for u, _ in selectors.unit_predecessors(user=admin_user, unit=unit("2025", "06820")))
    assert "Phường Nam Khê" in predecessors
    assert len(predecessors) >= 2


def test_a_split_commune_points_to_several_with_one_default(admin_user):
    split = (
        AdminUnit.objects.filter(era_id="2024", level=Level.COMMUNE).annotate(n=Count("outgoing")).filter(n__gt=1)[0]
    )
    successors = selectors.unit_successors(user=admin_user, unit=split)
    assert len(successors) > 1
    assert [s.is_default for _, s in successors].count(True) == 1
    assert successors[0][1].is_default  # the default comes first


def test_merged_provinces_have_the_new_province_as_successor(admin_user):
    ha_giang = unit("2024", "02")
    [(successor, succession)] = selectors.unit_successors(user=admin_user, unit=ha_giang)
    assert successor.name == "Tỉnh Tuyên Quang" and successor.era_id == "2025"
    assert succession.is_default


def test_covering_forward_in_time_takes_the_default_successor(admin_user):
    nam_khe = unit("2024", "06823")
    assert selectors.unit_covering(user=admin_user, unit=nam_khe, on=date(2026, 1, 1)) == [unit("2025", "06820")]
    assert selectors.unit_covering(user=admin_user, unit=nam_khe, on=date(2024, 12, 31)) == [nam_khe]


def test_covering_backward_in_time_lists_the_old_units(admin_user):
    vang_danh = unit("2025", "06820")
    covering = selectors.unit_covering(user=admin_user, unit=vang_danh, on=date(2024, 6, 1))
    assert unit("2024", "06823") in covering
    assert all(u.era_id == "2024" for u in covering)


def test_as_of_picks_the_era_in_force(admin_user):
    before = selectors.unit_list(user=admin_user, level=Level.PROVINCE, as_of=date(2025, 6, 30))
    after = selectors.unit_list(user=admin_user, level=Level.PROVINCE, as_of=date(2025, 7, 1))
    assert before.count() == 63
    assert after.count() == 34


def test_search_works_without_diacritics(admin_user):
    found = names(selectors.unit_list(user=admin_user, q="uong bi"))
    assert "Thành phố Uông Bí" in found
    assert "Phường Uông Bí" in found
    assert "Phường Biên Giang" not in found  # "ph-uong bi-en": only whole-word starts match


def test_search_works_with_diacritics_and_any_case(admin_user):
    assert names(selectors.unit_list(user=admin_user, q="UÔNG BÍ", era="2024", level=Level.DISTRICT)) == [
        "Thành phố Uông Bí"
    ]
    assert "Phường Nam Khê" in names(selectors.unit_list(user=admin_user, q="nam khê"))


def test_search_handles_the_letter_d_with_stroke(admin_user):
    assert "Thành phố Đông Triều" in names(selectors.unit_list(user=admin_user, q="dong trieu", era="2024"))


def test_an_empty_search_filters_nothing(admin_user):
    assert selectors.unit_list(user=admin_user, q="   ", level=Level.PROVINCE, era="2025").count() == 34
