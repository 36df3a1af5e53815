"""Generate DanVan's administrative-map data file from the `vietnamadminunits` package.

Run once, by hand, whenever that package publishes new data; the output is committed and
shipped inside `danvan`, which never imports `vietnamadminunits` at run time (its address
converter sends street addresses to an overseas geocoder; DanVan only needs its tables).

    pip install -e '.[map]'        # vietnamadminunits==1.0.4, for this script only
    python scripts/build_admin_map.py danvan/geo/data/vn_admin_map.json.gz
    python scripts/compare_succession.py   # then check it against a second source

Data: vietnamadminunits (MIT licence, Copyright (c) 2025 Tran Ngoc Minh Hieu; the notice ships
as danvan/geo/data/NOTICE), built from the General Statistics Office's lists and the 2025
National Assembly Standing Committee resolutions.

Units are matched on the source's own keys exactly: a new commune by its key inside its new
province, an old one by province, district and commune keys together. Keys are never folded:
a few keep their diacritics precisely because the folded forms collide (xãvănlang and
xãvănlăng are two communes of Thái Nguyên). The source's list of communes divided between
several new ones also carries links made by name alone ("Phường 3" of Mỹ Tho, Cai Lậy and
Sa Đéc all listed as parts of Phường Cao Lãnh, whose Phường 3 is Cao Lãnh's own); `stray`
drops those, and the generator asserts that every old unit has a successor, every new
commune a predecessor, and every old commune's successors lie in the new province that
took its old province.
"""

from __future__ import annotations

import collections
import gzip
import json
import sqlite3
import sys
from decimal import ROUND_DOWN, Decimal
from importlib import metadata
from pathlib import Path

OLD, NEW = "2024", "2025"


def stray(old_key: str, sure: set[str], linked: set[str]) -> bool:
    """Whether the source's link from a divided commune to a new one was made by its name alone.

    `sure` are the new commune's predecessors merged into it whole or with it as their default
    successor, `linked` all of its predecessors (old keys "province_district_commune"). The link
    is stray when another old commune of the same name is linked to the new one from a district
    where its sure predecessors lie, and this one's district holds none of them: the resolution
    named "xã Hòa Bình" of that district, and the source matched every Hòa Bình of the province.
    """
    district, name = old_key.rsplit("_", 1)
    anchored = {o.rsplit("_", 1)[0] for o in sure if o.rsplit("_", 1)[1] != name}
    if district in anchored:
        return False
    rivals = {o for o in linked - {old_key} if o.rsplit("_", 1)[1] == name}
    return any(o.rsplit("_", 1)[0] in anchored for o in rivals)


def shares(n: int) -> list[str]:
    """n weights of 4 decimals that add up to exactly 1."""
    each = (Decimal(1) / n).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    weights = [each] * n
    weights[0] += Decimal(1) - each * n
    return [str(w) for w in weights]


def province_type(full: str, short: str) -> str:
    return full[: -len(short)].strip() if full.endswith(short) else full.split(" ")[0]


def check(units: list[list], successions: list[list]) -> None:
    """What the tests also check on the shipped file, asserted before it is written."""
    kind = {(u[0], u[1]): u for u in units}
    province_of = {}
    for era, code, level, parent, *_ in units:
        province_of[(era, code)] = code if level == "province" else province_of.get((era, parent), parent)
    took = collections.defaultdict(set)  # old province → new provinces
    successors = collections.defaultdict(set)
    for fe, fc, te, tc, _default, _weight in successions:
        if kind[(fe, fc)][2] == "province":
            took[fc].add(tc)
        successors[(fe, fc)].add((te, tc))
    orphans = [u for u in units if u[0] == NEW and u[2] == "commune"]
    has_pred = {t for links in successors.values() for t in links}
    orphans = [u for u in orphans if (u[0], u[1]) not in has_pred]
    assert not orphans, f"new communes without a predecessor: {orphans[:5]}"
    for (fe, fc), links in successors.items():
        if fe != OLD or kind[(fe, fc)][2] == "province":
            continue
        old_province = province_of[(fe, fc)]
        for te, tc in links:
            assert province_of[(te, tc)] in took[old_province], f"{fc} goes to {tc}, outside its new province"


