"""Where a unit's figures land on every era's map: the map compiled for roll-ups.

A value recorded under an old unit counts, on a newer map, under its default successor (the
default rule) or under every successor by its share of the succession weights (the apportion
rule; each indicator chooses). A value recorded under a newer unit counts, on an older map, under
the smallest old unit that wholly contains it — the same reading `geo.selectors.area_q` gives
records. Villages have no successions of their own and follow their commune.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q

from danvan.geo.models import AdminUnit, Era, Level, Succession
from danvan.reporting.models import RollupTarget

ONE = Decimal(1)
SHARE_PLACES = Decimal("1e-18")
MAX_STEPS = 6  # successions chain at most this many map changes


def node_chain(path: str) -> list[tuple[str, str, int]]:
    """(node, parent, depth) from the nation down: "2025/22/" → [("2025/", "", 0), ("2025/22/", "2025/", 1)]."""
    parts = path.strip("/").split("/")
    chain, parent = [], ""
    for depth in range(len(parts)):
        node = "/".join(parts[: depth + 1]) + "/"
        chain.append((node, parent, depth))
        parent = node
    return chain


def era_order() -> dict[str, int]:
    eras = sorted(Era.objects.all(), key=lambda e: (e.valid_from or date.min, e.code))  # no start: the oldest
    return {e.code: i for i, e in enumerate(eras)}


def _common_path(paths: Iterable[str]) -> str:
    split = [p.strip("/").split("/") for p in paths]
    common: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return "/".join(common) + "/"


class _Map:
    """The units and successions a compilation needs, loaded as it reaches them (two queries a batch)."""

    def __init__(self) -> None:
        self.out: dict[int, list[tuple[int, bool, Decimal]]] = defaultdict(list)
        self.inc: dict[int, list[int]] = defaultdict(list)
        self.seen: set[int] = set()
        self.order = era_order()
        self.units: dict[int, tuple[str, str, int | None, str]] = {}

    def load(self, ids: Iterable[int]) -> None:
        missing = [i for i in ids if i not in self.units]
        for start in range(0, len(missing), 2000):
            chunk = missing[start : start + 2000]
            for row in AdminUnit.objects.filter(pk__in=chunk).values_list("id", "era_id", "path", "parent_id", "level"):
                self.units[row[0]] = row[1:]
            links = Succession.objects.filter(Q(predecessor_id__in=chunk) | Q(successor_id__in=chunk))
            for pk, pred, succ, default, weight in links.values_list(
                "pk", "predecessor_id", "successor_id", "is_default", "weight"
            ):
                if pk not in self.seen:
                    self.seen.add(pk)
                    self.out[pred].append((succ, default, weight))
                    self.inc[succ].append(pred)

    def forward(self, unit_id: int, era: str) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
        """(default shares, apportion shares) of the units of the later `era` that `unit_id` goes to."""
        default: dict[int, Decimal] = {unit_id: ONE}
        apportion: dict[int, Decimal] = {unit_id: ONE}
        for _step in range(MAX_STEPS):
            self.load(list(default) + list(apportion))
            if all(self.units[u][0] == era for u in (*default, *apportion)):
                return default, apportion
            default, apportion = self._step(default, era, weighted=False), self._step(apportion, era, weighted=True)
        return {}, {}

    def _step(self, shares: dict[int, Decimal], era: str, *, weighted: bool) -> dict[int, Decimal]:
        nxt: dict[int, Decimal] = defaultdict(Decimal)
        for unit_id, share in shares.items():
            if self.units[unit_id][0] == era:
                nxt[unit_id] += share
                continue
            source = unit_id
            while not self.out.get(source):  # a village follows its commune
                _era, _path, parent, level = self.units[source]
                if level != Level.VILLAGE or parent is None:
                    break
                self.load([parent])
                source = parent
            outs = self.out.get(source, [])
            if not outs:
                continue  # nothing on the newer map covers it: it counts only on its own map
            if weighted:
                total = sum(w for _s, _d, w in outs) or ONE
                for succ, _d, w in outs:
                    nxt[succ] += share * w / total
            else:
                succ = next((s for s, d, _w in outs if d), outs[0][0])
                nxt[succ] += share
        return dict(nxt)

    def backward(self, unit_id: int, era: str) -> str | None:
        """Path of the smallest unit of the earlier `era` wholly containing `unit_id`, or its nation."""
        frontier = {unit_id}
        for _step in range(MAX_STEPS):
            self.load(frontier)
            if all(self.units[u][0] == era for u in frontier):
                return _common_path(self.units[u][1] for u in frontier)
            nxt: set[int] = set()
            for u in frontier:
                if self.units[u][0] == era:
                    nxt.add(u)
                    continue
                source = u
                while not self.inc.get(source):
                    _era, _path, parent, level = self.units[source]
                    if level != Level.VILLAGE or parent is None:
                        break
                    self.load([parent])
                    source = parent
                preds = self.inc.get(source, [])
                if not preds:
                    return None
                nxt.update(preds)
            frontier = nxt
        return None


def compile_targets(unit_ids: Iterable[int], *, cache: _Map | None = None) -> list[RollupTarget]:
    """The targets of these units on every era's map (not saved)."""
    m = cache or _Map()
    ids = list(unit_ids)
    m.load(ids)
    rows: list[RollupTarget] = []
    for unit_id in ids:
        own_era, path, _parent, level = m.units[unit_id]
        per_node: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        per_node[path] = [ONE, ONE]
        for era, rank in m.order.items():
            if era == own_era:
                continue
            if rank > m.order.get(own_era, -1):
                default, apportion = m.forward(unit_id, era)
                m.load(list(default) + list(apportion))
                for u, share in default.items():
                    per_node[m.units[u][1]][0] += share
                for u, share in apportion.items():
                    per_node[m.units[u][1]][1] += share
            else:
                node = m.backward(unit_id, era)
                if node is not None:
                    per_node[node] = [ONE, ONE]
        for node, (d, a) in per_node.items():
            chain = node_chain(node)
            _node, parent, depth = chain[-1]
            rows.append(
                RollupTarget(
                    unit_id=unit_id,
                    era=node.split("/", 1)[0],
                    node=node,
                    parent=parent,
                    depth=depth,
                    leaf=node == path and level == Level.VILLAGE,
                    default_share=d.quantize(SHARE_PLACES),
                    apportion_share=a.quantize(SHARE_PLACES),
                )
            )
    return rows


