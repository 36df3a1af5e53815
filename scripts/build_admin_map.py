"""Generate DanVan's administrative-map data file from the `vietnamadminunits` package.

Run once, by hand, whenever that package publishes new data; the output is committed and
shipped inside `danvan`, which never imports `vietnamadminunits` at run time (its address
converter sends street addresses to an overseas geocoder; DanVan only needs its tables).

    python -m venv /tmp/vau && /tmp/vau/bin/pip install vietnamadminunits==1.0.4
    /tmp/vau/bin/python scripts/build_admin_map.py danvan/geo/data/vn_admin_map.json.gz

Data: vietnamadminunits (MIT licence, (c) Tran Hung Thinh), built from the General
Statistics Office's lists and the 2025 National Assembly Standing Committee resolutions.
"""

from __future__ import annotations

import collections
import gzip
import json
import sqlite3
import sys
import unicodedata
from decimal import ROUND_DOWN, Decimal
from importlib import metadata
from pathlib import Path

OLD, NEW = "2024", "2025"


def fold(key: str) -> str:
    """Keys in the source are ASCII but a few slipped through with diacritics."""
    key = key.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))


def shares(n: int) -> list[str]:
    """n weights of 4 decimals that add up to exactly 1."""
    each = (Decimal(1) / n).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    weights = [each] * n
    weights[0] += Decimal(1) - each * n
    return [str(w) for w in weights]


def province_type(full: str, short: str) -> str:
    return full[: -len(short)].strip() if full.endswith(short) else full.split(" ")[0]


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
        old_district_by_key[f"{pk}_{dk}"] = dc
        if wc:
            units.append([OLD, wc, "commune", dc, wt, w, ws])
            old_ward_by_key[f"{pk}_{dk}_{wk}"] = wc
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
        new_ward_by_key[(pk, fold(wk))] = wc
        new_province_of_ward[wc] = pc

    # --- succession: provinces merged whole
    for new_pk, old_pks in conv["DICT_PROVINCE"].items():
        for old_pk in old_pks:
            successions.append([OLD, old_province_by_key[old_pk], NEW, new_province_by_key[new_pk], True, "1"])

    def old_unit(key: str) -> str:
        # "prov_dist_ward"; the island districts have no communes and an empty ward part
        return old_ward_by_key.get(key) or old_district_by_key[key.rstrip("_")]

    # --- communes merged whole into one new commune
    default_successor: dict[str, str] = {}
    for new_pk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wk, old_keys in wards.items():
            new_code = new_ward_by_key[(new_pk, fold(new_wk))]
            for key in old_keys:
                code = old_unit(key)
                successions.append([OLD, code, NEW, new_code, True, "1"])
                default_successor[code] = new_code
    # --- communes split between several new communes, one of them the default
    for new_pk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for key, targets in olds.items():
            code = old_unit(key)
            for target, weight in zip(targets, shares(len(targets)), strict=True):
                new_code = new_ward_by_key[(new_pk, fold(target["newWardKey"]))]
                successions.append([OLD, code, NEW, new_code, bool(target["isDefaultNewWard"]), weight])
                if target["isDefaultNewWard"]:
                    default_successor[code] = new_code

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
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as fh:  # same input, same bytes
        fh.write(payload)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