def main(out: Path) -> None:
    import vietnamadminunits

    pkg = Path(vietnamadminunits.__file__).parent / "data"
    db = sqlite3.connect(pkg / "dataset.db")
    conv = json.loads((pkg / "converter_2025.json").read_text())

    units: list[list] = []  # era, code, level, parent_code, type, name, short_name
    successions: list[list] = []  # from_era, from_code, to_era, to_code, is_default, weight

    # --- the map before 1 July 2025: 63 provinces, districts, communes
    old_ward_by_key: dict[str, str] = {}
    old_district_by_key: dict[str, str] = {}
    old_province_by_key: dict[str, str] = {}
    old_district_of_ward: dict[str, str] = {}
    seen: set[str] = set()
    rows = db.execute(
        "SELECT province, provinceShort, provinceCode, provinceKey, district, districtShort,"
        " districtType, districtCode, districtKey, ward, wardShort, wardType, wardCode, wardKey"
        " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    )
    for p, ps, pc, pk, d, ds, dt, dc, dk, w, ws, wt, wc, wk in rows:
        if pc not in seen:
            seen.add(pc)
            units.append([OLD, pc, "province", None, province_type(p, ps), p, ps])
            old_province_by_key[pk] = pc
        if dc not in seen:
            seen.add(dc)
            units.append([OLD, dc, "district", pc, dt, d, ds])
        assert old_district_by_key.setdefault(f"{pk}_{dk}", dc) == dc, f"two districts keyed {pk}_{dk}"
        if wc:
            units.append([OLD, wc, "commune", dc, wt, w, ws])
            key = f"{pk}_{dk}_{wk}"
            assert key not in old_ward_by_key, f"two old communes keyed {key}"
            old_ward_by_key[key] = wc
            old_district_of_ward[wc] = dc
    old_province_of_district = {u[1]: u[3] for u in units if u[2] == "district"}

    # --- the map from 1 July 2025: 34 provinces, communes (no districts)
    new_ward_by_key: dict[tuple[str, str], str] = {}
    new_province_by_key: dict[str, str] = {}
    new_province_of_ward: dict[str, str] = {}
    seen.clear()
    rows = db.execute(
        "SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardType,"
        " wardCode, wardKey FROM admin_units ORDER BY provinceCode, wardCode"
    )
    for p, ps, pc, pk, w, ws, wt, wc, wk in rows:
        if pc not in seen:
            seen.add(pc)
            units.append([NEW, pc, "province", None, province_type(p, ps), p, ps])
            new_province_by_key[pk] = pc
        units.append([NEW, wc, "commune", pc, wt, w, ws])
        assert (pk, wk) not in new_ward_by_key, f"two new communes keyed {pk} {wk}"
        new_ward_by_key[(pk, wk)] = wc
        new_province_of_ward[wc] = pc

    # --- succession: provinces merged whole
    for new_pk, old_pks in conv["DICT_PROVINCE"].items():
        for old_pk in old_pks:
            successions.append([OLD, old_province_by_key[old_pk], NEW, new_province_by_key[new_pk], True, "1"])

    def old_unit(key: str) -> str:
        # "prov_dist_ward"; the island districts have no communes and an empty ward part
        return old_ward_by_key.get(key) or old_district_by_key[key.rstrip("_")]

    # --- the source's links, checked before any is written
    whole = conv["DICT_PROVINCE_WARD_NO_DIVIDED"]
    divided = conv["DICT_PROVINCE_WARD_DIVIDED"]
    sure: dict[tuple[str, str], set[str]] = collections.defaultdict(set)  # new key → old keys
    linked: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for new_pk, wards in whole.items():
        for new_wk, old_keys in wards.items():
            sure[(new_pk, new_wk)].update(old_keys)
            linked[(new_pk, new_wk)].update(old_keys)
    for new_pk, olds in divided.items():
        for key, targets in olds.items():
            for t in targets:
                linked[(new_pk, t["newWardKey"])].add(key)
                if t["isDefaultNewWard"]:
                    sure[(new_pk, t["newWardKey"])].add(key)

    # --- communes merged whole into one new commune
    default_successor: dict[str, str] = {}
    for new_pk, wards in whole.items():
        for new_wk, old_keys in wards.items():
            new_code = new_ward_by_key[(new_pk, new_wk)]
            for key in old_keys:
                code = old_unit(key)
                successions.append([OLD, code, NEW, new_code, True, "1"])
                default_successor[code] = new_code
    # --- communes split between several new communes, one of them the default; links made by
    # name alone are dropped (when the default is one, the first link left becomes the default)
    dropped = []
    for new_pk, olds in divided.items():
        for key, targets in olds.items():
            code = old_unit(key)
            kept = [
                t for t in targets if not stray(key, sure[(new_pk, t["newWardKey"])], linked[(new_pk, t["newWardKey"])])
            ]
            assert kept, f"every successor of {key} looks stray"
            dropped += [(key, t["newWardKey"], t["isDefaultNewWard"]) for t in targets if t not in kept]
            default = next((t for t in kept if t["isDefaultNewWard"]), kept[0])
            for target, weight in zip(kept, shares(len(kept)), strict=True):
                new_code = new_ward_by_key[(new_pk, target["newWardKey"])]
                successions.append([OLD, code, NEW, new_code, target is default, weight])
                if target is default:
                    default_successor[code] = new_code
    print(f"dropped {len(dropped)} links made by name alone:", file=sys.stderr)
    for key, new_wk, was_default in dropped:
        print(f"  {key} -> {new_wk}{' (was the default)' if was_default else ''}", file=sys.stderr)

    # --- districts were abolished: each goes to the new province(s) that took its communes,
    # weighted by how many communes went where; the island districts already point at their
    # special zone (dac khu) and need nothing more.
    by_district: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for ward, district in old_district_of_ward.items():
        by_district[district][new_province_of_ward[default_successor[ward]]] += 1
    for district, counter in by_district.items():
        total = sum(counter.values())
        ranked = counter.most_common()
        for i, (province, n) in enumerate(ranked):
            weight = (Decimal(n) / total).quantize(Decimal("0.0001"))
            successions.append([OLD, district, NEW, province, i == 0, str(weight)])

    eras = [
        {
            "code": OLD,
            "name": "63 tỉnh, thành phố (đến 30/6/2025)",
            "name_en": "63 provinces (until 30 June 2025)",
            "valid_from": None,
            "valid_to": "2025-06-30",
        },
        {
            "code": NEW,
            "name": "34 tỉnh, thành phố (từ 1/7/2025)",
            "name_en": "34 provinces (from 1 July 2025)",
            "valid_from": "2025-07-01",
            "valid_to": None,
        },
    ]
    data = {
        "source": f"vietnamadminunits {metadata.version('vietnamadminunits')} (MIT licence)",
        "eras": eras,
        "units": units,
        "successions": successions,
    }
    levels = collections.Counter((u[0], u[2]) for u in units)
    print(dict(levels), "successions:", len(successions), file=sys.stderr)
    assert levels[(OLD, "province")] == 63 and levels[(NEW, "province")] == 34
    assert levels[(NEW, "commune")] == 3321
    assert set(old_province_of_district.values()) <= set(old_province_by_key.values())
    check(units, successions)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as fh:  # same input, same bytes
        fh.write(payload)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