def targets_of(unit_ids: Iterable[int]) -> dict[int, list[RollupTarget]]:
    """Compiled targets, compiling and storing those of units seen for the first time."""
    ids = set(unit_ids)
    found: dict[int, list[RollupTarget]] = defaultdict(list)
    for t in RollupTarget.objects.filter(unit_id__in=ids):
        found[t.unit_id].append(t)
    missing = ids - set(found)
    if missing:
        rows = compile_targets(sorted(missing))
        try:
            with transaction.atomic():
                RollupTarget.objects.bulk_create(rows)
        except IntegrityError:  # compiled at the same moment by another request: theirs are the same
            rows = list(RollupTarget.objects.filter(unit_id__in=missing))
        for t in rows:
            found[t.unit_id].append(t)
    return found


def targets_recompile(unit_ids: Iterable[int] | None = None, *, batch: int = 2000, progress=None) -> int:
    """Recompile targets (all of them, or of these units) after the map changed. Returns units done."""
    if unit_ids is None:
        unit_ids = RollupTarget.objects.values_list("unit_id", flat=True).distinct()
    ids = sorted(set(unit_ids))
    m = _Map()
    done = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = compile_targets(chunk, cache=m)
        with transaction.atomic():  # a unit never has no targets: swapped in one step
            RollupTarget.objects.filter(unit_id__in=chunk).delete()
            RollupTarget.objects.bulk_create(rows, batch_size=1000)
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    return done
