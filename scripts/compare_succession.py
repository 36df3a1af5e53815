"""Compare the map's old→new succession with a second, independent source.

A maintainer's check, run by hand after `scripts/build_admin_map.py`: nothing of the second
source is shipped with DanVan or imported at run time. Install one beside the project (not as
a DanVan dependency) and run

    pip install vietnam-address-converter      # built from the official conversion table
    python scripts/compare_succession.py [danvan/geo/data/vn_admin_map.json.gz]

or give any other source as a CSV file with the columns old_province, old_district, old_ward,
new_province, new_ward (one row per old commune and new commune it went to; an island district
that had no communes has an empty old_ward):

    python scripts/compare_succession.py --csv other.csv

Units are matched by their names with diacritics, inside their parent (a commune inside its old
district, a new commune inside its new province) — never by names without diacritics, which
would make Văn Lang and Văn Lăng one place. It prints how many old communes (and island
districts) have the same successors in both, how many do not, and each difference.
"""

from __future__ import annotations

import argparse
import collections
import csv
import difflib
import gzip
import importlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "danvan" / "geo" / "data" / "vn_admin_map.json.gz"
OLD, NEW = "2024", "2025"

# Old (hoà, thuỷ) and new (hòa, thủy) placements of the tone mark are the same name.
_TONES = {"̀", "́", "̉", "̃", "̣"}
_TYPES = (
    "thành phố", "tỉnh", "quận", "huyện", "thị xã", "thị trấn", "phường", "xã", "đặc khu",
)  # fmt: skip

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}

# old province, old district, old commune ("" for an island district), new province, new commune
Row = tuple[str, str, str, str, str]


def _one_tone_placement(word: str) -> str:
    """The word with its tone mark moved to its end: 'hoà' and 'hòa' are one word, 'lang' and 'lăng' are not."""
    chars = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in chars if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in chars if c not in _TONES)) + tones


def norm(name: str) -> str:
    """Lower case, one space, one tone placement, numbers without leading zeros; diacritics kept."""
    name = unicodedata.normalize("NFC", name).lower().replace("–", "-")
    name = re.sub(r"\s*-\s*", "-", name)
    name = " ".join(_one_tone_placement(w) for w in name.split())
    name = re.sub(r"\b0+(\d)", r"\1", name)
    return re.sub(r"\b[ivx]+\b", lambda m: str(_ROMAN.get(m.group(), m.group())), name)


def loose(name: str) -> str:
    """Last resort for spelling variants (Đăk/Đắk/Đak, Căng/Cang): letters only, no diacritics.

    Used only when it names exactly one unit inside the parent, so Văn Lang and Văn Lăng, which
    share a parent, are never taken for each other."""
    name = bare(name).replace("đ", "d")
    name = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", name).replace("y", "i")  # Quý/Quí, Sỹ/Sĩ


def bare(name: str) -> str:
    """The normalised name without its unit type ('xã', 'phường', ...)."""
    name = norm(name)
    for t in _TYPES:
        if name.startswith(t + " "):
            return name[len(t) + 1 :]
    return name


class Names:
    """Units of one era found by name inside their parent: the full name, else the bare name if unique."""

    def __init__(self, units: Iterable[tuple[str, str | None, str]]) -> None:  # code, parent, name
        self.full: dict[tuple[str | None, str], list[str]] = collections.defaultdict(list)
        self.short: dict[tuple[str | None, str], list[str]] = collections.defaultdict(list)
        self.loose: dict[tuple[str | None, str], list[str]] = collections.defaultdict(list)
        for code, parent, name in units:
            self.full[(parent, norm(name))].append(code)
            self.short[(parent, bare(name))].append(code)
            self.loose[(parent, loose(name))].append(code)

    def siblings(self, parent: str | None) -> dict[str, str]:
        """code → loose name of every unit under parent (for pairing the names left over)."""
        return {codes[0]: key for (p, key), codes in self.loose.items() if p == parent and len(codes) == 1}

    def find(self, parent: str | None, name: str) -> str | None:
        for table, key in ((self.full, norm(name)), (self.short, bare(name)), (self.loose, loose(name))):
            codes = table.get((parent, key), [])
            if len(codes) == 1:
                return codes[0]
        return None


