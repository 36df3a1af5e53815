"""The shipped map's lineage, read straight from the data file (no database): each old unit goes
where the resolutions send it, not to a namesake elsewhere."""

import collections
import gzip
import json
import unicodedata
from functools import cache

from danvan.geo.services import MAP_FILE

OLD, NEW = "2024", "2025"
# 2025 communes the source marks as new (no predecessor at all): none in the 2025 resolutions
NEW_WITHOUT_PREDECESSOR: set[str] = set()


@cache
def shipped() -> dict:
    with gzip.open(MAP_FILE, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    units = {(u[0], u[1]): u for u in data["units"]}
    successors, predecessors = collections.defaultdict(set), collections.defaultdict(set)
    for from_era, from_code, to_era, to_code, _default, _weight in data["successions"]:
        successors[(from_era, from_code)].add((to_era, to_code))
        predecessors[(to_era, to_code)].add((from_era, from_code))
    return {"data": data, "units": units, "successors": successors, "predecessors": predecessors}


def unit(era: str, code: str) -> list:
    return shipped()["units"][(era, code)]


def name(era: str, code: str) -> str:
    return unit(era, code)[5]


def district(code: str) -> str:
    return unit(OLD, code)[3]


def province(era: str, code: str) -> str:
    u = unit(era, code)
    while u[3]:
        u = unit(era, u[3])
    return u[1]


def units(era: str, level: str) -> list[list]:
    return [u for u in shipped()["data"]["units"] if u[0] == era and u[2] == level]


def predecessors(code: str) -> set[str]:
    return {c for _e, c in shipped()["predecessors"][(NEW, code)]}


def successors(code: str) -> set[str]:
    return {c for _e, c in shipped()["successors"][(OLD, code)]}


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def test_every_2025_commune_has_a_predecessor():
    orphans = [
        f"{u[5]} ({u[1]})"
        for u in units(NEW, "commune")
        if u[1] not in NEW_WITHOUT_PREDECESSOR and not predecessors(u[1])
    ]
    assert orphans == []


def test_no_two_units_share_a_key_or_a_name_under_one_parent():
    keys = collections.Counter((u[0], u[1]) for u in shipped()["data"]["units"])
    names = collections.Counter((u[0], u[3], u[5]) for u in shipped()["data"]["units"])
    assert [k for k, n in keys.items() if n > 1] == []
    assert [k for k, n in names.items() if n > 1] == []
    links = collections.Counter(tuple(s[:4]) for s in shipped()["data"]["successions"])
    assert [k for k, n in links.items() if n > 1] == []


def test_names_that_differ_only_in_diacritics_are_distinct_communes_with_their_own_predecessors():
    by_folded = collections.defaultdict(list)
    for u in units(NEW, "commune"):
        by_folded[(u[3], fold(u[5]))].append(u)
    pairs = [group for group in by_folded.values() if len(group) > 1]
    assert len(pairs) >= 7  # Văn Lang/Văn Lăng, Cẩm Giang/Cẩm Giàng, Sơn Hà/Sơn Hạ, Ba Tơ/Ba Tô, ...
    for group in pairs:
        sets = [predecessors(u[1]) for u in group]
        assert all(sets), [u[5] for u in group]
        assert not set.intersection(*sets), [u[5] for u in group]
    # each takes the old commune of its own name, with its own diacritics
    assert "Xã Văn Lang" in {name(OLD, c) for c in predecessors("02143")}  # Văn Lang (Na Rì)
    assert "Xã Văn Lăng" in {name(OLD, c) for c in predecessors("05665")}  # Văn Lăng (Đồng Hỷ)
    assert "Xã Sơn Hạ" in {name(OLD, c) for c in predecessors("21292")}
    assert "Xã Ba Tô" in {name(OLD, c) for c in predecessors("21523")}


def test_old_thanh_an_of_dau_tieng_goes_to_thanh_an_not_to_the_island_commune_of_can_gio():
    thanh_an = next(u for u in units(OLD, "commune") if u[5] == "Xã Thanh An" and name(OLD, u[3]) == "Huyện Dầu Tiếng")
    assert successors(thanh_an[1]) == {"25807"}
    assert name(NEW, "25807") == "Xã Thanh An"
    assert {name(OLD, district(c)) for c in predecessors("27676")} == {"Huyện Cần Giờ"}  # Thạnh An, the island


def test_phuong_cao_lanh_takes_only_communes_of_old_cao_lanh_city():
    cao_lanh = next(u for u in units(NEW, "commune") if u[5] == "Phường Cao Lãnh")
    assert {name(OLD, district(c)) for c in predecessors(cao_lanh[1])} == {"Thành phố Cao Lãnh"}
    # the wards of Sa Đéc, Mỹ Tho and Cai Lậy named like Cao Lãnh's stay in their own towns
    namesakes = {"Thành phố Sa Đéc": ("Phường 3", "Phường 4"), "Thành phố Mỹ Tho": ("Phường 4", "Phường 6"),
                 "Thị xã Cai Lậy": ("Phường 3", "Phường 4")}  # fmt: skip
    for town, wards in namesakes.items():
        for ward in (u for u in units(OLD, "commune") if u[5] in wards and name(OLD, u[3]) == town):
            assert successors(ward[1]) and cao_lanh[1] not in successors(ward[1])


def test_each_old_unit_goes_to_the_new_provinces_that_took_its_old_province():
    took = collections.defaultdict(set)
    for u in units(OLD, "province"):
        took[u[1]] = successors(u[1])
    assert all(took.values())
    strays = [
        f"{u[5]} ({u[1]}) → {name(NEW, c)}"
        for level in ("district", "commune")
        for u in units(OLD, level)
        for c in successors(u[1])
        if province(NEW, c) not in took[province(OLD, u[1])]
    ]
    assert strays == []


def test_no_old_commune_is_linked_to_a_new_one_by_its_name_alone():
    """A link from outside the districts the new commune is made of, while a namesake inside them
    is also linked to it, is the mark of a match by name ("Phường 3" of another town)."""
    suspicious = []
    for u in units(NEW, "commune"):
        preds = predecessors(u[1])
        for c in preds:
            others = preds - {c}
            home = {district(o) for o in others if name(OLD, o) != name(OLD, c)}
            if district(c) in home or not home:
                continue
            namesakes = [o for o in others if name(OLD, o) == name(OLD, c)]
            if any(district(o) in home for o in namesakes):
                suspicious.append(f"{name(OLD, c)} ({name(OLD, district(c))}) → {u[5]}")
    assert suspicious == []


def test_every_old_commune_and_district_has_exactly_one_default_and_weights_adding_up():
    defaults, weights = collections.Counter(), collections.defaultdict(float)
    for from_era, from_code, _to_era, _to_code, is_default, weight in shipped()["data"]["successions"]:
        defaults[(from_era, from_code)] += bool(is_default)
        weights[(from_era, from_code)] += float(weight)
    for level in ("commune", "district"):
        for u in units(OLD, level):
            assert defaults[(OLD, u[1])] == 1, u
            assert abs(weights[(OLD, u[1])] - 1) < 0.001, u
