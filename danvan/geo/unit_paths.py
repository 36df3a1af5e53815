"""Records that belong to a place carry a copy of their unit's path (`unit_path`).

Why: a scope is a set of path prefixes (`org.access`). Reading "the open reports of a province"
through a join on `geo_adminunit.path` walks the province's ~2,000 units and probes each record
table's `unit_id` index once per unit: on the national dataset that was most of the home page's
time (27 ms for one count). With the path on the record and an index on (status, unit_path), the
same count is one index range scan per granted prefix.

The copy must never be stale, so it is kept in the three places where it could go wrong:
`UnitPathMixin.save` (every single write), `fill_unit_paths` (bulk inserts, which skip `save`), and
`resync_all` (a map load that moves units, called by `geo.services.map_load` in its transaction).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import OuterRef, Subquery

CHUNK = 5000  # ids per query: well under SQLite's limit on bound parameters


class UnitPathMixin(models.Model):
    """For a model with a `unit` foreign key: keeps `unit_path` equal to `unit.path` on every save."""

    unit_path = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        unit_id = self.unit_id  # type: ignore[attr-defined]  # declared by the concrete model
        if unit_id is not None and (not self.unit_path or getattr(self, "_unit_path_of", None) != unit_id):
            self.unit_path = self.unit.path  # type: ignore[attr-defined]  # cached when set through the relation
            fields = kwargs.get("update_fields")
            if fields is not None:
                kwargs["update_fields"] = {*fields, "unit_path"}
        super().save(*args, **kwargs)
        self._unit_path_of = unit_id

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> Any:
        obj = super().from_db(db, field_names, values, **kwargs)
        obj._unit_path_of = obj.__dict__.get("unit_id")  # the unit whose path was read with the row
        return obj


def fill_unit_paths(objs: Iterable[Any]) -> None:
    """Before `bulk_create`: set each record's `unit_path` from its `unit_id` (one query per 5,000 units)."""
    from danvan.geo.models import AdminUnit

    objs = list(objs)
    ids = sorted({o.unit_id for o in objs if o.unit_id is not None})
    paths: dict[int, str] = {}
    for start in range(0, len(ids), CHUNK):
        paths.update(AdminUnit.objects.filter(pk__in=ids[start : start + CHUNK]).values_list("pk", "path"))
    for o in objs:
        if o.unit_id is not None:
            o.unit_path = paths[o.unit_id]
            o._unit_path_of = o.unit_id


def resync(model: type[models.Model]) -> int:
    """Rewrite the copies that differ from their unit's path (after units moved); the number rewritten."""
    from danvan.geo.models import AdminUnit

    path = Subquery(AdminUnit.objects.filter(pk=OuterRef("unit_id")).values("path")[:1])
    return model._default_manager.exclude(unit_path=path).update(unit_path=path)


def resync_all() -> dict[str, int]:
    """Every model carrying a copy, by label: how many records each had rewritten."""
    return {m._meta.label: resync(m) for m in apps.get_models() if issubclass(m, UnitPathMixin)}