def read_map(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def read_vietnam_address_converter() -> Iterator[Row]:
    """`vietnam-address-converter` (Apache-2.0): the rows of its old→new conversion table."""
    data = importlib.import_module("vietnam_address_converter.data").DEFAULT_DATA
    for r in data["mapping"]["rows"]:
        o, n = r["old"], r["new"]
        yield o["province_name"], o["district_name"], o["ward_name"] or "", n["province_name"], n["ward_name"]


def read_csv(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            yield r["old_province"], r["old_district"], r["old_ward"] or "", r["new_province"], r["new_ward"]


def compare(data: dict, rows: Iterable[Row]) -> dict:
    units = {(u[0], u[1]): u for u in data["units"]}
    label = {key: u[5] for key, u in units.items()}

    def of(era: str, level: str) -> list[tuple[str, str | None, str]]:
        return [(u[1], u[3], u[5]) for u in data["units"] if u[0] == era and u[2] == level]

    old_p, old_d, old_c = Names(of(OLD, "province")), Names(of(OLD, "district")), Names(of(OLD, "commune"))
    new_p, new_c = Names(of(NEW, "province")), Names(of(NEW, "commune"))

    # ours: old commune (or island district without communes) → its new communes
    with_communes = {u[3] for u in data["units"] if u[0] == OLD and u[2] == "commune"}
    ours: dict[str, set[str]] = collections.defaultdict(set)
    default: dict[str, str] = {}
    for from_era, from_code, to_era, to_code, is_default, _weight in data["successions"]:
        if from_era != OLD or to_era != NEW:
            continue
        level = units[(OLD, from_code)][2]
        if level == "commune" or (level == "district" and from_code not in with_communes):
            ours[from_code].add(to_code)
            if is_default:
                default[from_code] = to_code

    theirs: dict[str, set[str]] = collections.defaultdict(set)
    unmatched: list[str] = []
    rows = list(rows)
    resolved = _resolve_spellings(rows, old_p, old_d, old_c, new_p, new_c)
    for op, od, ow, np_, nw in rows:
        p = old_p.find(None, op)
        d = old_d.find(p, od) if p else None
        old = (old_c.find(d, ow) or resolved["old"].get((d, ow)) if ow else d) if d else None
        q = new_p.find(None, np_)
        new = (new_c.find(q, nw) or resolved["new"].get((q, nw))) if q else None
        if old is None or new is None:
            side = "old" if old is None else "new"
            unmatched.append(f"{side} name not found: {ow or '(no commune)'}, {od}, {op} → {nw}, {np_}")
            continue
        theirs[old].add(new)

    def name(era: str, code: str) -> str:
        u = units[(era, code)]
        parent = label.get((era, u[3]), "")
        return f"{u[5]} ({parent}) [{code}]"

    same, parts, differ = [], [], []
    for code in sorted(ours.keys() & theirs.keys()):
        if ours[code] == theirs[code]:
            same.append(code)
        elif theirs[code] < ours[code] and default[code] in theirs[code]:
            parts.append(code)  # the map also lists parts that went elsewhere; the other names the main one
        else:
            differ.append(code)
    return {
        "same": same,
        "parts": [(name(OLD, c), sorted(name(NEW, n) for n in ours[c] - theirs[c])) for c in parts],
        "differ": [
            (
                name(OLD, code),
                sorted(name(NEW, c) for c in ours[code] - theirs[code]),
                sorted(name(NEW, c) for c in theirs[code] - ours[code]),
            )
            for code in differ
        ],
        "only_ours": sorted(name(OLD, c) for c in ours.keys() - theirs.keys()),
        "only_theirs": sorted(name(OLD, c) for c in theirs.keys() - ours.keys()),
        "unmatched": sorted(set(unmatched)),
        "respelt": sorted(
            f"{name} → {label[(era, code)]}"
            for era, side in ((OLD, "old"), (NEW, "new"))
            for (_parent, name), code in resolved[side].items()
        ),
        "new_without_predecessor": {
            "ours": sorted(name(NEW, c) for c in new_c_codes(data) - set().union(*ours.values())),
            "theirs": sorted(name(NEW, c) for c in new_c_codes(data) - set().union(*theirs.values())),
        },
    }


def _resolve_spellings(rows: list[Row], old_p: Names, old_d: Names, old_c: Names, new_p: Names, new_c: Names) -> dict:
    """Pair the names left over inside one parent by spelling (Hua Bun / Hua Bum, Ea H'đinh / Ea H'đing).

    Inside each old district (new province) the second source's names that matched nothing are
    paired with the map's units that no name matched, most similar first, if similar enough."""
    left: dict[str, dict[str | None, set[str]]] = {
        "old": collections.defaultdict(set),
        "new": collections.defaultdict(set),
    }
    taken: dict[str, set[str]] = {"old": set(), "new": set()}
    for op, od, ow, np_, nw in rows:
        p = old_p.find(None, op)
        d = old_d.find(p, od) if p else None
        if d and ow:
            code = old_c.find(d, ow)
            (taken["old"].add(code) if code else left["old"][d].add(ow))
        q = new_p.find(None, np_)
        if q:
            code = new_c.find(q, nw)
            (taken["new"].add(code) if code else left["new"][q].add(nw))
    resolved: dict[str, dict[tuple[str | None, str], str]] = {"old": {}, "new": {}}
    for side, names in (("old", old_c), ("new", new_c)):
        for parent, wanted in left[side].items():
            free = {code: key for code, key in names.siblings(parent).items() if code not in taken[side]}
            pairs = sorted(
                (
                    (difflib.SequenceMatcher(None, loose(w), key).ratio(), w, code)
                    for w in wanted
                    for code, key in free.items()
                ),
                reverse=True,
            )
            used_w: set[str] = set()
            for ratio, w, code in pairs:
                if ratio >= 0.6 and w not in used_w and code not in taken[side]:
                    resolved[side][(parent, w)] = code
                    used_w.add(w)
                    taken[side].add(code)
    return resolved


def new_c_codes(data: dict) -> set[str]:
    return {u[1] for u in data["units"] if u[0] == NEW and u[2] == "commune"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map_file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--csv", type=Path, help="a second source as CSV (see the module's docstring)")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list the parts only the map file lists")
    args = parser.parse_args(argv)
    verbose = args.verbose

    if args.csv:
        rows, source = list(read_csv(args.csv)), str(args.csv)
    else:
        try:
            rows, source = list(read_vietnam_address_converter()), "vietnam-address-converter"
        except ImportError:
            print(
                "No second source is installed. Install one beside DanVan (it is not a DanVan dependency):\n"
                "    pip install vietnam-address-converter\n"
                "or pass any other source as a CSV file: --csv FILE (see this script's docstring).",
                file=sys.stderr,
            )
            return 2
    result = compare(read_map(args.map_file), rows)
    total = len(result["same"]) + len(result["parts"]) + len(result["differ"])
    print(f"map file: {args.map_file} ({read_map(args.map_file).get('source', '?')})")
    print(f"second source: {source}, {len(rows)} rows")
    print(f"old communes (and island districts) in both: {total}")
    print(f"  same successors:      {len(result['same'])}")
    print(f"  the map lists further parts, the same main successor: {len(result['parts'])}")
    print(f"  different successors: {len(result['differ'])}")
    print(f"only in the map file: {len(result['only_ours'])}; only in the second source: {len(result['only_theirs'])}")
    print(f"second-source names paired by similar spelling: {len(result['respelt'])}")
    print(f"second-source rows whose names match nothing in the map: {len(result['unmatched'])}")
    for side in ("ours", "theirs"):
        print(f"new communes without a predecessor ({side}): {len(result['new_without_predecessor'][side])}")
    if result["differ"]:
        print("\nDifferences (old unit: successors only in the map file | only in the second source):")
        for old, mine, other in result["differ"]:
            print(f"  {old}: {', '.join(mine) or '-'} | {', '.join(other) or '-'}")
    if result["parts"] and verbose:
        print("\nParts the second source does not list (old unit: further successors in the map file):")
        for old, more in result["parts"]:
            print(f"  {old}: {', '.join(more)}")
    for title, key in (("Only in the map file", "only_ours"), ("Only in the second source", "only_theirs")):
        if result[key]:
            print(f"\n{title}:")
            for line in result[key]:
                print(f"  {line}")
    if result["respelt"]:
        print("\nSecond-source names paired with the map's by similar spelling:")
        for line in result["respelt"]:
            print(f"  {line}")
    if result["unmatched"]:
        print("\nSecond-source names not found in the map:")
        for line in result["unmatched"]:
            print(f"  {line}")
    for side in ("ours", "theirs"):
        if result["new_without_predecessor"][side]:
            print(f"\nNew communes without a predecessor ({side}):")
            for line in result["new_without_predecessor"][side]:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
